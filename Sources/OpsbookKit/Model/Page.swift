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

/// `6mo`, `1y`, `90d`, `2w`: a calendar interval.
public struct Interval: Sendable, Hashable {
    public var months = 0
    public var days = 0

    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard let count = Int(digits), count > 0 else { return nil }
        switch trimmed.dropFirst(digits.count) {
        case "d": days = count
        case "w": days = count * 7
        case "mo", "m": months = count
        case "y": months = count * 12
        default: return nil
        }
    }

    public func after(_ day: Day) -> Day {
        let result = day.adding(days: days)
        return months > 0 ? result.adding(months: months) : result
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
    /// A period narrative's improvement actions (`actions:` in reports/PERIOD.md).
    public var actions: [ImprovementAction] = []
    /// `drill_next`: the date the next drill is due.
    public var drillNext: Day?
    /// `drill_every`: how often a drill is due after the last one.
    public var drillEvery: Interval?
    /// `reviewed`: when the page was last reviewed; `review_every` (else site.yaml's default
    /// for its type): how often it must be.
    public var reviewed: Day?
    public var reviewedLocation: SourceLocation?
    public var reviewEvery: Interval?
    /// `weight`: a section lists lighter pages first (Hugo's rule); pages without one follow, by title.
    public var weight: Int?
    /// `aliases`: old addresses (Hugo's `aliases`) that get a page redirecting here.
    public var aliases: [(path: String, location: SourceLocation)] = []
    /// `draft: true`: internal builds only, unless `audience` says otherwise.
    public var draft = false
    /// A period narrative's (reports/PERIOD.md) `version` and `prepared` day, for the printed cover.
    public var reportVersion: String?
    public var prepared: Day?
    /// The date of the last commit touching the file (GitHistory); nil outside git.
    public var lastUpdated: Day?
    public var owner: String? { properties.first { $0.key == "owner" }?.value }
    /// `audience` from the front matter; nil: the folder's default.
    public var audience: Audience?
    public var audienceLocation: SourceLocation?
    public var body: RenderedMarkdown
    /// Where the body starts in the file, so body positions become file positions.
    public var bodyLineOffset: Int

    public func property(_ key: String) -> String? { properties.first { $0.key == key }?.value }
    public func references(_ field: String) -> [Reference] { references.filter { $0.field == field } }
}
