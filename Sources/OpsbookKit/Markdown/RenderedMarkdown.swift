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
        // A byte scan: every marker is ASCII or a fixed 3-byte sequence, and the HTML around
        // them is copied through untouched.
        let source = Array(html.utf8)
        let prefix = Array(RenderedMarkdown.urlPrefix.utf8)
        let open = Array(String(RenderedMarkdown.textOpen).utf8), close = Array(String(RenderedMarkdown.textClose).utf8)
        let anchorStart = Array("<a href=\"".utf8), imageStart = Array("<img src=\"".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(source.count + 256)
        var dropNextClose = false
        var at = 0, nextOpen = 0, nextPrefix = 0
        let linkClose = Array("</a>".utf8)
        func matches(_ marker: [UInt8], at index: Int) -> Bool {
            index + marker.count <= source.count && source[index..<index + marker.count].elementsEqual(marker)
        }
        func number(at index: Int) -> (value: Int, end: Int)? {
            var end = index, value = 0
            while end < source.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(source[end]), end - index < 9 {
                value = value * 10 + Int(source[end] - UInt8(ascii: "0"))
                end += 1
            }
            return end > index ? (value, end) : nil
        }
        while at < source.count {
            let byte = source[at]
            if byte == open[0], matches(open, at: at), let (index, end) = number(at: at + open.count), matches(close, at: end) {
                output += (texts[index] ?? "").utf8
                at = end + close.count
                continue
            }
            if byte == prefix[0], matches(prefix, at: at), let (index, end) = number(at: at + prefix.count), index < hrefs.count {
                at = end
                if let href = hrefs[index] {
                    output += href.utf8
                } else if output.count >= anchorStart.count, output.suffix(anchorStart.count).elementsEqual(anchorStart) {
                    output.removeLast(anchorStart.count)
                    if let gt = source[at...].firstIndex(of: UInt8(ascii: ">")) { at = gt + 1 }
                    dropNextClose = true
                } else if output.count >= imageStart.count, output.suffix(imageStart.count).elementsEqual(imageStart),
                          let slash = source.indices[at...].first(where: { matches(Array("/>".utf8), at: $0) }) {
                    output.removeLast(imageStart.count)
                    at = slash + 2
                }
                continue
            }
            if dropNextClose, byte == UInt8(ascii: "<"), matches(linkClose, at: at) {
                at += 4
                dropNextClose = false
                continue
            }
            // Copy the run up to the next place a marker starts, in one piece; each marker's next place
            // is searched for once (memchr), not tested byte by byte.
            if nextOpen <= at { nextOpen = source.offset(of: open, from: at + 1) ?? source.count }
            if nextPrefix <= at { nextPrefix = source.offset(of: prefix, from: at + 1) ?? source.count }
            var end = min(nextOpen, nextPrefix)
            if dropNextClose { end = min(end, source.offset(of: linkClose, from: at + 1) ?? source.count) }
            output.append(contentsOf: source[at..<end])
            at = end
        }
        return String(decoding: output, as: UTF8.self)
    }
}
