/// How a block's replacement is indented, by the rules the Mustache spec's inheritance tests
/// encode (mustache/spec #130): a replacement loses the indentation it was written with and
/// takes the one of the place it fills, so that a child template reads naturally whatever
/// its parent's nesting.
///
/// - A block whose opening tag ends its line has an *intrinsic* indentation: that of the
///   first line after it.
/// - As a replacement (inside `{{< parent}}`), its text drops its intrinsic indentation
///   from every line, and ends with a line break when its closing tag stood at a line's
///   start or end.
/// - As a place to fill (in the parent), a block whose tags stand alone on their lines (the
///   parser dropped their indentation) gives a replacement its intrinsic indentation, else
///   the indentation before its opening tag.
struct BlockShape: Sendable, Hashable {
    /// The block's text as a replacement, its own indentation removed; nil when it cannot be
    /// read again on its own (delimiters were changed before it).
    var argumentSource: String?
    /// The indentation a replacement takes in this place; empty: none.
    var expansion: [UInt8] = []

    init() {}

    /// `open` and `close`: the byte ranges of the block's opening and closing tags;
    /// `openStandsAlone`: whether the opening tag's line holds only tags (so the parser
    /// dropped its indentation, which a replacement then gets instead).
    init(_ source: [UInt8], open: Range<Int>, close: Range<Int>, openStandsAlone: Bool) {
        let openEndsLine = Self.clearsEnd(source, open.upperBound)
        var start = open.upperBound
        if openEndsLine { start = source[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? source.count }
        var end = close.lowerBound
        if Self.clearsStart(source, end) { end = max(start, source[..<end].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) }
        let intrinsic = openEndsLine ? Array(source[start...].prefix { $0 == 0x20 || $0 == 0x09 }) : []

        var text = Self.lines(source[start..<max(start, end)]).map { line in
            line.starts(with: intrinsic) ? Array(line.dropFirst(intrinsic.count)) : Array(line)
        }.joined(separator: [0x0A]).map(\.self)
        if !text.isEmpty, text.last != 0x0A, Self.clearsStart(source, close.lowerBound) || Self.clearsEnd(source, close.upperBound) {
            text.append(0x0A)
        }
        argumentSource = String(decoding: text, as: UTF8.self)

        if openStandsAlone, Self.clearsStart(source, open.lowerBound), Self.clearsEnd(source, close.upperBound) {
            let lineStart = source[..<open.lowerBound].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            expansion = openEndsLine && !intrinsic.isEmpty ? intrinsic : Array(source[lineStart..<open.lowerBound])
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    /// Only blanks between the line's start and `offset`.
    private static func clearsStart(_ source: [UInt8], _ offset: Int) -> Bool {
        var index = offset
        while index > 0, isBlank(source[index - 1]) { index -= 1 }
        return index == 0 || source[index - 1] == 0x0A
    }

    /// Only blanks between `offset` and the line's end.
    private static func clearsEnd(_ source: [UInt8], _ offset: Int) -> Bool {
        var index = offset
        while index < source.count, isBlank(source[index]) { index += 1 }
        return index == source.count || source[index] == 0x0A
    }

    private static func lines(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    }

    /// `source` with `indent` before every non-empty line, as a partial's lines are indented.
    static func indent(_ source: String, by indent: [UInt8]) -> String {
        let prefix = String(decoding: indent, as: UTF8.self)
        return source.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? String($0) : prefix + $0 }.joined(separator: "\n")
    }
}

/// A block given inside `{{< parent}}`: what replaces the parent's block of that name.
struct TemplateArgument: Sendable {
    /// Read from its text without its own indentation (as the place it fills indents it).
    var nodes: [TemplateNode]
    /// That text, for the library to indent for the places that ask for it.
    var source: String?

    init(_ nodes: [TemplateNode], shape: BlockShape) {
        if let text = shape.argumentSource, let reread = try? TemplateParser.parse(text) {
            self.nodes = reread
            source = text
        } else {
            self.nodes = nodes
        }
    }
}
