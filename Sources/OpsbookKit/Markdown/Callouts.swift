import CCmarkGFM

/// Callouts: GitHub alerts (`> [!NOTE]`), with Obsidian's title and fold (`> [!TIP]- 标题`),
/// and MkDocs admonitions (`!!! note "标题"`, collapsible `???` / `???+`), which are first
/// rewritten into the alert form. A callout is a cmark custom block, so its markup reaches
/// the page whatever `raw_html` says; its words come from a fixed table, its title is
/// Markdown like the rest of the page.
enum Callouts {
    struct Kind {
        let style: String
        let chinese: String
        let english: String
    }

    /// Names (MkDocs Material's and GitHub's) → style and default title.
    static let kinds: [String: Kind] = {
        let table: [(names: [String], kind: Kind)] = [
            (["note"], Kind(style: "note", chinese: "注意", english: "Note")),
            (["abstract", "summary", "tldr"], Kind(style: "abstract", chinese: "摘要", english: "Abstract")),
            (["info", "todo"], Kind(style: "info", chinese: "信息", english: "Info")),
            (["tip", "hint"], Kind(style: "tip", chinese: "提示", english: "Tip")),
            (["important"], Kind(style: "important", chinese: "重要", english: "Important")),
            (["success", "check", "done"], Kind(style: "success", chinese: "成功", english: "Success")),
            (["question", "help", "faq"], Kind(style: "question", chinese: "问题", english: "Question")),
            (["warning", "attention"], Kind(style: "warning", chinese: "警告", english: "Warning")),
            (["caution"], Kind(style: "caution", chinese: "小心", english: "Caution")),
            (["failure", "fail", "missing"], Kind(style: "failure", chinese: "失败", english: "Failure")),
            (["danger", "error"], Kind(style: "danger", chinese: "危险", english: "Danger")),
            (["bug"], Kind(style: "bug", chinese: "缺陷", english: "Bug")),
            (["example"], Kind(style: "example", chinese: "示例", english: "Example")),
            (["quote", "cite"], Kind(style: "quote", chinese: "引用", english: "Quote")),
        ]
        return Dictionary(uniqueKeysWithValues: table.flatMap { entry in entry.names.map { ($0, entry.kind) } })
    }()

    /// Whether a body may hold either form (most pages: no walk, no rewrite).
    static func mayContain(_ markdown: String) -> Bool {
        markdown.fastContains("[!") || markdown.fastContains("!!!") || markdown.fastContains("???")
    }

    // MARK: MkDocs admonitions → alerts

    /// Rewrites each admonition into a block quote line for line: the header becomes
    /// `>   [!TYPE] title` (`-` folded, `+` open), and each body line's four-space indent
    /// becomes `   >`, so every line and column of the body stays where it was written.
    static func rewritingAdmonitions(_ markdown: String) -> String {
        guard markdown.fastContains("!!!") || markdown.fastContains("???") else { return markdown }
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return rewrite(lines).joined(separator: "\n")
    }

