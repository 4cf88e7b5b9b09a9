import Foundation

/// Page numbers for a printed report's contents. Chromium cannot put them there itself (no
/// CSS `target-counter`), so `opsbook pdf` prints twice: first a copy in which each section the
/// contents link to starts with a tiny marker, then — having read from the PDF's text which
/// page each marker landed on — the page with those numbers beside the contents' entries. The
/// numbers sit on the entries' own lines, so the second print breaks pages as the first did.
public enum PDFContents {
    /// The anchors the printed contents (`<nav class="print-toc …">`) link to, in order.
    public static func anchors(in html: String) -> [String] {
        guard let nav = contentsRange(in: html) else { return [] }
        return html[nav].components(separatedBy: "href=\"#").dropFirst().compactMap { rest in
            rest.split(separator: "\"", maxSplits: 1).first.map(String.init)
        }
    }

    /// The page with a marker (`@@toc:ID@@`, in 2-point white text) just inside each element the contents link to.
    public static func marked(_ html: String) -> String {
        var html = html
        for anchor in anchors(in: html) {
            guard let element = html.range(of: " id=\"\(anchor)\""), let close = html[element.upperBound...].firstIndex(of: ">")
            else { continue }
            html.insert(contentsOf: "<span class=\"toc-mark\">\(marker(anchor))</span>", at: html.index(after: close))
        }
        return html
    }

    /// Anchor → the 1-based page its marker is on, from `pdftotext` output (pages end with a form feed).
    public static func pages(fromText text: String, anchors: [String]) -> [String: Int] {
        let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false)
        var found: [String: Int] = [:]
        for anchor in anchors {
            if let index = pages.firstIndex(where: { $0.contains(marker(anchor)) }) { found[anchor] = index + 1 }
        }
        return found
    }

    /// The page with each contents entry followed by its page number.
    public static func numbered(_ html: String, pages: [String: Int]) -> String {
        guard let nav = contentsRange(in: html) else { return html }
        var contents = String(html[nav])
        for (anchor, page) in pages.sorted(by: { $0.key < $1.key }) {
            let link = "href=\"#\(anchor)\""
            guard let start = contents.range(of: link), let end = contents[start.upperBound...].range(of: "</a>") else { continue }
            contents.insert(contentsOf: "<span class=\"toc-page\">\(page)</span>", at: end.upperBound)
        }
        return html.replacingCharacters(in: nav, with: contents)
    }

    static func marker(_ anchor: String) -> String { "@@toc:\(anchor)@@" }

    private static func contentsRange(in html: String) -> Range<String.Index>? {
        guard let start = html.range(of: "<nav class=\"print-toc"), let end = html[start.upperBound...].range(of: "</nav>")
        else { return nil }
        return start.lowerBound..<end.upperBound
    }
}
