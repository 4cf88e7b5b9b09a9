/// A front-matter or YAML mention of another page or item, kept with where it was written.
public struct Reference: Sendable, Hashable {
    public var target: String
    public var location: SourceLocation
    /// The key it was written under (`runs_on`, `related`, …), which decides the kinds of
    /// target it may name.
    public var field: String
}

extension Reference {
    /// Every field a reference is written under, in the order a page shows its relations:
    /// pages' front-matter keys (PageLoader.referenceKeys) and inventory's `systems`.
    static let fields = ["runs_on", "systems", "depends_on", "applies_to", "related"]
}
