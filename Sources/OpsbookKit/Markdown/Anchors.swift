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
    /// document order, so the n-th opening tag belongs to the n-th recorded heading.
    static func addIDs(to html: [UInt8], headings: [MarkdownHeading]) -> [UInt8] {
        guard !headings.isEmpty else { return html }
        var output: [UInt8] = []
        output.reserveCapacity(html.count + headings.count * 24)
        var copied = 0
        for heading in headings {
            let tag = Array("<h\(heading.level)>".utf8)
            guard let offset = html.offset(of: tag, from: copied) else { break }
            output += html[copied..<offset]
            output += "<h\(heading.level) id=\"\(HTML.escape(heading.anchor))\">".utf8
            copied = offset + tag.count
        }
        output += html[copied...]
        return output
    }
}
