/// A link found in a Markdown body, before it is resolved against the site.
public struct MarkdownLink: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case link, image
        /// `[[id]]` or `[[id|text]]`; `hasLabel` says whether the author wrote the text.
        case wiki(hasLabel: Bool)
    }
    public var kind: Kind
    public var destination: String
    /// Line and column in the Markdown text given to the renderer, both 1-based; the
    /// column counts Unicode scalars, as YAML marks do.
    public var line: Int
    public var column: Int
}

public struct MarkdownHeading: Sendable, Hashable {
    public var level: Int
    public var text: String
    public var anchor: String
    public var line: Int
}

/// The HTML of one Markdown body with every link destination (and every `[[id]]` text)
/// left as a numbered placeholder, so it can be rendered before the whole site is known
/// and finished in one linear pass once links are resolved.
public struct RenderedMarkdown: Sendable {
    public var html: String
    public var links: [MarkdownLink]
    public var headings: [MarkdownHeading]
    /// The text of the first level-1 heading, which stands in for a missing `title`.
    public var firstHeading: String? { headings.first { $0.level == 1 }?.text }

    static let urlPrefix = "opsbook-ref:"
    static let textOpen: Character = "\u{E000}"
    static let textClose: Character = "\u{E001}"

    /// Replaces placeholder `n` by `hrefs[n]` (already HTML-attribute-safe) and, for wiki
    /// links without a label, by `texts[n]` (already escaped). A nil href removes the link
    /// and keeps its text (an image is removed whole).
    public func finished(hrefs: [String?], texts: [Int: String]) -> String {
        var dropNextClose = false
        var output = ""
        output.reserveCapacity(html.utf8.count + 64)
        var rest = html[...]
        while let marker = rest.firstIndex(where: { $0 == "o" || $0 == RenderedMarkdown.textOpen || ($0 == "<" && dropNextClose) }) {
            output += rest[..<marker]
            rest = rest[marker...]
            if rest.first == RenderedMarkdown.textOpen {
                let digits = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
                if let index = Int(digits), rest.dropFirst(1 + digits.count).first == RenderedMarkdown.textClose {
                    output += texts[index] ?? ""
                    rest = rest.dropFirst(2 + digits.count)
                    continue
                }
            } else if rest.hasPrefix(RenderedMarkdown.urlPrefix) {
                let digits = rest.dropFirst(RenderedMarkdown.urlPrefix.count).prefix { $0.isASCII && $0.isNumber }
                if let index = Int(digits), index < hrefs.count {
                    rest = rest.dropFirst(RenderedMarkdown.urlPrefix.count + digits.count)
                    if let href = hrefs[index] {
                        output += href
                    } else if output.hasSuffix("<a href=\"") {
                        output.removeLast("<a href=\"".count)
                        if let end = rest.firstIndex(of: ">") { rest = rest[rest.index(after: end)...] }
                        dropNextClose = true
                    } else if output.hasSuffix("<img src=\""), let end = rest.range(of: "/>") {
                        output.removeLast("<img src=\"".count)
                        rest = rest[end.upperBound...]
                    }
                    continue
                }
            } else if dropNextClose, rest.hasPrefix("</a>") {
                rest = rest.dropFirst(4)
                dropNextClose = false
                continue
            }
            output.append(rest.removeFirst())
        }
        output += rest
        return output
    }
}
