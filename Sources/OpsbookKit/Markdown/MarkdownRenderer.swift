import Foundation
import CCmarkGFM

/// Opsbook's Markdown stage: cmark-gfm with the GFM extensions, raw HTML omitted, heading
/// anchors added and links collected for the resolver.
public enum MarkdownRenderer {
    /// Plain cmark-gfm rendering, as the spec conformance tests call it.
    /// `boundingLinks` forces LinkBottom's markers on, so tests can show they change nothing.
    public static func html(_ markdown: String, extensions: MarkdownExtensions = .gfm, unsafe: Bool = false,
                            footnotes: Bool = false, boundingLinks: Bool = false) -> String {
        var options: Int32 = CMARK_OPT_DEFAULT
        if unsafe { options |= CMARK_OPT_UNSAFE }
        if footnotes { options |= CMARK_OPT_FOOTNOTES }
        return CMarkTree(markdown: markdown, options: options, extensions: extensions, boundingLinks: boundingLinks).renderHTML()
    }

    /// cmark-gfm writes task-list checkboxes without an accessible name; screen readers and
    /// accessibility checkers need one.
    static func labelTaskCheckboxes(_ html: [UInt8], language: SiteConfig.Language) -> [UInt8] {
        let checkbox = TaskBox.checkbox
        guard var found = html.offset(of: checkbox) else { return html }
        let (open, done) = language == .en ? ("to do", "done") : ("待办", "已完成")
        let labels = [(TaskBox.checked, Array("aria-label=\"\(done)\" ".utf8)), (TaskBox.unchecked, Array("aria-label=\"\(open)\" ".utf8))]
        var output: [UInt8] = []
        output.reserveCapacity(html.count + 512)
        var copied = 0
        while true {
            let attributes = found + checkbox.count
            for (tail, label) in labels where html[attributes...].starts(with: tail) {
                let end = attributes + tail.count - 2  // before "/>"
                output += html[copied..<end]
                output += label
                copied = end
                break
            }
            guard let next = html.offset(of: checkbox, from: attributes) else { break }
            found = next
        }
        output += html[copied...]
        return output
    }

    /// What cmark-gfm writes for a task list's box, checked or not.
    private enum TaskBox {
        static let checkbox = Array("<input type=\"checkbox\" ".utf8)
        static let checked = Array("checked=\"\" disabled=\"\" />".utf8), unchecked = Array("disabled=\"\" />".utf8)
    }

    /// Renders a page body, leaving placeholders for link destinations (see RenderedMarkdown).
    public static func render(_ markdown: String, rawHTML: LoadOptions.RawHTML = .omit, language: SiteConfig.Language = .zhCN)
        -> RenderedMarkdown
    {
        let options = CMARK_OPT_SOURCEPOS | (rawHTML == .sanitize ? CMARK_OPT_UNSAFE : 0)
        let callouts = Callouts.mayContain(markdown)
        let text = callouts ? Callouts.rewritingAdmonitions(markdown) : markdown
        let tree = CMarkTree(markdown: text, options: options, extensions: .gfm, boundingLinks: LinkBottom.needed(text))
        if callouts { Callouts.apply(under: CMarkNode(pointer: tree.root), language: language) }
        if rawHTML == .omit, markdown.fastContains("<details") { DisclosureHTML.keep(under: CMarkNode(pointer: tree.root)) }
        var collector = Collector(source: tree.source)
        // Wiki links first, so the second walk numbers every link in document order; a page
        // without "[[" has none (most pages: the walk is skipped).
        if markdown.fastContains("[[") { collector.expandWikiLinks(under: CMarkNode(pointer: tree.root)) }
        collector.visit(CMarkNode(pointer: tree.root))
        // Sourcepos was only needed to locate links; the output should not carry it.
        // Bytes until RenderedMarkdown.finished: one UTF-8 check for the page, not one per step.
        let html = CMarkTree.renderWithoutSourcepos(tree)
        let anchored = labelTaskCheckboxes(
            Anchors.addIDs(to: html, headings: collector.headings, label: language == .en ? "Link to this section" : "本节链接"),
            language: language)
        return RenderedMarkdown(
            html: rawHTML == .sanitize ? Array(HTMLSanitizer.sanitize(String(decoding: anchored, as: UTF8.self)).utf8) : anchored,
            links: collector.links,
            headings: collector.headings
        )
    }
}

