import Foundation

/// Reads a content file as text the way every loader needs it: UTF-8 (an invalid file is
/// an error, not mojibake), BOM dropped, CRLF folded to LF so line numbers stay true.
enum SourceText {
    static func read(_ url: URL, log: DiagnosticLog) -> String? {
        let location = SourceLocation(file: url.path, line: 1, column: 1)
        guard let data = try? Data(contentsOf: url) else {
            log.error("file.unreadable", at: location, "cannot read file")
            return nil
        }
        // The standard library's validation, not Foundation's String(data:encoding:).
        guard var text = data.withUnsafeBytes({ String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) }) else {
            let (line, column) = position(ofByte: firstInvalidUTF8(data), in: data)
            log.error("file.encoding", at: SourceLocation(file: url.path, line: line, column: column),
                      "file is not valid UTF-8 here (save it as UTF-8)")
            return nil
        }
        if let nul = firstNUL(data) {
            let (line, column) = position(ofByte: nul, in: data)
            log.error("file.nul", at: SourceLocation(file: url.path, line: line, column: column), "file contains a NUL byte here")
            return nil
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.fastContains("\r") {
            text = text.fastReplacing("\r\n", with: "\n").fastReplacing("\r", with: "\n")
        }
        // These two private-use characters are the renderer's placeholders.
        if text.fastContains(String(RenderedMarkdown.textOpen)) || text.fastContains(String(RenderedMarkdown.textClose)) {
            text.removeAll { $0 == RenderedMarkdown.textOpen || $0 == RenderedMarkdown.textClose }
        }
        return text
    }
}

extension SourceText {
    /// memchr, not `Data.firstIndex(of:)`: that walks byte by byte through Data's accessors,
    /// which was a tenth of loading 10,000 pages.
    static func firstNUL(_ data: Data) -> Int? {
        data.withUnsafeBytes { bytes -> Int? in
            guard let base = bytes.baseAddress, let found = memchr(base, 0, bytes.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }

    /// The offset of the first byte that does not begin or continue a valid UTF-8 sequence
    /// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF); the count when
    /// all of it is valid. One pass, no copy: sheets of an export can be hundreds of megabytes.
    static func firstInvalidUTF8(_ data: Data) -> Int {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int in
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 { index += 1; continue }
                let length: Int, second: ClosedRange<UInt8>
                switch lead {
                case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
                case 0xE0: (length, second) = (3, 0xA0...0xBF)
                case 0xED: (length, second) = (3, 0x80...0x9F)
                case 0xE1...0xEF: (length, second) = (3, 0x80...0xBF)
                case 0xF0: (length, second) = (4, 0x90...0xBF)
                case 0xF4: (length, second) = (4, 0x80...0x8F)
                case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
                default: return index
                }
                guard index + length <= bytes.count, second.contains(bytes[index + 1]) else { return index }
                for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return index }
                index += length
            }
            return bytes.count
        }
    }

    /// Line and character column (1-based) of a byte offset of UTF-8 text.
    static func position(ofByte offset: Int, in bytes: some Collection<UInt8>) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in bytes.prefix(offset) {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }
}

/// A Markdown file split at its front matter: YAML between `---` lines, or TOML between `+++`
/// lines, at the very top.
struct FrontMatterSplit {
    var yaml: String?
    /// Lines of the file before the YAML text (1: the opening `---`).
    var yamlLineOffset = 1
    var body: String
    /// Lines of the file before the body.
    var bodyLineOffset = 0

    init(_ text: String, file: String, log: DiagnosticLog) {
        body = text
        // Only the front matter is cut into lines; the body stays one string.
        let bytes = text.utf8
        var lineStart = bytes.startIndex
        var lineNumber = 0
        func nextLine() -> Substring? {
            guard lineStart < bytes.endIndex else { return nil }
            let end = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            let line = text[lineStart..<end]
            lineStart = end < bytes.endIndex ? bytes.index(after: end) : end
            lineNumber += 1
            return line
        }
        guard let first = nextLine() else { return }
        // `---` opens YAML; `+++` opens TOML (Hugo), read into YAML text with the same lines.
        let opener = first.trimmingWhitespace
        guard opener == "---" || opener == "+++" else { return }
        let yamlStart = lineStart
        while true {
            let closeStart = lineStart
            guard let line = nextLine() else {
                log.error("frontmatter.unterminated", at: SourceLocation(file: file, line: 1, column: 1),
                          "front matter starts with '\(opener)' but has no closing '\(opener)' line")
                return
            }
            // Most lines are `key: value`: their first byte already says they close nothing.
            switch line.utf8.first {
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: " "), UInt8(ascii: "\t"), .some(0x80...0xFF): break
            default: continue
            }
            let trimmed = line.trimmingWhitespace
            guard trimmed == opener || (opener == "---" && trimmed == "...") else { continue }
            // The YAML text ends before the newline that precedes the closing line.
            let yamlEnd = closeStart > yamlStart ? bytes.index(before: closeStart) : yamlStart
            let inner = String(text[yamlStart..<yamlEnd])
            if opener == "---" {
                yaml = inner
            } else {
                do { yaml = try TOMLFrontMatter.yaml(from: inner) } catch {
                    log.error("toml.syntax", at: SourceLocation(file: file, line: error.line + yamlLineOffset, column: error.column),
                              "TOML syntax error: \(error.message)")
                }
            }
            body = String(text[lineStart...])
            bodyLineOffset = lineNumber
            return
        }
    }
}
