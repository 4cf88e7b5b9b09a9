/// Everything loaded from `content/`: the input of every later stage.
public struct Content: Sendable {
    public var root: String
    public var site = SiteConfig()
    public var pages: [Page] = []
    public var items: [InventoryItem] = []
    public var team = Team()
    /// Non-Markdown, non-YAML files under content/, by path; copied only when a page links them.
    public var files: Set<String> = []
}
