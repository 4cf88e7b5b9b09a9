/// Stage 3: the periodic reports. Each ticket's clocks are evaluated once against its SLA
/// policy at the as-of time; a period's report then aggregates its cohort (tickets opened
/// in the period) and the volumes defined by their own timestamps.
public struct ReportBuilder: Sendable {
    public struct Evaluation: Sendable {
        public var response: ClockState?
        public var onsite: ClockState?
        public var resolve: ClockState?
        public var complaint: ClockState?
        public var followUp: ClockState?
        public var responseTarget: Int?, onsiteTarget: Int?, resolveTarget: Int?
        /// Business seconds from open to resolution, pauses excluded (nil while unresolved at as-of).
        public var repairSeconds: Int?
        var breached: Bool {
            [response, onsite, resolve].contains { if case .breached = $0 { true } else { false } }
        }
    }

    public let tickets: [Ticket]
    public let evaluations: [Evaluation]
    public let asOf: Int
    public let time: LocalTime
    public let skippedRows: Int
    public let sla: SLAPolicy
    private let openIndex: OpenTicketIndex

    public init(tickets: [Ticket], sla: SLAPolicy, asOf: Int, timezone: String, skippedRows: Int = 0) {
        let sorted = tickets.sorted { ($0.openedAt, $0.id) < ($1.openedAt, $1.id) }
        self.tickets = sorted
        self.sla = sla
        self.asOf = asOf
        self.skippedRows = skippedRows
        let time = LocalTime(timezone)
        self.time = time
        evaluations = parallelMap(sorted.count, chunk: 4_096) { ReportBuilder.evaluate(sorted[$0], sla: sla, asOf: asOf, time: time) }
        openIndex = OpenTicketIndex(sorted)
    }

    static func evaluate(_ ticket: Ticket, sla: SLAPolicy, asOf: Int, time: LocalTime) -> Evaluation {
        var result = Evaluation()
        let rule = sla.rule(for: ticket)
        let calendar = rule.flatMap { sla.calendars[$0.calendar] } ?? .twentyFourSeven("24x7", time: time)
        func clock(_ start: Int, _ stop: Int?, _ target: Int?, on calendar: BusinessCalendar, pauses: [Pause]) -> ClockState? {
            guard let target, start <= asOf else { return nil }
            if let stop, stop <= asOf {
                let elapsed = calendar.seconds(from: start, to: stop, excluding: pauses)
                return elapsed <= target ? .met : .breached(elapsed: elapsed)
            }
            let elapsed = calendar.seconds(from: start, to: asOf, excluding: pauses)
            return elapsed > target ? .breached(elapsed: elapsed) : .pending
        }
        let wall = BusinessCalendar.twentyFourSeven("24x7", time: time)
        result.responseTarget = rule?.response
        result.onsiteTarget = ticket.onsiteRequired ? rule?.onsite : nil
        result.resolveTarget = rule?.resolve
        result.response = clock(ticket.openedAt, ticket.firstResponseAt, rule?.response, on: calendar, pauses: ticket.pauses)
        if ticket.onsiteRequired {
            result.onsite = clock(ticket.openedAt, ticket.onsiteArrivedAt, rule?.onsite, on: calendar, pauses: ticket.pauses)
        }
        result.resolve = clock(ticket.openedAt, ticket.resolvedAt, rule?.resolve, on: calendar, pauses: ticket.pauses)
        if ticket.type == "complaint" {
            result.complaint = clock(ticket.openedAt, ticket.resolvedAt, 24 * 3600, on: wall, pauses: [])
        }
        if ticket.onsiteRequired, ticket.onsiteArrivedAt != nil, let resolved = ticket.resolvedAt, resolved <= asOf {
            result.followUp = clock(resolved, ticket.followedUpAt, 72 * 3600, on: wall, pauses: [])
        }
        if let resolved = ticket.resolvedAt, resolved <= asOf {
            result.repairSeconds = calendar.seconds(from: ticket.openedAt, to: resolved, excluding: ticket.pauses)
        }
        return result
    }

    /// Every period of every kind in which a ticket was opened, oldest first.
    public var periodsWithTickets: [Period] {
        var seen = Set<Period>()
        var days = Set<Day>()
        for ticket in tickets { days.insert(time.day(of: ticket.openedAt)) }
        for day in days { for period in Period.containing(day) { seen.insert(period) } }
        return seen.sorted()
    }

    func cohort(_ start: Int, _ end: Int) -> Range<Int> {
        func lowerBound(_ instant: Int) -> Int {
            var low = 0, high = tickets.count
            while low < high { let mid = (low + high) / 2; if tickets[mid].openedAt < instant { low = mid + 1 } else { high = mid } }
            return low
        }
        return lowerBound(start)..<lowerBound(end)
    }

