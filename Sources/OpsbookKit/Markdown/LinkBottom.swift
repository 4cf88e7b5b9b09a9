import CCmarkGFM
import Foundation

/// Keeps cmark-gfm linear on link-heavy paragraphs. Debian's 0.29.0.gfm.6, on a closing
/// link, walks the emphasis delimiter stack from its top looking for the delimiter that was
/// on top when the link opened; when the link text added none, the walk misses it and runs
/// to the bottom — every `*`/`_` run pending in the paragraph, for every link
/// (16,000 × `word [x](a.md) **b**`: 0.7 s, 1 MB of it: 18 s).
///
/// The fix from outside the library: a marker after each "[" that a tiny syntax extension
/// turns into an empty text node plus an inert delimiter, so every link's text holds a
/// delimiter and the walk stops at once (1 MB: 0.2 s). The marker is U+2E3B THREE-EM DASH:
/// punctuation like "[", so an emphasis run after it flanks as it did after the "[" (a
/// control character changed that; the differential fuzzer found it). The tree and HTML
/// are those of the unmarked text: labels stay consistent because definitions are marked
/// the same way, task boxes are left unmarked, and the marker is stripped wherever cmark
/// keeps it verbatim (code, raw HTML, URLs). `MarkdownConformanceTests` renders the whole
/// CommonMark and GFM spec marked and unmarked and compares; the `markdown` fuzz target
/// compares every input.
enum LinkBottom {
    static let marker: [UInt8] = [0xE2, 0xB8, 0xBB]
    static let markerText = "\u{2E3B}"

    /// Registered once; attached only to the parsers that need it.
    nonisolated(unsafe) static let `extension`: OpaquePointer? = {
        guard let ext = cmark_syntax_extension_new("opsbook_link_bottom") else { return nil }
        let characters = cmark_llist_append(cmark_get_default_mem_allocator(), nil, UnsafeMutableRawPointer(bitPattern: Int(marker[0])))
        cmark_syntax_extension_set_special_inline_chars(ext, characters)
        cmark_syntax_extension_set_match_inline_func(ext) { _, _, _, character, inlineParser in
            // cmark offers every byte that is not its own to each extension; 0xE2 also leads
            // many other characters, which stay text.
            guard character == LinkBottom.marker[0], let inlineParser else { return nil }
            let offset = cmark_inline_parser_get_offset(inlineParser)
            guard cmark_inline_parser_peek_at(inlineParser, offset + 1) == LinkBottom.marker[1],
                  cmark_inline_parser_peek_at(inlineParser, offset + 2) == LinkBottom.marker[2] else { return nil }
            cmark_inline_parser_set_offset(inlineParser, offset + 3)
            guard let node = cmark_node_new_with_mem(CMARK_NODE_TEXT, cmark_get_default_mem_allocator()) else { return nil }
            cmark_node_set_literal(node, "")
            cmark_inline_parser_push_delimiter(inlineParser, character, 0, 0, node)
            return node
        }
        return ext
    }()

    /// Whether a text needs it: a paragraph whose links × delimiter runs would cost cmark
    /// noticeable time, and no marker byte of its own.
    static func needed(_ markdown: String) -> Bool {
        ParagraphComplexity.firstTooComplex(markdown) != nil && !markdown.fastContains(markerText)
    }

    /// The marker after each "[" that may open a link, except where cmark reads the "["
    /// literally: an empty label (`[]`, `[ ]`, a collapsed reference's `[]`), inside an
    /// autolink (`<https://a/[b]>`), in `<![CDATA[`, and any `[x]` / `[X]` on a line that
    /// starts a task item — gfm.6's tasklist extension ticks the box when the rest of the
    /// line holds `[x]` anywhere, and that must stay as it is.
    static func marked(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        var autolinkEnd = 0, lineStart = 0
        var taskLine: Bool?
        for (index, byte) in bytes.enumerated() {
            out.append(byte)
            if byte == 10 || byte == 13 { (lineStart, taskLine) = (index + 1, nil) }
            if byte == UInt8(ascii: "<"), index >= autolinkEnd { autolinkEnd = autolink(in: bytes, at: index) ?? 0 }
            guard byte == UInt8(ascii: "["), index >= autolinkEnd else { continue }
            let task = taskLine ?? startsTaskItem(bytes, at: lineStart)
            taskLine = task
            if literalBracket(in: bytes, at: index, taskLine: task) { continue }
            out += marker
        }
        return out
    }

