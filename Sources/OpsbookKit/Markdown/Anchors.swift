import CCmarkGFM

/// GitHub-style heading anchors: lowercased, punctuation dropped, spaces to hyphens, CJK
/// kept; repeats get `-1`, `-2`, … so every anchor on a page is unique.
struct Anchors {
    private var used: [String: Int] = [:]

    static func slug(_ text: String) -> String {
        // Every heading and every tag has one: ASCII is handled without Unicode property
        // tables, and the string is lowercased only when a non-ASCII letter has a lower case.
        let needsLowercasing = text.unicodeScalars.contains { !$0.isASCII && $0.properties.changesWhenLowercased }
        var slug = String.UnicodeScalarView()
        for scalar in (needsLowercasing ? text.lowercased() : text).unicodeScalars {
            if scalar.isASCII {
                switch scalar {
                case " ", "-": slug.append("-")
                case "A"..."Z": slug.append(Unicode.Scalar(UInt8(scalar.value) + 32))
                case "a"..."z", "0"..."9", "_": slug.append(scalar)
                default: continue
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                slug.append(scalar)
            }
        }
        return String(slug)
    }

    /// `id`: one the author set (`{#id}`), kept as written unless an earlier heading took it.
    mutating func unique(for text: String, id: String? = nil) -> String {
        let slug = id ?? Anchors.slug(text)
        let base = slug.isEmpty ? "section" : slug
        guard let count = used[base] else { used[base] = 0; return base }
        var next = count + 1
        while used["\(base)-\(next)"] != nil { next += 1 }
        used[base] = next
        used["\(base)-\(next)"] = 0
        return "\(base)-\(next)"
    }

    /// Hugo, Pandoc and MkDocs (attr_list) set a heading's id with a trailing `{#id}`,
    /// `{ #id .class }` or `{: #id }`: the list is cut from the heading's text and its id returned.
    static func takeAttributeList(from heading: CMarkNode) -> String? {
        var last = heading.firstChild
        while let next = last?.next { last = next }
        guard let last, last.type == CMARK_NODE_TEXT, let text = last.literal, text.hasSuffix("}"),
              let match = text.firstMatch(of: attributeList) else { return nil }
        last.literal = String(text[..<match.range.lowerBound])
        let id = match.output.1.split(separator: " ").first { $0.hasPrefix("#") }.map { String($0.dropFirst()) }
        return id.flatMap { $0.isEmpty ? nil : $0 }
    }

    // Made at each use: a Regex is not Sendable, and pages are rendered on every core.
    private static var attributeList: Regex<(Substring, Substring)> { /[ \t]*\{:?[ \t]*((?:[#.][\w:.-]+|[\w-]+=(?:"[^"]*"|[^\s"}]+))(?:[ \t]+(?:[#.][\w:.-]+|[\w-]+=(?:"[^"]*"|[^\s"}]+)))*)[ \t]*\}[ \t]*$/ }

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
        for heading in headings {
            let tag = Array("<h\(heading.level)>".utf8), close = Array("</h\(heading.level)>".utf8)
            guard let offset = html.offset(of: tag, from: copied), let end = html.offset(of: close, from: offset) else { break }
            let anchor = HTML.escape(heading.anchor)
            output += html[copied..<offset]
            output += "<h\(heading.level) id=\"\(anchor)\">".utf8
            output += html[(offset + tag.count)..<end]
            output += "<a class=\"heading-anchor\" href=\"#\(anchor)\" aria-label=\"\(HTML.escape(label))\" data-pagefind-ignore>#</a>".utf8
            copied = end
        }
        output += html[copied...]
        return output
    }
}
