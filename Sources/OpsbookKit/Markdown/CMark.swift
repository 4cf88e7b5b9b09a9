import CCmarkGFM
import Foundation

/// The GFM extensions Opsbook attaches to every parser.
public struct MarkdownExtensions: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let table = MarkdownExtensions(rawValue: 1 << 0)
    public static let strikethrough = MarkdownExtensions(rawValue: 1 << 1)
    public static let autolink = MarkdownExtensions(rawValue: 1 << 2)
    public static let tasklist = MarkdownExtensions(rawValue: 1 << 3)
    public static let tagfilter = MarkdownExtensions(rawValue: 1 << 4)
    public static let gfm: MarkdownExtensions = [.table, .strikethrough, .autolink, .tasklist, .tagfilter]

    var names: [String] {
        [(MarkdownExtensions.table, "table"), (.strikethrough, "strikethrough"), (.autolink, "autolink"),
         (.tasklist, "tasklist"), (.tagfilter, "tagfilter")]
            .filter { contains($0.0) }.map(\.1)
    }
}

/// One parsed cmark-gfm tree. Owns the parser too, because rendering needs the parser's
/// extension list; both are freed together.
final class CMarkTree {
    let parser: OpaquePointer
    let root: OpaquePointer
    let options: Int32
    /// The bytes cmark read (with LinkBottom's markers, if any), for turning its byte
    /// columns into columns of the text.
    let source: [UInt8]

    /// cmark_parser_finish edits a process-global table when extensions are attached, so
    /// concurrent finishes corrupt output silently (shared/notes/cmark-gfm-swift.md).
    private static let finishLock = NSLock()
    private static let registration: Void = { cmark_gfm_core_extensions_ensure_registered() }()

    /// `boundingLinks` (see LinkBottom) parses the text with a marker after each "[";
    /// the markers never reach the output (`LinkBottom.strip`).
    init(markdown: String, options: Int32, extensions: MarkdownExtensions, boundingLinks: Bool = false) {
        _ = CMarkTree.registration
        self.options = options
        let parser = cmark_parser_new(options)!
        self.parser = parser
        for name in extensions.names {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var bytes = Array(markdown.utf8)
        if boundingLinks, let bottom = LinkBottom.extension {
            cmark_parser_attach_syntax_extension(parser, bottom)
            bytes = LinkBottom.marked(bytes)
        }
        if !bytes.isEmpty {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parser_feed(parser, $0, buffer.count)
                }
            }
        }
        CMarkTree.finishLock.lock()
        root = cmark_parser_finish(parser)
        CMarkTree.finishLock.unlock()
        source = bytes
        if boundingLinks { LinkBottom.stripURLs(under: root) }
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    func renderHTML() -> String {
        guard let raw = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(raw) }
        return String(decoding: LinkBottom.strip(Array(UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self),
                                                                             count: strlen(raw)))), as: UTF8.self)
    }
}

/// A thin, typed view of a cmark node; valid only while its tree lives.
struct CMarkNode {
    let pointer: OpaquePointer

    var type: cmark_node_type { cmark_node_get_type(pointer) }
    /// Extension node types are compared by name: their globals are not usable from Swift 6.
    var typeName: String { String(cString: cmark_node_get_type_string(pointer)) }
    var firstChild: CMarkNode? { cmark_node_first_child(pointer).map(CMarkNode.init) }
    var next: CMarkNode? { cmark_node_next(pointer).map(CMarkNode.init) }
    var parent: CMarkNode? { cmark_node_parent(pointer).map(CMarkNode.init) }
    var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
    var endLine: Int { Int(cmark_node_get_end_line(pointer)) }
    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }

    var literal: String? {
        get { cmark_node_get_literal(pointer).map(LinkBottom.string) }
        nonmutating set { cmark_node_set_literal(pointer, newValue) }
    }
    /// Whether the literal holds `byte`, read in place (no Swift string made).
    func hasByte(_ byte: UInt8) -> Bool {
        guard let literal = cmark_node_get_literal(pointer) else { return false }
        return strchr(literal, Int32(byte)) != nil
    }

    /// The literal's last byte, read in place.
    var lastLiteralByte: UInt8? {
        guard let literal = cmark_node_get_literal(pointer) else { return nil }
        let length = strlen(literal)
        return length == 0 ? nil : UInt8(bitPattern: literal[length - 1])
    }

    var url: String {
        get { cmark_node_get_url(pointer).map(LinkBottom.string) ?? "" }
        nonmutating set { cmark_node_set_url(pointer, newValue) }
    }

    var children: [CMarkNode] {
        var result: [CMarkNode] = []
        var child = firstChild
        while let node = child { result.append(node); child = node.next }
        return result
    }

    /// Plain text of the node's inline content, as a heading anchor or a link label needs it.
    var plainText: String {
        // A heading is nearly always one run of text: no joining.
        if let only = firstChild, only.next == nil, only.type == CMARK_NODE_TEXT { return only.literal ?? "" }
        var text = ""
        appendPlainText(to: &text)
        return text
    }

    private func appendPlainText(to text: inout String) {
        switch type {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += literal ?? ""
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
        default:
            var child = firstChild
            while let node = child {
                node.appendPlainText(to: &text)
                child = node.next
            }
        }
    }
}