extension CMarkTree {
    static func renderWithoutSourcepos(_ tree: CMarkTree) -> [UInt8] {
        guard let raw = cmark_render_html(tree.root, tree.options & ~CMARK_OPT_SOURCEPOS,
                                          cmark_parser_get_syntax_extensions(tree.parser)) else { return [] }
        defer { free(raw) }
        return LinkBottom.strip(
            Array(UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))))
    }
}

/// Walks a tree once: rewrites link destinations to placeholders, expands `[[wiki]]`
/// links, and records headings with their anchors.
private struct Collector {
    /// The bytes cmark read, for turning its byte columns into scalar columns (LinkBottom's
    /// markers are not counted).
    let source: [UInt8]
    /// Byte offset where each line starts, found on first use (most pages have few links).
    var lineStarts: [Int] = []
    var links: [MarkdownLink] = []
    /// `[[…]]` links found by the first walk, waiting for their number in document order.
    var wikiLinks: [MarkdownLink] = []
    /// The link nodes the first walk made, by node: known by identity, because any URL
    /// could also be written by hand (`[x](opsbook-wiki:0)` once trapped here).
    var wikiAnchors: [OpaquePointer: Int] = [:]
    var headings: [MarkdownHeading] = []
    var anchors = Anchors()

    mutating func visit(_ node: CMarkNode) {
        switch node.type {
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            if let pending = wikiAnchors[node.pointer] {
                links.append(wikiLinks[pending])
                node.url = RenderedMarkdown.urlPrefix + String(links.count - 1)
                if case .wiki(hasLabel: false) = wikiLinks[pending].kind, let label = node.firstChild {
                    label.literal = "\(RenderedMarkdown.textOpen)\(links.count - 1)\(RenderedMarkdown.textClose)"
                }
                return
            }
            let kind: MarkdownLink.Kind = node.type == CMARK_NODE_LINK ? .link : .image
            record(kind, destination: node.url, line: node.startLine, byteColumn: node.startColumn)
            node.url = RenderedMarkdown.urlPrefix + String(links.count - 1)
        case CMARK_NODE_HEADING:
            let custom = Anchors.takeAttributeList(from: node)
            let text = node.plainText.trimmingWhitespace
            headings.append(MarkdownHeading(level: node.headingLevel, text: text,
                                            anchor: anchors.unique(for: text, id: custom), line: node.startLine))
        case CMARK_NODE_CODE_BLOCK, CMARK_NODE_CODE, CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
            return
        default:
            break
        }
        var child = node.firstChild
        while let current = child {
            child = current.next
            visit(current)
        }
    }

    mutating func record(_ kind: MarkdownLink.Kind, destination: String, line: Int, byteColumn: Int) {
        let column = scalarColumn(line: line, byteColumn: byteColumn)
        links.append(MarkdownLink(kind: kind, destination: destination, line: max(line, 1), column: column))
    }

    /// The last column found: links come in document order, so the next one on the same line
    /// is counted from here, not from the line's start (a megabyte line of links stays linear).
    var cursor = (line: 0, end: 0, scalars: 0)

    mutating func scalarColumn(line: Int, byteColumn: Int) -> Int {
        if lineStarts.isEmpty { lineStarts = Self.lineStarts(of: source) }
        guard line >= 1, line <= lineStarts.count, byteColumn > 1 else { return max(byteColumn, 1) }
        let start = lineStarts[line - 1]
        let end = max(start, min(start + byteColumn - 1, line < lineStarts.count ? lineStarts[line] - 1 : source.count))
        var from = start, scalars = 0
        if cursor.line == line, cursor.end <= end { (from, scalars) = (cursor.end, cursor.scalars) }
        scalars += source.withUnsafeBufferPointer { bytes in
            let slice = UnsafeBufferPointer(rebasing: bytes[from..<end])
            // A scalar starts at every byte that is not a UTF-8 continuation byte.
            var starts = 0
            for byte in slice where byte & 0xC0 != 0x80 { starts += 1 }
            return starts - LinkBottom.count(in: slice)
        }
        cursor = (line, end, scalars)
        return scalars + 1
    }

