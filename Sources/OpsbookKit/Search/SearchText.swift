/// What the search index reads of one rendered page: the text of its element marked
/// `data-pagefind-body` (the theme's marker, so a site can still be indexed by Pagefind),
/// less every element marked `data-pagefind-ignore` and every `<nav>` (menus, pagers, contents),
/// its first `<h1>` as the title and the value of its `data-pagefind-filter` type. Read from
/// the HTML the reader gets, so the index holds exactly what the page shows. `excerpt`: the
/// text of its `class="body"` (the Markdown), where result excerpts come from, without the
/// properties and lists around it.
struct SearchText {
    var title = ""
    var type = ""
    var text = ""
    var excerpt = ""

    /// Elements whose ends separate words: a table cell's text never runs into the next.
    private static let blocks: Set<String> = ["address", "article", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
                                              "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
                                              "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul"]
    private static let void: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    /// Nil for a page that is not marked for the index.
    init?(html bytes: [UInt8]) {
        guard bytes.offset(of: Array("data-pagefind-body".utf8)) != nil else { return nil }
        // Per open element: inside the body, ignored, the h1 being read, the type filter.
        var stack: [(name: String, body: Bool, ignored: Bool, heading: Bool, filter: Bool, prose: Bool)] = []
        var text: [UInt8] = [], title: [UInt8] = [], type: [UInt8] = [], prose: [UInt8] = []
        var index = 0, titled = false
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "<") else {
                let top = stack.last
                if let top, top.body, !top.ignored { text.append(byte); if top.prose { prose.append(byte) } }
                if let top, top.heading { title.append(byte) }
                if let top, top.filter { type.append(byte) }
                index += 1
                continue
            }
            guard let end = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { break }
            let tag = Tag(bytes[(index + 1)..<end])
            index = end + 1
            if tag.name == "script" || tag.name == "style", !tag.closing {
                // Their text is code, not words.
                let close = Array("</\(tag.name)".utf8)
                index = bytes.offset(of: close, from: index) ?? bytes.count
                continue
            }
            if Self.blocks.contains(tag.name), let top = stack.last, top.body, !top.ignored { text.append(10); if top.prose { prose.append(10) } }
            if tag.closing {
                if let open = stack.lastIndex(where: { $0.name == tag.name }) {
                    if stack[open].heading { titled = true }
                    stack.removeSubrange(open...)
                }
                continue
            }
            guard !Self.void.contains(tag.name), !tag.selfClosing else { continue }
            let parent = stack.last
            let body = (parent?.body ?? false) || tag.has("data-pagefind-body")
            stack.append((tag.name, body, (parent?.ignored ?? false) || tag.has("data-pagefind-ignore") || (body && tag.name == "nav"),
                          tag.name == "h1" && body && !titled && !(parent?.ignored ?? false),
                          tag.has("data-pagefind-filter") && type.isEmpty && tag.attribute("data-pagefind-meta") != nil,
                          (parent?.prose ?? false) || tag.attribute("class")?.split(separator: " ").contains("body") == true))
        }
        self.title = Self.clean(title)
        self.type = Self.clean(type)
        self.text = Self.clean(text)
        self.excerpt = Self.clean(prose)
    }

    /// Entities decoded, runs of blanks made one, line breaks kept (they end words).
    static func clean(_ bytes: [UInt8]) -> String {
        let decoded = HTMLEntities.decode(String(decoding: bytes, as: UTF8.self))
        var output = "", blank = false, newline = false
        for character in decoded {
            if character.isNewline { newline = true; continue }
            if character.isWhitespace { blank = true; continue }
            if newline, !output.isEmpty { output.append("\n") } else if blank, !output.isEmpty { output.append(" ") }
            blank = false
            newline = false
            output.append(character)
        }
        return output
    }

    /// One tag's name and attributes, as much of them as the index needs.
    struct Tag {
        var name = ""
        var closing = false
        var selfClosing = false
        let source: String

        init(_ bytes: ArraySlice<UInt8>) {
            source = String(decoding: bytes, as: UTF8.self)
            var scalars = Substring(source)
            if scalars.hasPrefix("/") { closing = true; scalars = scalars.dropFirst() }
            selfClosing = scalars.hasSuffix("/")
            name = String(scalars.prefix { $0.isLetter || $0.isNumber }).lowercased()
        }

        func has(_ attribute: String) -> Bool { source.fastContains(" " + attribute) }

        func attribute(_ name: String) -> String? {
            guard let range = source.range(of: " \(name)=\"") else { return nil }
            let rest = source[range.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
    }
}

/// The entities Opsbook's HTML holds: the five of escaping, numeric references, and the few
/// named ones cmark writes.
enum HTMLEntities {
    private static let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " "]

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = "", rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semicolon = after.prefix(12).firstIndex(of: ";") else { output.append("&"); rest = after; continue }
            let name = after[..<semicolon]
            var value: String?
            if name.hasPrefix("#x") || name.hasPrefix("#X") { value = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) } }
            else if name.hasPrefix("#") { value = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) } }
            else { value = named[String(name)] }
            if let value { output += value; rest = after[after.index(after: semicolon)...] } else { output.append("&"); rest = after }
        }
        return output + rest
    }
}
