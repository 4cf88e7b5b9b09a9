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
        guard var text = String(data: data, encoding: .utf8) else {
            log.error("file.encoding", at: location, "file is not valid UTF-8")
            return nil
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.utf8.contains(13) {
            text = text.fastReplacing("\r\n", with: "\n").fastReplacing("\r", with: "\n")
        }
        // These two private-use characters are the renderer's placeholders.
        if text.fastContains(String(RenderedMarkdown.textOpen)) || text.fastContains(String(RenderedMarkdown.textClose)) {
            text.removeAll { $0 == RenderedMarkdown.textOpen || $0 == RenderedMarkdown.textClose }
        }
        return text
    }
}

/// A Markdown file split at its front matter (YAML between `---` lines at the very top).
struct FrontMatterSplit {
    var yaml: String?
    /// Lines of the file before the YAML text (1: the opening `---`).
    var yamlLineOffset = 1
    var body: String
    /// Lines of the file before the body.
    var bodyLineOffset = 0

    init(_ text: String, file: String, log: DiagnosticLog) {
        body = text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first else { return }
        let opener = first.trimmingCharacters(in: .whitespaces)
        if opener == "+++" {
            log.warning("frontmatter.toml", at: SourceLocation(file: file, line: 1, column: 1),
                        "TOML front matter is not supported; the block is shown as text")
            return
        }
        guard opener == "---" else { return }
        guard let close = lines.indices.dropFirst().first(where: {
            let line = lines[$0].trimmingCharacters(in: .whitespaces)
            return line == "---" || line == "..."
        }) else {
            log.error("frontmatter.unterminated", at: SourceLocation(file: file, line: 1, column: 1),
                      "front matter starts with '---' but has no closing '---' line")
            return
        }
        yaml = lines[1..<close].joined(separator: "\n")
        body = lines[(close + 1)...].joined(separator: "\n")
        bodyLineOffset = close + 1
    }
}
