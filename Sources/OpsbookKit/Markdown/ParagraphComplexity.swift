/// Debian's cmark-gfm (0.29.0.gfm.6) takes time quadratic in a paragraph's links times the
/// emphasis delimiters before them: for each closing link it walks the whole stack of
/// unprocessed `*`/`_` runs. 16,000 × `word [x](a.md) **b**` on one line takes 4–20 s in
/// cmark-gfm alone (links alone or emphasis alone: 0.02 s). Such a paragraph is an error,
/// found in one linear pass before cmark sees it, instead of a build that seems to hang.
enum ParagraphComplexity {
    /// links × delimiter runs in one paragraph; about a quarter of a second of cmark-gfm.
    static let limit = 20_000_000

    struct Finding: Equatable { var line: Int; var links: Int; var delimiters: Int }

    /// The first paragraph (lines between blank lines) past the limit, with its first line (1-based).
    static func firstTooComplex(_ text: String) -> Finding? {
        // A link takes two bytes ("]("), a delimiter run one: n bytes hold at most n²/2 of
        // the product, so a short file cannot reach the limit (most pages; no scan needed).
        let size = text.utf8.count
        guard size * size / 2 > limit else { return nil }
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
                    if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_"), previous != byte { delimiters += 1 }
                }
                previous = byte
            }
            close()
        }
        return finding
    }
}
