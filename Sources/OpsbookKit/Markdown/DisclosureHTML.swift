import CCmarkGFM

/// `<details><summary>…</summary>` … `</details>`, the fold GitHub and MkDocs readers write
/// by hand, kept when raw HTML is otherwise omitted: an HTML block made only of these tags
/// (and a plain-text summary) is rebuilt from its parts, so nothing else of it gets through.
enum DisclosureHTML {
    // Made at each use: a Regex is not Sendable, and pages are rendered on every core.
    private static var token: Regex<(Substring, Substring?, Substring?)> {
        /\s*(?:<details(\s+open(?:=(?:""|"open"))?)?\s*>|<\/details\s*>|<summary>([^<>]*)<\/summary>|<\/?summary\s*>)/
    }

    static func keep(under node: CMarkNode) {
        var child = node.firstChild
        while let current = child {
            child = current.next
            if current.type == CMARK_NODE_HTML_BLOCK, let html = current.literal, let safe = rebuilt(html) {
                let block = CMarkNode(pointer: cmark_node_new(CMARK_NODE_CUSTOM_BLOCK))
                cmark_node_set_on_enter(block.pointer, safe)
                cmark_node_set_on_exit(block.pointer, "")
                cmark_node_insert_before(current.pointer, block.pointer)
                cmark_node_free(current.pointer)
            } else if current.firstChild != nil {
                keep(under: current)
            }
        }
    }

    /// The block's tags written again, or nil if it holds anything else.
    static func rebuilt(_ html: String) -> String? {
        guard html.contains("details") || html.contains("summary") else { return nil }
        var rest = Substring(html), output = ""
        while let match = rest.prefixMatch(of: token) {
            let tag = match.output.0.trimmingWhitespace
            if tag.hasPrefix("<details") { output += match.output.1 == nil ? "<details>" : "<details open>" }
            else if let text = match.output.2 { output += "<summary>\(text)</summary>" }  // no < or >: text and entities only
            else { output += tag.hasPrefix("</details") ? "</details>" : tag.hasPrefix("</") ? "</summary>" : "<summary>" }
            rest = rest[match.range.upperBound...]
        }
        return rest.allSatisfy(\.isWhitespace) && !output.isEmpty ? output : nil
    }
}
