/// A parsed Mustache template: text as UTF-8 bytes, names split at dots once.
indirect enum TemplateNode: Sendable {
    case text([UInt8])
    case value(TemplateName, escaped: Bool)
    case section(TemplateName, [TemplateNode], inverted: Bool)
    /// `{{> name}}`; `indent` is the whitespace before a standalone tag, added to every line.
    case partial(String, indent: [UInt8])
    /// `{{< name}}…{{/name}}`: the named template rendered with these blocks replaced.
    case parent(String, indent: [UInt8], blocks: [String: TemplateArgument])
    /// `{{$ name}}default{{/name}}`; `shape` says how a replacement is indented here.
    case block(String, [TemplateNode], shape: BlockShape)
}

struct TemplateName: Sendable, Hashable {
    /// Empty for `{{.}}`, the current value.
    let parts: [String]
    /// `TemplateFields.code(of:)` of each part, computed once here rather than at every lookup.
    let codes: [UInt64]
    init(_ text: String) {
        parts = text == "." ? [] : text.parts(separatedBy: UInt8(ascii: "."), omittingEmpty: false).map(String.init)
        codes = parts.map(TemplateFields.code(of:))
    }
}

struct TemplateSyntaxError: Error, Equatable {
    var message: String
    /// Byte offset of the tag in the source; `position(in:)` turns it into line and column.
    var offset: Int
}

/// Mustache's grammar as the spec defines it (interpolation, sections, inverted sections,
/// partials, comments, set delimiters, inheritance), including standalone lines: a line
/// holding only whitespace and tags that print nothing leaves no trace in the output.
struct TemplateParser {
    private enum Token {
        case text([UInt8])
        /// `indent`: nil unless the tag's line is standalone; then the whitespace before the
        /// line's first tag (empty for the others).
        case tag(Tag)
    }

    private struct Tag {
        var kind: UInt8
        var name: String
        /// Where the tag starts and ends in the source.
        var offset: Int
        var end: Int
        var indent: [UInt8]?
        /// Whether `{{ }}` delimited it: a block's text can be read again on its own only then.
        var plainDelimiters: Bool
    }

    private let source: [UInt8]
    private var tokens: [Token] = []
    private var open: [UInt8] = Array("{{".utf8)
    private var close: [UInt8] = Array("}}".utf8)
    // The line being read: where its tokens start, whether it holds a tag that prints
    // nothing, and whether it holds anything else.
    private var lineStart = 0
    private var lineHasTag = false
    private var lineHasContent = false

    static func parse(_ text: String) throws(TemplateSyntaxError) -> [TemplateNode] {
        var parser = TemplateParser(source: Array(text.utf8))
        try parser.tokenize()
        var position = 0
        return try parser.tree(&position, closing: nil)
    }

    /// Every partial (`>`) and parent (`<`) a template names, with the tag's byte offset, read
    /// by the grammar itself: comments and changed delimiters are no trap for the check.
    static func inclusions(_ text: String) throws(TemplateSyntaxError) -> [(name: String, offset: Int)] {
        var parser = TemplateParser(source: Array(text.utf8))
        try parser.tokenize()
        return parser.tokens.compactMap { token in
            guard case let .tag(tag) = token, tag.kind == UInt8(ascii: ">") || tag.kind == UInt8(ascii: "<") else { return nil }
            return (tag.name, tag.offset)
        }
    }

