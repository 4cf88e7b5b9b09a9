/// The kinds of Markdown page, each with its own index, template and front-matter keys.
public enum PageType: String, Sendable, CaseIterable, Comparable {
    case system, procedure
    case emergencyPlan = "emergency-plan"
    case article, page

    /// The top-level folder that gives a page this type by default, and its index URL.
    public var folder: String {
        switch self {
        case .system: "systems"
        case .procedure: "procedures"
        case .emergencyPlan: "emergency"
        case .article: "knowledge"
        case .page: "pages"
        }
    }

    static func fromFolder(_ folder: String) -> PageType {
        allCases.first { $0 != .page && $0.folder == folder } ?? .page
    }

    public static func < (a: PageType, b: PageType) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

public struct Drill: Sendable, Hashable {
    public var date: Day
    public var result: String
    public var notes: String
}

public struct Page: Sendable {
    public var id: String
    public var idLocation: SourceLocation
    /// Path under `content/`, e.g. `systems/erp.md`.
    public var sourcePath: String
    public var file: String
    public var title: String
    public var type: PageType
    public var tags: [String] = []
    public var references: [Reference] = []
    /// Type-specific scalar fields shown on the page (owner, criticality, kind, …), in key order.
    public var properties: [(key: String, value: String)] = []
    public var roles: [String] = []
    public var drills: [Drill] = []
    public var body: RenderedMarkdown
    /// Where the body starts in the file, so body positions become file positions.
    public var bodyLineOffset: Int

    public func property(_ key: String) -> String? { properties.first { $0.key == key }?.value }
    public func references(_ field: String) -> [Reference] { references.filter { $0.field == field } }
}
