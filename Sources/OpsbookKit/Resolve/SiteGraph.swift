/// A page or an inventory item: the things that have ids and can be linked to.
public enum Node: Hashable, Comparable, Sendable {
    case page(Int)
    case item(Int)
}

/// Where a link or reference leads once resolved.
public enum LinkTarget: Hashable, Sendable {
    case node(Node, fragment: String?)
    /// A non-Markdown file under content/ (an image, a PDF), copied to the same path.
    case file(String, fragment: String?)
    case anchor(String)
    case external(String)
    /// Leads to something the build's audience does not include, or to a URL scheme that is
    /// not allowed: rendered as plain text.
    case hidden
    /// Reported as an error; the gate stops the build before it could be rendered.
    case unresolved
}

/// Stage 2's result: the content plus every link and reference resolved, and the reverse
/// edges ("referenced by") each page shows.
public struct SiteGraph: Sendable {
    public var content: Content
    public var ids: [String: Node] = [:]
    /// Per page, aligned with `page.body.links`.
    public var pageLinks: [[LinkTarget]] = []
    /// Per item with notes, aligned with `item.notes.links`.
    public var itemLinks: [Int: [LinkTarget]] = [:]
    /// Per inspection record with findings, aligned with `record.findings.links`.
    public var recordLinks: [Int: [LinkTarget]] = [:]
    /// Per source, its front-matter references that resolved, with their field.
    public var references: [Node: [(field: String, node: Node)]] = [:]
    /// Per target, the sources that refer to it, each once, in node order.
    public var backlinks: [Node: [Node]] = [:]
    /// Files under content/ that some page links to; only these are copied.
    public var linkedFiles: Set<String> = []
    /// Items that get a page of their own (they have notes or references).
    public var itemsWithPages: Set<Int> = []
    /// Pages used as the introduction of a generated index (e.g. systems/README.md).
    public var sectionIntros: [String: Int] = [:]
    /// Per page, its output folder: asked for by every link to the page, so computed once.
    public var pageFolders: [String] = []
    /// Output file (`old/path/index.html`) → the page an alias of it redirects to.
    public var aliases: [(file: String, page: Int)] = []

    /// The names the operations records use that are not ids, resolved by the resolver as a
    /// reference would be (LinkResolver.names): looked up here, never resolved again.
    public var named: [String: Node] = [:]

    public func node(named name: String) -> Node? { ids[name] ?? named[name] }

    public func title(of node: Node) -> String {
        switch node {
        case let .page(index): content.pages[index].title
        case let .item(index): content.items[index].name
        }
    }

    /// The output folder (and fragment) a node lives at.
    public func route(of node: Node) -> (folder: String, fragment: String?) {
        switch node {
        case let .page(index):
            return (pageFolders.indices.contains(index) ? pageFolders[index] : Routes.pageFolder(content.pages[index].sourcePath), nil)
        case let .item(index):
            let item = content.items[index]
            return itemsWithPages.contains(index) ? (Routes.item(item), nil) : (Routes.inventoryClass(item.itemClass), item.id)
        }
    }
}
