/// A front-matter or YAML mention of another page or item, kept with where it was written.
public struct Reference: Sendable, Hashable {
    public var target: String
    public var location: SourceLocation
    /// The key it was written under (`runs_on`, `related`, …), which decides the kinds of
    /// target it may name.
    public var field: String
}