    private init(source: [UInt8]) { self.source = source }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    private mutating func tokenize() throws(TemplateSyntaxError) {
        var position = 0
        while position < source.count {
            let tagStart = find(open, from: position) ?? source.count
            addText(position, tagStart)
            guard tagStart < source.count else { break }
            position = try readTag(at: tagStart)
        }
        endLine()
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= source.count else { return nil }
        var index = start
        while index + needle.count <= source.count {
            if source[index] == first, source[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// Text is cut at line ends so that each line's whitespace can be dropped on its own.
    private mutating func addText(_ start: Int, _ end: Int) {
        var lineBegin = start
        var index = start
        while index < end {
            let byte = source[index]
            if !Self.isBlank(byte), byte != 0x0A { lineHasContent = true }
            index += 1
            if byte == 0x0A {
                tokens.append(.text(Array(source[lineBegin..<index])))
                endLine()
                lineBegin = index
            }
        }
        if lineBegin < end { tokens.append(.text(Array(source[lineBegin..<end]))) }
    }

    /// A standalone line loses its whitespace and line end; a partial or parent on it keeps
    /// the whitespace before it as its indentation.
    private mutating func endLine() {
        defer { lineStart = tokens.count; lineHasTag = false; lineHasContent = false }
        guard lineHasTag, !lineHasContent else { return }
        var kept: [Token] = []
        var leading: [UInt8] = []
        var sawTag = false
        for token in tokens[lineStart...] {
            switch token {
            case let .text(bytes): if !sawTag { leading += bytes }
            case var .tag(tag):
                tag.indent = sawTag ? [] : leading
                kept.append(.tag(tag))
                sawTag = true
            }
        }
        tokens.replaceSubrange(lineStart..., with: kept)
    }

    private mutating func readTag(at start: Int) throws(TemplateSyntaxError) -> Int {
        var cursor = start + open.count
        guard cursor < source.count else {
            throw TemplateSyntaxError(message: "a tag is not closed with '\(String(decoding: close, as: UTF8.self))'", offset: start)
        }
        var kind = source[cursor]
        let plain = open == Array("{{".utf8) && close == Array("}}".utf8)
        let triple = kind == UInt8(ascii: "{") && open == Array("{{".utf8)
        if Array("#^/!>&<$={".utf8).contains(kind) && (kind != UInt8(ascii: "{") || triple) { cursor += 1 } else { kind = 0 }
        let terminator = triple ? [UInt8(ascii: "}")] + close : kind == UInt8(ascii: "=") ? [UInt8(ascii: "=")] + close : close
        guard let end = find(terminator, from: cursor) else {
            throw TemplateSyntaxError(message: "a tag is not closed with '\(String(decoding: terminator, as: UTF8.self))'", offset: start)
        }
        let name = String(decoding: source[cursor..<end], as: UTF8.self).trimmingWhitespace
        if kind == 0 || kind == UInt8(ascii: "&") || kind == UInt8(ascii: "{") { lineHasContent = true } else { lineHasTag = true }
        if kind == UInt8(ascii: "=") {
            let parts = name.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
                throw TemplateSyntaxError(message: "invalid set-delimiter tag", offset: start)
            }
            (open, close) = (Array(parts[0].utf8), Array(parts[1].utf8))
        } else if kind != UInt8(ascii: "!") {
            guard !name.isEmpty else { throw TemplateSyntaxError(message: "a tag has no name", offset: start) }
            tokens.append(
                .tag(Tag(kind: kind, name: name, offset: start, end: end + terminator.count, indent: nil, plainDelimiters: plain)))
        } else {
            // Kept as a tag so that its line can be standalone; it renders as nothing.
            tokens.append(.tag(Tag(kind: kind, name: "", offset: start, end: end + terminator.count, indent: nil, plainDelimiters: plain)))
        }
        return end + terminator.count
    }

    private func tree(_ position: inout Int, closing: (name: String, offset: Int)?) throws(TemplateSyntaxError) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        while position < tokens.count {
            let token = tokens[position]
            position += 1
            guard case let .tag(tag) = token else {
                if case let .text(bytes) = token { nodes.append(.text(bytes)) }
                continue
            }
            let (kind, name, offset, indent) = (tag.kind, tag.name, tag.offset, tag.indent)
            switch kind {
            case UInt8(ascii: "/"):
                guard let closing else { throw TemplateSyntaxError(message: "'\(name)' is closed but was never opened", offset: offset) }
                guard closing.name == name else {
                    throw TemplateSyntaxError(message: "a section is closed with a different name than it was opened ('\(closing.name)')",
                                              offset: offset)
                }
                return nodes
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let body = try tree(&position, closing: (name, offset))
                nodes.append(.section(TemplateName(name), body, inverted: kind == UInt8(ascii: "^")))
            case UInt8(ascii: "$"):
                let body = try tree(&position, closing: (name, offset))
                nodes.append(.block(name, body, shape: blockShape(open: tag, close: tokens[position - 1])))
            case UInt8(ascii: "<"):
                // Only block definitions count inside a parent; other text is ignored (spec).
                var blocks: [String: TemplateArgument] = [:]
                for case let .block(blockName, block, shape) in try tree(&position, closing: (name, offset)) where blocks[blockName] == nil
                {
                    blocks[blockName] = TemplateArgument(block, shape: shape)
                }
                nodes.append(.parent(name, indent: indent ?? [], blocks: blocks))
            case UInt8(ascii: ">"): nodes.append(.partial(name, indent: indent ?? []))
            case UInt8(ascii: "!"): continue
            default: nodes.append(.value(TemplateName(name), escaped: kind == 0))
            }
        }
        if let closing {
            throw TemplateSyntaxError(message: "a section is opened but never closed ('\(closing.name)')", offset: closing.offset)
        }
        return nodes
    }
}

extension TemplateParser {
    /// The shape of the block between these two tags (the second is its closing tag).
    private func blockShape(open: Tag, close: Token) -> BlockShape {
        guard case let .tag(close) = close, open.plainDelimiters else { return BlockShape() }
        return BlockShape(source, open: open.offset..<open.end, close: close.offset..<close.end, openStandsAlone: open.indent != nil)
    }
}

extension TemplateSyntaxError {
    /// 1-based line and column (in Unicode scalars) of the tag, and the line's text.
    func position(in text: String) -> (line: Int, column: Int, text: String) {
        let bytes = Array(text.utf8)
        let offset = min(offset, bytes.count)
        let before = bytes[..<offset]
        let line = before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        let lineBegin = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let lineEnd = bytes[offset...].firstIndex(of: 0x0A) ?? bytes.count
        let column = String(decoding: bytes[lineBegin..<offset], as: UTF8.self).unicodeScalars.count + 1
        return (line, column, String(decoding: bytes[lineBegin..<lineEnd], as: UTF8.self))
    }
}
