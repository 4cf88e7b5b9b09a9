/// Everything loaded from `content/`: the input of every later stage.
public struct Content: Sendable {
    public var root: String
    public var site = SiteConfig()
    public var pages: [Page] = []
    public var items: [InventoryItem] = []
    public var team = Team()
    /// Non-Markdown, non-YAML files under content/, by path; copied only when a page links them.
    public var files: Set<String> = []
    public var sla = SLAPolicy()
    public var ticketImports: [TicketImport] = []
    public var schedules: [InspectionSchedule] = []
    public var records: [InspectionRecord] = []
    public var plannedWork: [PlannedWork] = []
    public var spares: [SparePart] = []
    public var spareUsage: [SpareUsage] = []
    /// spares.yaml's `checks`: the half-yearly spare-parts checks done.
    public var spareChecks: [SpareCheck] = []
    public var scorecards: [Scorecard] = []
    /// `outages.yaml` (and, once loaded, nothing else: ticket outages stay on the tickets).
    public var outages: [Outage] = []
    public var hasOutageRecords = false
    public var staffing = Staffing()
    public var training: [TrainingSession] = []
    public var visits: [ClientVisit] = []
    /// Oldest first.
    public var surveys: [Survey] = []
    /// Folder (with trailing `/`, "" for content/ itself) → default audience from `_folder.yaml`.
    public var folderAudiences: [String: Audience] = [:]

    /// The audience a file gets when it names none: the nearest `_folder.yaml`, else
    /// internal under `internal/`, else client.
    public func defaultAudience(of path: String) -> Audience {
        if let folder = audienceFolder(of: path) { return folderAudiences[folder]! }
        return path.hasPrefix("internal/") ? .internal : .client
    }

    /// The nearest folder above `path` whose `_folder.yaml` sets an audience.
    public func audienceFolder(of path: String) -> String? {
        var parts = path.pathParts.dropLast().map(String.init)
        while true {
            let folder = parts.isEmpty ? "" : parts.joined(separator: "/") + "/"
            if folderAudiences[folder] != nil { return folder }
            if parts.isEmpty { return nil }
            parts.removeLast()
        }
    }

    /// A path relative to content/ for a file under it.
    public func relativePath(_ file: String) -> String {
        file.hasPrefix(root + "/") ? String(file.dropFirst(root.count + 1)) : file
    }

    /// One export's tickets are handed over as they are: a million are not copied.
    public var tickets: [Ticket] { ticketImports.count == 1 ? ticketImports[0].tickets : ticketImports.flatMap(\.tickets) }
    public var skippedTicketRows: Int { ticketImports.reduce(0) { $0 + $1.skippedRows } }
    public var excludedTicketRows: Int { ticketImports.reduce(0) { $0 + $1.excludedRows } }
    public var blankTicketRows: Int { ticketImports.reduce(0) { $0 + $1.blankRows } }

    /// `reports/PERIOD.md`: the engineers' narrative for a period, shown in its report.
    public func isNarrative(_ page: Page) -> Bool { Content.narrativePeriod(page.sourcePath) != nil }

    /// `reports/PERIOD.md` → its period; nil for any other path.
    public static func narrativePeriod(_ path: String) -> Period? {
        guard path.hasPrefix("reports/"), path.hasSuffix(".md"), path.pathParts.count == 2 else { return nil }
        return Period(String(path.dropFirst(8).dropLast(3)))
    }
}
