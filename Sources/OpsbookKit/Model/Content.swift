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
    public var scorecards: [Scorecard] = []

    public var tickets: [Ticket] { ticketImports.flatMap(\.tickets) }
    public var skippedTicketRows: Int { ticketImports.reduce(0) { $0 + $1.skippedRows } }

    /// `reports/PERIOD.md`: the engineers' narrative for a period, shown in its report.
    public func isNarrative(_ page: Page) -> Bool {
        page.sourcePath.hasPrefix("reports/") && page.sourcePath.split(separator: "/").count == 2
            && Period(String(page.sourcePath.dropFirst(8).dropLast(3))) != nil
    }
}
