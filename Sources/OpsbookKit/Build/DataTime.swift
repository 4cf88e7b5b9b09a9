/// When the data was taken, which the reports are evaluated at. Never the build's clock: the
/// same content gives the same reports on any day.
public struct DataClock: Sendable {
    /// The reports' as-of instant (数据截至).
    public var asOf: Int
    /// Export (its `tickets/*.yaml`) → the instant its tickets are judged at, for exports taken
    /// before `asOf`: a clock still running in an older export is not run on to a newer one's time.
    public var exports: [String: Int]
    /// Periods that end after this instant are not fully covered by the data: provisional.
    public var coveredUntil: Int

    /// One instant for everything: a given `--as-of` or SOURCE_DATE_EPOCH.
    public init(asOf: Int) {
        self.asOf = asOf
        exports = [:]
        coveredUntil = asOf
    }

    /// From the data itself: each export at its own as-of (`extracted_at`, else its newest
    /// state change); the reports at the newest of those and of the operations records.
    public init(content: Content) {
        let taken = content.ticketImports.compactMap { export in export.asOf.map { (export.source, $0) } }
        let asOf = ([DataTime.newestRecord(in: content)] + taken.map(\.1)).compactMap { $0 }.max() ?? DataTime.fallback(in: content)
        self.asOf = asOf
        exports = Dictionary(taken.filter { $0.1 < asOf }) { first, _ in first }
        coveredUntil = taken.map(\.1).min() ?? asOf
    }

    /// The instant an export's tickets are judged at.
    public func asOf(export: String) -> Int { exports[export] ?? asOf }

    /// Whether the data stops before `period` ends.
    public func isProvisional(_ period: Period, time: LocalTime) -> Bool { time.instant(period.end) > coveredUntil }
}

enum DataTime {
    /// The newest operations record: inspections, finished planned work, spare usage, drills.
    /// A record with a day and no time is taken at the start of that day: never later than the data says.
    static func newestRecord(in content: Content) -> Int? {
        let time = LocalTime(content.site.timezone)
        var instants = content.records.map { time.instant($0.day, minute: $0.minute ?? 0) }
        instants += content.plannedWork.compactMap { $0.done.map { time.instant($0) } }
        instants += content.spareUsage.map { time.instant($0.day) }
        instants += content.pages.flatMap { $0.drills.map { time.instant($0.date) } }
        return instants.max()
    }

    /// The default as-of of tests and tools that want one instant: what DataClock chooses.
    static func newest(in content: Content) -> Int? {
        content.ticketImports.isEmpty && newestRecord(in: content) == nil ? nil : DataClock(content: content).asOf
    }

    /// With no timestamps at all, the newest date the plans name, so the result still does
    /// not depend on the clock; 1970 when there is none.
    static func fallback(in content: Content) -> Int {
        let time = LocalTime(content.site.timezone)
        let days = content.plannedWork.map(\.due) + content.schedules.compactMap(\.from)
        return days.max().map { time.instant($0) } ?? 0
    }
}

extension DataClock {
    /// The as-of instant decides which clocks have breached: when the data chose it, say so,
    /// and say when exports end apart.
    func warnAboutDerivedTimes(_ content: Content, log: DiagnosticLog) {
        let time = LocalTime(content.site.timezone)
        let taken = content.ticketImports.filter { $0.asOf != nil }
        for export in taken where export.extractedAt == nil {
            log.warning("tickets.as_of_derived", at: SourceLocation(file: export.source, line: 1, column: 1),
                        "this export has no extracted_at: its tickets are judged as of its newest state change, "
                            + "\(time.iso(export.asOf ?? asOf)); add 'extracted_at:' with the time the export was taken")
        }
        guard let first = taken.min(by: { ($0.asOf ?? 0) < ($1.asOf ?? 0) }), let last = taken.max(by: { ($0.asOf ?? 0) < ($1.asOf ?? 0) }),
              (last.asOf ?? 0) - (first.asOf ?? 0) > 86_400
        else { return }
        let later = last.source.split(separator: "/").last.map(String.init) ?? last.source
        log.warning("tickets.exports_apart", at: SourceLocation(file: first.source, line: 1, column: 1),
                    "this export ends at \(time.iso(first.asOf ?? 0)), more than a day before \(later) "
                        + "(\(time.iso(last.asOf ?? 0))): each is judged at its own time, and reports after "
                        + "\(time.iso(coveredUntil)) are provisional")
    }
}