    // Made at each use: a Regex is not Sendable, and pages are rendered on every core.
    private static var header: Regex<(Substring, Substring, Substring, Substring, Substring?)> {
        /^( *)(!!!|\?\?\?\+?) +([A-Za-z][\w-]*)(?: +"([^"]*)")? *$/
    }

    private static func rewrite(_ lines: [String]) -> [String] {
        var output: [String] = [], fence: String?, index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            if let open = fence {
                if line.trimmingWhitespace.hasPrefix(open) { fence = nil }
                output.append(line)
                continue
            }
            let trimmed = line.trimmingWhitespace
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { fence = String(trimmed.prefix(3)); output.append(line); continue }
            // A CRLF file's lines end in "\r".
            guard let match = (line.hasSuffix("\r") ? String(line.dropLast()) : line).wholeMatch(of: header) else {
                output.append(line)
                continue
            }
            let indent = String(match.output.1), marker = match.output.2
            let fold = marker == "???" ? "-" : marker == "???+" ? "+" : ""
            let title = match.output.4.map { $0.isEmpty ? " \"\"" : " " + $0 } ?? ""
            // The marker's text starts in the body's column, from which cmark counts the columns of every line.
            output.append("\(indent)>   [!\(match.output.3.uppercased())]\(fold)\(title)")
            // The body: lines indented four more than the header, with blank lines between.
            var body: [String] = []
            let bodyIndent = indent + "    "
            while index < lines.count {
                let next = lines[index]
                if next.hasPrefix(bodyIndent) { body.append(String(next.dropFirst(bodyIndent.count))); index += 1; continue }
                guard next.allSatisfy(\.isWhitespace),
                      let more = lines[index...].first(where: { !$0.allSatisfy(\.isWhitespace) }), more.hasPrefix(bodyIndent) else { break }
                body.append("")
                index += 1
            }
            // "   >" and not ">   ": cmark miscounts the columns of a line whose leading blanks it strips.
            output += rewrite(body).map { $0.allSatisfy(\.isWhitespace) ? indent + ">" + $0 : indent + "   >" + $0 }
        }
        return output
    }

    // MARK: Alerts → callout blocks

    // Made at each use: a Regex is not Sendable, and pages are rendered on every core.
    private static var marker: Regex<(Substring, Substring, Substring)> { /\[!([A-Za-z][\w-]*)\]([+-]?)(?:[ \t]+|$)/ }

    /// Replaces each block quote that opens with `[!TYPE]` by a callout holding its content.
    static func apply(under node: CMarkNode, language: SiteConfig.Language) {
        var child = node.firstChild
        while let current = child {
            child = current.next
            switch current.type {
            case CMARK_NODE_BLOCK_QUOTE:
                apply(under: current, language: language)
                callout(from: current, language: language)
            case CMARK_NODE_LIST, CMARK_NODE_ITEM, CMARK_NODE_CUSTOM_BLOCK:
                apply(under: current, language: language)
            default:
                continue
            }
        }
    }

    private static func callout(from quote: CMarkNode, language: SiteConfig.Language) {
        guard let paragraph = quote.firstChild, paragraph.type == CMARK_NODE_PARAGRAPH else { return }
        // cmark splits "[!NOTE]" at its brackets: read the leading run of text nodes as one.
        var texts: [CMarkNode] = [], line = "", cursor = paragraph.firstChild
        while let node = cursor, node.type == CMARK_NODE_TEXT { texts.append(node); line += node.literal ?? ""; cursor = node.next }
        guard let first = texts.first, let match = line.prefixMatch(of: marker) else { return }
        first.literal = String(line[match.range.upperBound...])
        for node in texts.dropFirst() { cmark_node_free(node.pointer) }
        let name = match.output.1.lowercased(), fold = match.output.2
        let kind = kinds[name] ?? Kind(style: "note", chinese: name, english: name.prefix(1).uppercased() + name.dropFirst())

        // The title is the rest of the first line, markup and all; the line break after it goes.
        var title: [CMarkNode] = []
        cursor = paragraph.firstChild
        while let node = cursor, node.type != CMARK_NODE_SOFTBREAK, node.type != CMARK_NODE_LINEBREAK {
            title.append(node); cursor = node.next
        }
        if let lineBreak = cursor { cmark_node_free(lineBreak.pointer) }
        let written = title.map(\.plainText).joined().trimmingWhitespace
        // MkDocs' `!!! note ""` asks for no title bar (a fold still needs its summary).
        let untitled = written == "\"\"" && fold.isEmpty

        let style = "callout callout-\(kind.style)"
        let block = customBlock(
            fold.isEmpty ? "<div class=\"\(style)\" role=\"note\">" : "<details class=\"\(style)\"\(fold == "+" ? " open" : "")>",
            fold.isEmpty ? "</div>" : "</details>")
        // An inline node, so cmark writes no line breaks inside the title's element.
        let heading = CMarkNode(pointer: cmark_node_new(CMARK_NODE_CUSTOM_INLINE))
        cmark_node_set_on_enter(heading.pointer, fold.isEmpty ? "<p class=\"callout-title\">" : "<summary class=\"callout-title\">")
        cmark_node_set_on_exit(heading.pointer, fold.isEmpty ? "</p>" : "</summary>")
        if written.isEmpty || written == "\"\"" {
            for node in title { cmark_node_free(node.pointer) }
            let text = CMarkNode(pointer: cmark_node_new(CMARK_NODE_TEXT))
            text.literal = language == .en ? kind.english : kind.chinese
            cmark_node_append_child(heading.pointer, text.pointer)
        } else {
            for node in title { cmark_node_unlink(node.pointer); cmark_node_append_child(heading.pointer, node.pointer) }
        }
        if untitled { cmark_node_free(heading.pointer) } else { cmark_node_append_child(block.pointer, heading.pointer) }
        if paragraph.firstChild == nil { cmark_node_free(paragraph.pointer) }
        while let content = quote.firstChild {
            cmark_node_unlink(content.pointer)
            cmark_node_append_child(block.pointer, content.pointer)
        }
        cmark_node_insert_before(quote.pointer, block.pointer)
        cmark_node_free(quote.pointer)
    }

    private static func customBlock(_ enter: String, _ exit: String) -> CMarkNode {
        let block = CMarkNode(pointer: cmark_node_new(CMARK_NODE_CUSTOM_BLOCK))
        cmark_node_set_on_enter(block.pointer, enter)
        cmark_node_set_on_exit(block.pointer, exit)
        return block
    }
}