    private static func literalBracket(in bytes: [UInt8], at index: Int, taskLine: Bool) -> Bool {
        var next = index + 1
        while next < bytes.count, [9, 10, 13, 32].contains(bytes[next]) { next += 1 }
        if next < bytes.count, bytes[next] == UInt8(ascii: "]") { return true }
        if taskLine, index + 2 < bytes.count, "xX".utf8.contains(bytes[index + 1]), bytes[index + 2] == UInt8(ascii: "]") { return true }
        let before = bytes[..<index]
        return before.suffix(2).elementsEqual("<!".utf8) || before.suffix(8).elementsEqual("<![CDATA".utf8)
    }

    /// Whether the line at `start` opens a list item (after any quote markers and outer list
    /// markers) with a task box: `- [ ]`, `1. [x]`, `> * [X]`.
    private static func startsTaskItem(_ bytes: [UInt8], at start: Int) -> Bool {
        var index = start
        func skip(_ set: [UInt8]) -> Int {
            let from = index
            while index < bytes.count, set.contains(bytes[index]) { index += 1 }
            return index - from
        }
        _ = skip([9, 32, UInt8(ascii: ">")])
        var markers = 0
        while index < bytes.count {
            let from = index
            if "-+*".utf8.contains(bytes[index]) {
                index += 1
            } else if skip(Array("0123456789".utf8)) > 0, index < bytes.count, ".)".utf8.contains(bytes[index]) {
                index += 1
            } else {
                index = from
                break
            }
            guard skip([9, 32]) > 0 else { index = from; break }
            markers += 1
        }
        guard markers > 0, index + 2 < bytes.count, bytes[index] == UInt8(ascii: "["), bytes[index + 2] == UInt8(ascii: "]") else {
            return false
        }
        return " xX".utf8.contains(bytes[index + 1])
    }

    /// The end of a URI autolink starting at `<` (scheme of 2–32 characters, ":", no space
    /// or "<" before ">"), as cmark scans it.
    private static func autolink(in bytes: [UInt8], at start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count, index - start <= 33, isSchemeByte(bytes[index], first: index == start + 1) { index += 1 }
        guard index - start - 1 >= 2, index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: ">"): return index + 1
            case 0...32, UInt8(ascii: "<"): return nil
            default: index += 1
            }
        }
        return nil
    }

    private static func isSchemeByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): true
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "-"): !first
        default: false
        }
    }

    /// A C string from the tree, without markers.
    static func string(_ pointer: UnsafePointer<CChar>) -> String {
        guard strstr(pointer, markerText) != nil else { return String(cString: pointer) }
        return String(decoding: strip(Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                                              count: strlen(pointer)))), as: UTF8.self)
    }

    /// How many markers `bytes` hold.
    static func count(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        marker.withUnsafeBufferPointer { marker in
            var count = 0, position = 0
            while let found = bytes.offset(of: marker, from: position) {
                count += 1
                position = found + marker.count
            }
            return count
        }
    }

    /// Link and image destinations without markers, before anything reads or renders them.
    static func stripURLs(under root: OpaquePointer) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator), let url = cmark_node_get_url(node),
                  strstr(url, markerText) != nil else { continue }
            cmark_node_set_url(node, string(url))
        }
    }

    /// Rendered HTML (or any bytes) without markers: in code and raw HTML cmark copies them
    /// as they are.
    static func strip(_ bytes: [UInt8]) -> [UInt8] {
        guard var found = bytes.offset(of: marker) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var copied = 0
        while true {
            out += bytes[copied..<found]
            copied = found + marker.count
            guard let next = bytes.offset(of: marker, from: copied) else { break }
            found = next
        }
        out += bytes[copied...]
        return out
    }
}
