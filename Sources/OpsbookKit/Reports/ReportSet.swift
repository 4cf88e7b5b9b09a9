/// The reports of a build: one per period of every kind in which tickets were opened.
import Foundation

public struct ReportSet: Sendable {
    public let builder: ReportBuilder
    public let periods: [Period]
    public let operations: OperationsStatus
    /// Each report page also shows its previous periods (change, trend): compute each once.
    private let cache = ReportCache()

    public init(content: Content, asOf: Int) {
        builder = ReportBuilder(tickets: content.tickets, sla: content.sla, asOf: asOf, timezone: content.site.timezone,
                                skippedRows: content.skippedTicketRows, excludedRows: content.excludedTicketRows)
        operations = OperationsStatus(content: content, asOf: asOf)
        let inspected = Set(operations.occurrences.map(\.due)).flatMap(Period.containing)
        periods = Array(Set(builder.periodsWithTickets + inspected)).sorted()
    }

    public func report(_ period: Period) -> Report {
        if let cached = cache.get(period) { return cached }
        var report = builder.report(for: period)
        report.operations = OperationsFigures(operations, period: period)
        cache.set(period, report)
        return report
    }

    /// The latest month with tickets, which system and item pages summarise.
    public var latestMonth: Period? { periods.last { $0.kind == .month } }
}

private final class ReportCache: @unchecked Sendable {
    private var reports: [Period: Report] = [:]
    private let lock = NSLock()
    func get(_ period: Period) -> Report? { lock.lock(); defer { lock.unlock() }; return reports[period] }
    func set(_ period: Period, _ report: Report) { lock.lock(); reports[period] = report; lock.unlock() }
}
