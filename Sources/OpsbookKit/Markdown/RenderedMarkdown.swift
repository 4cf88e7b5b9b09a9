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
    /// The UTF-8 bytes cmark wrote, kept as bytes until `finished` makes the page's String:
    /// every String made from bytes is checked for valid UTF-8 again, and making one here too
    /// cost as much as the check at the end.
    var bytes: [UInt8]
    public var links: [MarkdownLink]
    public var headings: [MarkdownHeading]
    public var html: String {
        get { String(decoding: bytes, as: UTF8.self) }
        set { bytes = Array(newValue.utf8) }
    }

    init(html: [UInt8], links: [MarkdownLink], headings: [MarkdownHeading]) {
        self.bytes = html
        self.links = links
        self.headings = headings
    }
    /// The text of the first level-1 heading, which stands in for a missing `title`.
    public var firstHeading: String? { headings.first { $0.level == 1 }?.text }

    static let urlPrefix = "opsbook-ref:"
    static let textOpen: Character = "\u{E000}"
    static let textClose: Character = "\u{E001}"

    /// Replaces placeholder `n` by `hrefs[n]` (already HTML-attribute-safe) and, for wiki
    /// links without a label, by `texts[n]` (already escaped). A nil href removes the link
    /// and keeps its text (an image is removed whole).
    public func finished(hrefs: [String?], texts: [Int: String]) -> String {
        String(decoding: finishedBytes(hrefs: hrefs, texts: texts), as: UTF8.self)
    }

    /// `finished` as UTF-8, valid as the source and the replacements are (they meet at ASCII bytes).
    func finishedBytes(hrefs: [String?], texts: [Int: String]) -> [UInt8] {
        var pass = Finishing(source: bytes)
        while !pass.done {
            if pass.replaceText(texts) || pass.replaceURL(hrefs) || pass.dropLinkClose() { continue }
            pass.copyRun()
        }
        return pass.output
    }
}

/// One pass of `finished`: a byte scan, since every marker is ASCII or a fixed 3-byte
/// sequence, and the HTML around them is copied through untouched.
private struct Finishing {
    static let prefix = Array(RenderedMarkdown.urlPrefix.utf8)
    static let open = Array(String(RenderedMarkdown.textOpen).utf8), close = Array(String(RenderedMarkdown.textClose).utf8)
    static let anchorStart = Array("<a href=\"".utf8), imageStart = Array("<img src=\"".utf8)
    static let linkClose = Array("</a>".utf8), imageEnd = Array("/>".utf8)

    let source: [UInt8]
    var output: [UInt8] = []
    var at = 0
    /// After a removed link's opening tag: its `</a>` goes too.
    private var dropNextClose = false
    /// Where each marker next starts, searched for once (memchr), not tested byte by byte.
    private var nextOpen = 0, nextPrefix = 0, nextClose = 0

    init(source: [UInt8]) {
        self.source = source
        output.reserveCapacity(source.count + 256)
    }

    var done: Bool { at >= source.count }

    /// A wiki link's text placeholder.
    mutating func replaceText(_ texts: [Int: String]) -> Bool {
        guard source[at] == Self.open[0], matches(Self.open, at: at), let (index, end) = number(at: at + Self.open.count),
              matches(Self.close, at: end) else { return false }
        output += (texts[index] ?? "").utf8
        at = end + Self.close.count
        return true
    }

    /// A link or image destination's placeholder; without an href the link's tags go (its text stays), an image goes whole.
    mutating func replaceURL(_ hrefs: [String?]) -> Bool {
        guard source[at] == Self.prefix[0], matches(Self.prefix, at: at), let (index, end) = number(at: at + Self.prefix.count),
              index < hrefs.count else { return false }
        at = end
        if let href = hrefs[index] {
            output += href.utf8
        } else if output.count >= Self.anchorStart.count, output.suffix(Self.anchorStart.count).elementsEqual(Self.anchorStart) {
            output.removeLast(Self.anchorStart.count)
            if let gt = source[at...].firstIndex(of: UInt8(ascii: ">")) { at = gt + 1 }
            dropNextClose = true
        } else if output.count >= Self.imageStart.count, output.suffix(Self.imageStart.count).elementsEqual(Self.imageStart),
                  let slash = source.offset(of: Self.imageEnd, from: at) {
            output.removeLast(Self.imageStart.count)
            at = slash + 2
        }
        return true
    }

    mutating func dropLinkClose() -> Bool {
        guard dropNextClose, source[at] == UInt8(ascii: "<"), matches(Self.linkClose, at: at) else { return false }
        at += Self.linkClose.count
        dropNextClose = false
        return true
    }

    /// Copies the run up to the next place a marker starts, in one piece.
    mutating func copyRun() {
        if nextOpen <= at { nextOpen = source.offset(of: Self.open, from: at + 1) ?? source.count }
        if nextPrefix <= at { nextPrefix = source.offset(of: Self.prefix, from: at + 1) ?? source.count }
        var end = min(nextOpen, nextPrefix)
        if dropNextClose {
            if nextClose <= at { nextClose = source.offset(of: Self.linkClose, from: at + 1) ?? source.count }
            end = min(end, nextClose)
        }
        output.append(contentsOf: source[at..<end])
        at = end
    }

    private func matches(_ marker: [UInt8], at index: Int) -> Bool {
        index + marker.count <= source.count && source[index..<index + marker.count].elementsEqual(marker)
    }

    private func number(at index: Int) -> (value: Int, end: Int)? {
        var end = index, value = 0
        while end < source.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(source[end]), end - index < 9 {
            value = value * 10 + Int(source[end] - UInt8(ascii: "0"))
            end += 1
        }
        return end > index ? (value, end) : nil
    }
}
