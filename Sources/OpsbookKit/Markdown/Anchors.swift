/// GitHub-style heading anchors: lowercased, punctuation dropped, spaces to hyphens, CJK
/// kept; repeats get `-1`, `-2`, … so every anchor on a page is unique.
struct Anchors {
    private var used: [String: Int] = [:]

    static func slug(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " || scalar == "-" { slug.append("-") }
            else if scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                slug.unicodeScalars.append(scalar)
            }
        }
        return slug
    }

    mutating func unique(for text: String) -> String {
        let base = Anchors.slug(text).isEmpty ? "section" : Anchors.slug(text)
        guard let count = used[base] else { used[base] = 0; return base }
        var next = count + 1
        while used["\(base)-\(next)"] != nil { next += 1 }
        used[base] = next
        used["\(base)-\(next)"] = 0
        return "\(base)-\(next)"
    }

    /// cmark emits `<hN>` only for headings (raw HTML is omitted, text is escaped), in
    /// document order, so the n-th opening tag belongs to the n-th recorded heading.
    static func addIDs(to html: String, headings: [MarkdownHeading]) -> String {
        guard !headings.isEmpty else { return html }
        var output = ""
        output.reserveCapacity(html.utf8.count + headings.count * 24)
        var rest = html[...]
        for heading in headings {
            let tag = "<h\(heading.level)>"
            guard let range = rest.range(of: tag) else { break }
            output += rest[..<range.lowerBound]
            output += "<h\(heading.level) id=\"\(HTML.escape(heading.anchor))\">"
            rest = rest[range.upperBound...]
        }
        output += rest
        return output
    }
}
