import CCmarkGFM

/// GitHub-style heading anchors: lowercased, punctuation dropped, spaces to hyphens, CJK
/// kept; repeats get `-1`, `-2`, … so every anchor on a page is unique.
struct Anchors {
    /// Room for a page's usual headings at once: growing the table hashed every key again.
    private var used = [Key: Int](minimumCapacity: 16)

    /// An anchor's bytes as a table key: a String key is hashed through Unicode normalization,
    /// slow for a Chinese heading — and two ids are one in HTML only when their bytes are.
    private struct Key: Hashable {
        let bytes: [UInt8]
        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
    }

    static func slug(_ text: String) -> String { String(decoding: slugBytes(text), as: UTF8.self) }

    private static func slugBytes(_ text: String) -> [UInt8] {
        let needsLowercasing = text.unicodeScalars.contains { !$0.isASCII && !isIdeograph($0) && $0.properties.changesWhenLowercased }
        var slug: [UInt8] = []
        slug.reserveCapacity(text.utf8.count)
        for scalar in (needsLowercasing ? text.lowercased() : text).unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                switch scalar {
                case " ", "-": slug.append(UInt8(ascii: "-"))
                case "A"..."Z": slug.append(byte + 32)
                case "a"..."z", "0"..."9", "_": slug.append(byte)
                default: continue
                }
            } else if isLetterOrDigit(scalar) {
                UTF8.encode(scalar) { slug.append($0) }
            }
        }
        return slug
    }

    /// A letter or digit beyond ASCII (what slugs and page folders keep); the bulk of a Chinese
    /// heading or path is decided without reading Unicode's property tables.
    static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        isIdeograph(scalar) || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// CJK unified ideographs and Hangul syllables: letters with no case, every one of them
    /// assigned, so no property table needs reading for the bulk of a Chinese heading.
    private static func isIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0xAC00...0xD7A3).contains(scalar.value)
    }

    /// `id`: one the author set (`{#id}`), kept as written unless an earlier heading took it.
    mutating func unique(for text: String, id: String? = nil) -> String {
        let slug = id.map { Array($0.utf8) } ?? Anchors.slugBytes(text)
        let base = slug.isEmpty ? Array("section".utf8) : slug
        // One hash for a heading met the first time (nearly all of them), not a lookup and then a store.
        guard let count = used.updateValue(0, forKey: Key(bytes: base)) else { return String(decoding: base, as: UTF8.self) }
        var next = count + 1
        func numbered(_ number: Int) -> [UInt8] { base + Array("-\(number)".utf8) }
        while used[Key(bytes: numbered(next))] != nil { next += 1 }
        let anchor = numbered(next)
        used[Key(bytes: base)] = next
        used[Key(bytes: anchor)] = 0
        return String(decoding: anchor, as: UTF8.self)
    }

    /// Hugo, Pandoc and MkDocs (attr_list) set a heading's id with a trailing `{#id}`,
    /// `{ #id .class }` or `{: #id }`: the list is cut from the heading's text and its id returned.
    static func takeAttributeList(from heading: CMarkNode) -> String? {
        var last = heading.firstChild
        while let next = last?.next { last = next }
        guard let last, last.type == CMARK_NODE_TEXT, last.lastLiteralByte == UInt8(ascii: "}"), let text = last.literal,
              let match = text.firstMatch(of: attributeList) else { return nil }
        last.literal = String(text[..<match.range.lowerBound])
        let id = match.output.1.split(separator: " ").first { $0.hasPrefix("#") }.map { String($0.dropFirst()) }
        return id.flatMap { $0.isEmpty ? nil : $0 }
    }

    // Made at each use: a Regex is not Sendable, and pages are rendered on every core.
    private static var attributeList: Regex<(Substring, Substring)> {
        /[ \t]*\{:?[ \t]*((?:[#.][\w:.-]+|[\w-]+=(?:"[^"]*"|[^\s"}]+))(?:[ \t]+(?:[#.][\w:.-]+|[\w-]+=(?:"[^"]*"|[^\s"}]+)))*)[ \t]*\}[ \t]*$/
    }

    /// The ids MkDocs (Python-Markdown's toc) gives these headings, in order: ASCII only
    /// after NFKD, word characters, spaces and '-' kept, runs of both to '-'; an id taken
    /// or empty gets `_1`, `_2` … (so Chinese headings are `_1`, `_2`, …).
    static func mkdocsIDs(_ texts: [String]) -> [String] {
        var used = Set<String>()
        return texts.map { text in
            var kept = String.UnicodeScalarView()
            for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars where scalar.isASCII {
                let character = Character(scalar)
                if character.isLetter || character.isNumber || "_- ".unicodeScalars.contains(scalar) || scalar == "\t" {
                    kept.append(scalar)
                }
            }
            var id = "", separator = false
            for character in String(kept).trimmingWhitespace.lowercased() {
                if character == "-" || character.isWhitespace { separator = true; continue }
                if separator { id.append("-"); separator = false }
                id.append(character)
            }
            while used.contains(id) || id.isEmpty {
                if let underscore = id.lastIndex(of: "_"), let number = Int(id[id.index(after: underscore)...]) {
                    id = id[..<underscore] + "_\(number + 1)"
                } else {
                    id += "_1"
                }
            }
            used.insert(id)
            return id
        }
    }

    /// An anchor compared loosely: case, `_` against `-`, and repeated or edge separators
    /// ignored ("#Add_Runbook" and "#add-runbook" are one).
    static func loose(_ anchor: String) -> String {
        let words = anchor.lowercased().split { $0 == "-" || $0 == "_" || $0 == " " }
        return words.joined(separator: "-")
    }

    /// The heading an anchor written for another tool means, if exactly one fits.
    static func matching(_ written: String, in headings: [MarkdownHeading]) -> MarkdownHeading? {
        let mkdocs = mkdocsIDs(headings.map(\.text))
        if let index = mkdocs.firstIndex(of: written) { return headings[index] }
        let wanted = loose(written)
        let fits = headings.filter { loose($0.anchor) == wanted }
        return fits.count == 1 ? fits[0] : nil
    }

    /// cmark emits `<hN>` only for headings (raw HTML is omitted, text is escaped), in
    /// document order, so the n-th opening tag belongs to the n-th recorded heading. Each
    /// heading also ends with its permalink (`#`, shown on hover and focus; `label` names it
    /// for screen readers; the search index leaves it out).
    static func addIDs(to html: [UInt8], headings: [MarkdownHeading], label: String) -> [UInt8] {
        guard !headings.isEmpty else { return html }
        var output: [UInt8] = []
        output.reserveCapacity(html.count + headings.count * 120)
        var copied = 0
        let labelPart = Array("\" aria-label=\"\(HTML.escape(label))\" data-pagefind-ignore>#</a>".utf8)
        for heading in headings {
            let level = min(max(heading.level, 1), 6)  // cmark: 1 to 6
            let (open, close) = (headingTags.open[level - 1], headingTags.close[level - 1])
            guard let offset = html.offset(of: open, from: copied), let end = html.offset(of: close, from: offset) else { break }
            let anchor = Array(HTML.escape(heading.anchor).utf8)
            output += html[copied..<offset]
            output += headingTags.openWithID[level - 1]
            output += anchor
            output += tagEnd
            output += html[(offset + open.count)..<end]
            output += anchorLink
            output += anchor
            output += labelPart
            copied = end
        }
        output += html[copied...]
        return output
    }

    /// `<h1>` … `<h6>` and their closing tags, made once.
    private static let headingTags = (open: (1...6).map { Array("<h\($0)>".utf8) }, close: (1...6).map { Array("</h\($0)>".utf8) },
                                      openWithID: (1...6).map { Array("<h\($0) id=\"".utf8) })
    private static let tagEnd = Array("\">".utf8)
    private static let anchorLink = Array("<a class=\"heading-anchor\" href=\"#".utf8)
}