    public func report(for period: Period) -> Report {
        let start = time.instant(period.first), end = time.instant(period.end)
        var report = Report(period: period, asOf: asOf, start: start, end: end)
        report.skippedRows = skippedRows
        let members = cohort(start, end)
        report.opened = members.count
        var repairs: [Double] = [], scores: [Double] = []
        // One dictionary per dimension, in the order reports list them.
        let dimensionNames = ["priority", "type", "system", "category", "group"]
        var dimensions = Array(repeating: [String: Report.Breakdown](), count: dimensionNames.count)
        for index in members {
            let ticket = tickets[index], evaluation = evaluations[index]
            report.responseOnTime.add(evaluation.response)
            report.onsiteOnTime.add(evaluation.onsite)
            report.resolutionWithinSLA.add(evaluation.resolve)
            report.complaints24h.add(evaluation.complaint)
            report.followup3d.add(evaluation.followUp)
            let resolvedByAsOf = ticket.resolvedAt.map { $0 <= asOf } ?? false
            report.resolutionRate.whole += 1
            if resolvedByAsOf {
                report.resolutionRate.part += 1
                report.firstLineResolution.whole += 1
                if ticket.tier == "L1" { report.firstLineResolution.part += 1 }
                if ticket.type == "incident", let seconds = evaluation.repairSeconds { repairs.append(Double(seconds) / 60) }
            }
            if let score = ticket.satisfaction { scores.append(score) }
            let breached = evaluation.breached
            func count(_ dimension: Int, _ key: String) {
                dimensions[dimension][key.isEmpty ? "(none)" : key, default: Report.Breakdown()].add(resolved: resolvedByAsOf, breached: breached)
            }
            count(0, ticket.priority); count(1, ticket.type); count(2, ticket.system); count(3, ticket.category); count(4, ticket.group)
            func breach(_ clock: String, _ state: ClockState?, _ target: Int?) {
                if case let .breached(elapsed) = state, let target {
                    report.breaches.append(.init(ticket: index, clock: clock, targetMinutes: target / 60, actualMinutes: elapsed / 60))
                }
            }
            breach("response", evaluation.response, evaluation.responseTarget)
            breach("onsite", evaluation.onsite, evaluation.onsiteTarget)
            breach("resolve", evaluation.resolve, evaluation.resolveTarget)
        }
        report.breakdowns = zip(dimensionNames, dimensions).map { dimension, figures in
            (dimension, figures.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
        report.mttrMinutes = ReportBuilder.summary(repairs)
        report.satisfaction = ReportBuilder.summary(scores)
        report.satisfaction.median = nil
        report.satisfaction.p90 = nil

        // Volumes by the timestamp that defines them, up to the period end or as-of.
        let cutoff = min(end, asOf)
        report.resolved = openIndex.resolvedCount(from: start, before: cutoff)
        var buckets = [("0-1d", 0), ("1-3d", 0), ("3-7d", 0), ("7-30d", 0), ("30d+", 0)]
        openIndex.forEachOpen(at: cutoff) { openedAt in
            report.openAtEnd += 1
            let age = cutoff - openedAt
            let bucket = age < 86_400 ? 0 : age < 3 * 86_400 ? 1 : age < 7 * 86_400 ? 2 : age < 30 * 86_400 ? 3 : 4
            buckets[bucket].1 += 1
        }
        report.aging = buckets.map { (bucket: $0.0, count: $0.1) }
        report.volume = volume(period, members)
        return report
    }

    private func volume(_ period: Period, _ members: Range<Int>) -> [(label: String, byType: [String: Int])] {
        let byMonth = period.kind == .year || period.kind == .quarter
        var slots: [String: [String: Int]] = [:]
        var labels: [String] = []
        if byMonth {
            var day = period.first
            while day < period.end {
                let label = Period(year: day.year, month: day.month).id
                if slots[label] == nil { labels.append(label); slots[label] = [:] }
                day = day.adding(days: 1)
            }
        } else {
            for day in period.days { labels.append(day.description); slots[day.description] = [:] }
        }
        // Tickets are in opening order: the label changes only when the day does.
        var dayEnd = Int.min, label = ""
        for index in members {
            let opened = tickets[index].openedAt
            if opened >= dayEnd {
                let day = time.day(of: opened)
                label = byMonth ? Period(year: day.year, month: day.month).id : day.description
                dayEnd = time.instant(day.adding(days: 1))
            }
            slots[label, default: [:]][tickets[index].type, default: 0] += 1
        }
        return labels.map { ($0, slots[$0] ?? [:]) }
    }

    static func summary(_ values: [Double]) -> Report.Summary {
        guard !values.isEmpty else { return Report.Summary() }
        let sorted = values.sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        // Nearest-rank percentile: the smallest value with at least 90% of values at or below it.
        let rank = Int((0.9 * Double(sorted.count)).rounded(.up))
        return Report.Summary(mean: sorted.reduce(0, +) / Double(sorted.count), median: median, p90: sorted[max(rank - 1, 0)],
                              count: sorted.count)
    }
}
