/// Stage 3, "compute reports": every period's report, complete before anything renders —
/// figures, KPI verdicts against sla.yaml's targets, changes from the previous period, and
/// the trend window each report page shows. Pages and encodings only format what is here.
public struct ReportSet: Sendable {
    public let builder: ReportBuilder
    /// The periods with a report page: those in which tickets were opened or inspections due.
    public let periods: [Period]
    public let operations: OperationsStatus
    /// The people figures as of the data's time, for the team page and "needs attention".
    public let peopleNow: PeopleFigures
    /// The latest month's figures per asset, for item pages: counted once here, not per item
    /// and not by the renderer.
    public let latestMonthByAsset: [String: Report.Breakdown]
    private let reports: [Period: Report]

    /// Periods a report page's trend chart covers: the period and the five before it.
    public static let trendLength = 6

    /// `only`: compute just these periods (and what their pages read), for `opsbook report`.
    public init(content: Content, asOf: Int, only: [Period]? = nil, parallel: Bool = true) {
        self.init(content: content, clock: DataClock(asOf: asOf), only: only, parallel: parallel)
    }

    public init(content: Content, clock: DataClock, only: [Period]? = nil, parallel: Bool = true) {
        let asOf = clock.asOf
        let builder = ReportBuilder(tickets: content.tickets, sla: content.sla, clock: clock, timezone: content.site.timezone,
                                    skippedRows: content.skippedTicketRows, excludedRows: content.excludedTicketRows,
                                    blankRows: content.blankTicketRows)
        let operations = OperationsStatus(content: content, asOf: asOf)
        let inspected = Set(operations.occurrences.map(\.due)).flatMap(Period.containing)
        let periods = Array(Set(builder.periodsWithTickets + inspected)).sorted()
        // Each page also shows its previous periods (change, trend): compute each once.
        var needed = Set<Period>()
        for period in only ?? periods {
            var window = period
            for _ in 0..<Self.trendLength { needed.insert(window); window = window.previous }
        }
        let ordered = needed.sorted()
        let asOfDay = operations.time.day(of: asOf)
        let outageTickets = content.tickets.filter(\.outage)
        let computed = parallelMap(ordered.count, parallel: parallel) { index in
            Self.figures(ordered[index], builder, operations, content, asOfDay, outageTickets)
        }
        let figures = Dictionary(uniqueKeysWithValues: zip(ordered, computed))
        var reports = figures
        for period in figures.keys {
            reports[period]?.judge(previous: figures[period.previous], sla: content.sla)
        }
        self.builder = builder
        self.operations = operations
        peopleNow = PeopleFigures(content: content, period: Period(day: asOfDay), asOf: asOfDay)
        self.periods = periods
        self.reports = reports
        latestMonthByAsset = Self.byAsset(periods.last { $0.kind == .month }, builder)
    }

    private static func byAsset(_ month: Period?, _ builder: ReportBuilder) -> [String: Report.Breakdown] {
        guard let month else { return [:] }
        var byAsset: [String: Report.Breakdown] = [:]
        let time = builder.time
        for index in builder.cohort(time.instant(month.first), time.instant(month.end)) where !builder.tickets[index].asset.isEmpty {
            byAsset[builder.tickets[index].asset, default: Report.Breakdown()]
                .add(resolved: (builder.tickets[index].resolvedAt ?? .max) <= builder.asOf, breached: builder.evaluations[index].breached)
        }
        return byAsset
    }

    /// The report of `period`. One outside what was computed (no page reads it) is computed
    /// here, judged without a previous period.
    public func report(_ period: Period) -> Report {
        if let report = reports[period] { return report }
        var report = Self.figures(period, builder, operations, operations.content, operations.time.day(of: builder.asOf),
                                  operations.content.tickets.filter(\.outage))
        report.judge(previous: nil, sla: builder.sla)
        return report
    }

    private static func figures(_ period: Period, _ builder: ReportBuilder, _ operations: OperationsStatus, _ content: Content,
                                _ asOfDay: Day, _ outageTickets: [Ticket]) -> Report {
        var report = builder.report(for: period)
        report.operations = OperationsFigures(operations, period: period)
        (report.majorIncidents, report.recurring) = builder.incidents(in: period)
        report.majorIncidentPausedMinutes = report.majorIncidents.map(builder.pausedMinutes)
        report.availability = AvailabilityFigures(
            content: content, tickets: outageTickets, period: period, start: report.start, end: report.end,
            asOf: builder.asOf, sla: builder.sla)
        let last = min(period.end.adding(days: -1), asOfDay)
        report.actionsDay = last
        report.actions = (content.pages.flatMap(\.actions) + content.visits.flatMap(\.actions))
            .filter { $0.isOpen(on: last) }
            .sorted {
                ($0.due ?? last.adding(days: 36_500), $0.raisedOn, $0.title) < ($1.due ?? last.adding(days: 36_500), $1.raisedOn, $1.title)
            }
        if period.kind == .quarter || period.kind == .half || period.kind == .year {
            report.people = PeopleFigures(content: content, period: period, asOf: asOfDay)
        }
        return report
    }

    /// The period and the ones before it that its trend chart shows, oldest first.
    public func trend(_ period: Period) -> [Report] {
        var window = [period]
        while window.count < Self.trendLength { window.insert(window[0].previous, at: 0) }
        return window.map(report)
    }

    /// The latest month with tickets, which system and item pages summarise.
    public var latestMonth: Period? { periods.last { $0.kind == .month } }
}
