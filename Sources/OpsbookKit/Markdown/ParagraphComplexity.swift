/// Debian's cmark-gfm (0.29.0.gfm.6) takes time quadratic in a paragraph's links times the
/// emphasis delimiters before them (see LinkBottom). One linear pass finds the texts where
/// that would show, so only they are parsed with LinkBottom's markers.
enum ParagraphComplexity {
    /// links × delimiter runs in one paragraph; about 25 ms of cmark-gfm.
    static let limit = 2_000_000

    struct Finding: Equatable { var line: Int; var links: Int; var delimiters: Int }

    /// The first paragraph (lines between blank lines) past the limit, with its first line (1-based).
    static func firstTooComplex(_ text: String) -> Finding? {
        // A link takes two bytes ("]("), a delimiter run one: n bytes hold at most n²/2 of
        // the product, so a short file cannot reach the limit (most pages; no scan needed).
        // Nor can a file whose links in all times delimiters in all stay under it: counted
        // with memchr, that rules out nearly every longer page without reading it byte by byte.
        let size = text.utf8.count
        let (square, overflow) = size.multipliedReportingOverflow(by: size)
        guard overflow || square / 2 > limit, wholeFileProduct(text) > limit else { return nil }
        var finding: Finding?
        var text = text
        text.withUTF8 { bytes in
            var line = 1, start = 1, links = 0, delimiters = 0, blank = true, previous: UInt8 = 0
            func close() {
                if finding == nil, links * delimiters > limit { finding = Finding(line: start, links: links, delimiters: delimiters) }
                links = 0; delimiters = 0
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\n"):
                    if blank { close(); start = line + 1 }
                    line += 1; blank = true
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
                default:
                    if blank, links == 0, delimiters == 0 { start = line }
                    blank = false
                    if byte == UInt8(ascii: "("), previous == UInt8(ascii: "]") { links += 1 }
                    if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~"), previous != byte {
                        delimiters += 1
                    }
                }
                previous = byte
            }
            close()
        }
        return finding
    }

    /// Every "](" of the file times every `*`, `_` and `~`: at least any one paragraph's product.
    private static func wholeFileProduct(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            let links = bytes.occurrences(of: "](")
            guard links > 0 else { return 0 }
            let delimiters = bytes.occurrences(of: "*") + bytes.occurrences(of: "_") + bytes.occurrences(of: "~")
            let (product, overflow) = links.multipliedReportingOverflow(by: delimiters)
            return overflow ? Int.max : product
        }
    }
}