    /// Where each line starts (memchr: the page's first link asks for all of them).
    static func lineStarts(of source: [UInt8]) -> [Int] {
        source.withUnsafeBufferPointer { bytes in
            var starts = [0], position = 0
            while let newline = bytes.offset(of: UInt8(ascii: "\n"), from: position) {
                position = newline + 1
                starts.append(position)
            }
            return starts
        }
    }

    mutating func expandWikiLinks(under node: CMarkNode) {
        switch node.type {
        case CMARK_NODE_CODE_BLOCK, CMARK_NODE_CODE, CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE, CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            return
        default:
            expandWikiLinks(in: node)
        }
    }

    /// cmark splits text at brackets; merge sibling text nodes first so `[[id|text]]` is whole.
    /// Other children are walked into on the way: one pass over the tree (numbering follows
    /// the second walk, so the order wiki links are met in here does not matter).
    mutating func expandWikiLinks(in parent: CMarkNode) {
        var child = parent.firstChild
        while let node = child {
            child = node.next
            guard node.type == CMARK_NODE_TEXT else {
                expandWikiLinks(under: node)
                continue
            }
            // A run of text with no "[" holds no wiki link: leave it as cmark made it (merging
            // every paragraph's text copied it through Swift and C strings, on every page).
            var end = child, bracket = node.hasByte(UInt8(ascii: "["))
            while let following = end, following.type == CMARK_NODE_TEXT {
                bracket = bracket || following.hasByte(UInt8(ascii: "["))
                end = following.next
            }
            guard bracket else { child = end; continue }
            while let following = child, following.type == CMARK_NODE_TEXT {
                node.literal = (node.literal ?? "") + (following.literal ?? "")
                child = following.next
                cmark_node_free(following.pointer)
            }
            split(textNode: node)
        }
    }

    mutating func split(textNode node: CMarkNode) {
        guard let text = node.literal, text.fastContains("[[") else { return }
        // On byte offsets: Foundation's range(of:) goes through CFString on Linux.
        let bytes = Array(text.utf8)
        func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        var rest = 0
        var pieces: [(String, MarkdownLink?)] = []
        while let open = text.fastOffset(of: "[[", from: rest), let close = text.fastOffset(of: "]]", from: open + 2) {
            let bar = bytes[(open + 2)..<close].firstIndex(of: UInt8(ascii: "|"))
            let target = string((open + 2)..<(bar ?? close)).trimmingWhitespace
            guard !target.isEmpty, !bytes[(open + 2)..<close].contains(UInt8(ascii: "[")) else {
                pieces.append((string(rest..<(open + 2)), nil))
                rest = open + 2
                continue
            }
            let label = bar.map { string(($0 + 1)..<close).trimmingWhitespace } ?? ""
            pieces.append((string(rest..<open), nil))
            let link = MarkdownLink(kind: .wiki(hasLabel: !label.isEmpty), destination: target,
                                    line: max(node.startLine, 1),
                                    column: scalarColumn(line: node.startLine, byteColumn: node.startColumn + open))
            pieces.append((label, link))
            rest = close + 2
        }
        guard pieces.contains(where: { $0.1 != nil }) else { return }
        pieces.append((string(rest..<bytes.count), nil))
        for (text, link) in pieces {
            if let link {
                wikiLinks.append(link)
                let anchor = CMarkNode(pointer: cmark_node_new(CMARK_NODE_LINK))
                wikiAnchors[anchor.pointer] = wikiLinks.count - 1
                let label = CMarkNode(pointer: cmark_node_new(CMARK_NODE_TEXT))
                label.literal = text
                cmark_node_append_child(anchor.pointer, label.pointer)
                cmark_node_insert_before(node.pointer, anchor.pointer)
            } else if !text.isEmpty {
                let plain = CMarkNode(pointer: cmark_node_new(CMARK_NODE_TEXT))
                plain.literal = text
                cmark_node_insert_before(node.pointer, plain.pointer)
            }
        }
        cmark_node_free(node.pointer)
    }
}
