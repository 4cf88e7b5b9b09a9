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

    mutating func unique(for text: String) -> String {
        let slug = Anchors.slug(text)
        let base = slug.isEmpty ? "section" : slug
        guard let count = used[base] else { used[base] = 0; return base }
        var next = count + 1
        while used["\(base)-\(next)"] != nil { next += 1 }
        used[base] = next
        used["\(base)-\(next)"] = 0
        return "\(base)-\(next)"
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
