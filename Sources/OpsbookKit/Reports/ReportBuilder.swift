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
        /// The SLA policy that matched the ticket; nil when none did.
        public var rule: Int?
        var breached: Bool {
            [response, onsite, resolve].contains { if case .breached = $0 { true } else { false } }
        }
    }

    /// What a period's figures read of a ticket, with no references: a year's 435 reports
    /// read every ticket five times on two cores, and a Ticket copy retains its strings.
    struct Fact {
        var openedAt: Int
        /// Int.max while unresolved.
        var resolvedAt: Int
        var satisfaction: Double?
        var firstLine: Bool
        var incident: Bool
        var reopened: Bool
        /// The KPI inputs the ticket's export lacks.
        var missing: KPIInputs
        /// Per dimension (priority, type, system, category, group), the index of its value
        /// in `dimensionValues`.
        var codes: (Int32, Int32, Int32, Int32, Int32)
    }

    public let tickets: [Ticket]
    public let evaluations: [Evaluation]
    public let asOf: Int
    /// When the data was taken: each export's own as-of, and how far the data covers.
    public let clock: DataClock
    public let time: LocalTime
    public let skippedRows: Int
    public let excludedRows: Int
    public let blankRows: Int
    public let sla: SLAPolicy
    private let openIndex: OpenTicketIndex
    private let facts: [Fact]
    static let dimensionNames = ["priority", "type", "system", "category", "group"]
    /// Per dimension, the values tickets have, by code.
    private let dimensionValues: [[String]]

    public init(tickets: [Ticket], sla: SLAPolicy, asOf: Int, timezone: String, skippedRows: Int = 0, excludedRows: Int = 0) {
        self.init(tickets: tickets, sla: sla, clock: DataClock(asOf: asOf), timezone: timezone, skippedRows: skippedRows,
                  excludedRows: excludedRows)
    }

    public init(tickets: [Ticket], sla: SLAPolicy, clock: DataClock, timezone: String, skippedRows: Int = 0, excludedRows: Int = 0,
                blankRows: Int = 0) {
        let asOf = clock.asOf
        // Exports are usually in opening order already; sorting a million tickets is not free.
        let inOrder = zip(tickets, tickets.dropFirst()).allSatisfy { a, b in
            a.openedAt < b.openedAt || (a.openedAt == b.openedAt && a.id <= b.id)
        }
        let sorted = inOrder ? tickets : tickets.sorted { ($0.openedAt, $0.id) < ($1.openedAt, $1.id) }
        self.tickets = sorted
        self.sla = sla
        self.asOf = asOf
        self.clock = clock
        self.skippedRows = skippedRows
        self.excludedRows = excludedRows
        self.blankRows = blankRows
        let time = LocalTime(timezone)
        self.time = time
        // Clocks and facts in one pass of parallel chunks, each with its own calendars and its
        // own coding of dimension values; the codes are then made global over small tables.
        let chunks = parallelRanges(sorted.count, chunk: 16_384) { range in
            var evaluator = ChunkEvaluator(sla: sla, clock: clock, time: time)
            return (evaluations: range.map { evaluator.evaluate(sorted[$0]) }, facts: range.map { evaluator.fact(sorted[$0]) },
                    values: evaluator.codes.values)
        }
        evaluations = Array(chunks.lazy.flatMap(\.evaluations))
        var global = DimensionCodes()
        var facts: [Fact] = []
        facts.reserveCapacity(sorted.count)
        for chunk in chunks {
            let remap = (0..<5).map { dimension in chunk.values[dimension].map { global.code(dimension, $0) } }
            for var fact in chunk.facts {
                fact.codes = (remap[0][Int(fact.codes.0)], remap[1][Int(fact.codes.1)], remap[2][Int(fact.codes.2)],
                              remap[3][Int(fact.codes.3)], remap[4][Int(fact.codes.4)])
                facts.append(fact)
            }
        }
        self.facts = facts
        dimensionValues = global.values
        openIndex = OpenTicketIndex(sorted)
    }

    /// One chunk's evaluation state: the SLA's calendars copied for this chunk alone (see
    /// parallelRanges) and the chunk's codes for dimension values.
    private struct ChunkEvaluator {
        let sla: SLAPolicy
        let clock: DataClock
        /// Per rule, its calendar; wall time for tickets no rule matches and for the fixed clocks.
        let calendars: [BusinessCalendar]
        let wall: BusinessCalendar
        var codes = DimensionCodes()

        init(sla: SLAPolicy, clock: DataClock, time: LocalTime) {
            self.sla = sla
            self.clock = clock
            let time = time.unshared()
            let wall = BusinessCalendar.twentyFourSeven("24x7", time: time)
            self.wall = wall
            calendars = sla.rules.map { sla.calendars[$0.calendar]?.unshared() ?? wall }
        }

        func evaluate(_ ticket: Ticket) -> Evaluation {
            let ruleIndex = sla.ruleIndex(for: ticket)
            var evaluation = ReportBuilder.evaluate(ticket, rule: ruleIndex.map { sla.rules[$0] },
                                                    calendar: ruleIndex.map { calendars[$0] } ?? wall, wall: wall,
                                                    asOf: clock.exports.isEmpty ? clock.asOf : clock.asOf(export: ticket.source))
            evaluation.rule = ruleIndex
            return evaluation
        }

        mutating func fact(_ ticket: Ticket) -> Fact {
            Fact(openedAt: ticket.openedAt, resolvedAt: ticket.resolvedAt ?? .max, satisfaction: ticket.satisfaction,
                 firstLine: ticket.tier == "L1", incident: ticket.type == "incident", reopened: ticket.reopenCount > 0,
                 missing: ticket.missingInputs,
                 codes: (codes.code(0, ticket.priority), codes.code(1, ticket.type), codes.code(2, ticket.system),
                         codes.code(3, ticket.category), codes.code(4, ticket.group)))
        }
    }

    /// Numbers for the values of each dimension, in order of first sight.
    private struct DimensionCodes {
        private(set) var values = Array(repeating: [String](), count: 5)
        private var codes = Array(repeating: [String: Int32](), count: 5)

        mutating func code(_ dimension: Int, _ value: String) -> Int32 {
            if let known = codes[dimension][value] { return known }
            let new = Int32(values[dimension].count)
            values[dimension].append(value); codes[dimension][value] = new
            return new
        }
    }

    static func evaluate(_ ticket: Ticket, rule: SLAPolicy.Rule?, calendar: BusinessCalendar, wall: BusinessCalendar, asOf: Int)
        -> Evaluation
    {
        var result = Evaluation()
        func clock(_ start: Int, _ stop: Int?, _ target: Int?, on calendar: BusinessCalendar, pauses: [Pause]) -> ClockState? {
            guard let target, start <= asOf else { return nil }
            if let stop, stop <= asOf {
                let elapsed = calendar.seconds(from: start, to: stop, excluding: pauses)
                return elapsed <= target ? .met : .breached(elapsed: elapsed)
            }
            let elapsed = calendar.seconds(from: start, to: asOf, excluding: pauses)
            return elapsed > target ? .breached(elapsed: elapsed) : .pending
        }
        // A clock whose stop the export never records is not measured: a running clock would
        // read as breached for every ticket.
        let missing = ticket.missingInputs
        let hasResolution = !missing.contains(.resolution), hasOnsite = !missing.contains(.onsite)
        result.responseTarget = rule?.response
        result.onsiteTarget = ticket.onsiteRequired ? rule?.onsite : nil
        result.resolveTarget = rule?.resolve
        if !missing.contains(.firstResponse) {
            result.response = clock(ticket.openedAt, ticket.firstResponseAt, rule?.response, on: calendar, pauses: ticket.pauses)
        }
        if ticket.onsiteRequired, hasOnsite {
            result.onsite = clock(ticket.openedAt, ticket.onsiteArrivedAt, rule?.onsite, on: calendar, pauses: ticket.pauses)
        }
        guard hasResolution else { return result }
        result.resolve = clock(ticket.openedAt, ticket.resolvedAt, rule?.resolve, on: calendar, pauses: ticket.pauses)
        if ticket.type == "complaint" {
            result.complaint = clock(ticket.openedAt, ticket.resolvedAt, 24 * 3600, on: wall, pauses: [])
        }
        if ticket.onsiteRequired, hasOnsite, !missing.contains(.followUp), ticket.onsiteArrivedAt != nil,
           let resolved = ticket.resolvedAt, resolved <= asOf {
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
        // Tickets are in opening order: the day changes only when an instant passes its end.
        var dayEnd = Int.min
        for fact in facts where fact.openedAt >= dayEnd {
            let day = time.day(of: fact.openedAt)
            seen.formUnion(Period.containing(day))
            dayEnd = time.instant(day.adding(days: 1))
        }
        return seen.sorted()
    }

    /// Priorities a report lists as major incidents (the contract's 重大故障).
    public static let majorPriorities: Set<String> = ["P1", "P2"]
    /// Systems and items with at least this many incidents are problem candidates (问题管理).
    public static let recurringThreshold = 3

    /// The period's incidents, in one pass: those of a major priority (by index into
    /// `tickets`, in opening order), and the systems and items with `recurringThreshold` or
    /// more, most incidents first.
    public func incidents(in period: Period) -> (major: [Int], recurring: [Report.Recurring]) {
        var major: [Int] = [], bySystem: [String: [Int]] = [:], byAsset: [String: [Int]] = [:]
        for index in cohort(time.instant(period.first), time.instant(period.end)) where facts[index].incident {
            let ticket = tickets[index]
            if Self.majorPriorities.contains(ticket.priority) { major.append(index) }
            if !ticket.system.isEmpty { bySystem[ticket.system, default: []].append(index) }
            if !ticket.asset.isEmpty { byAsset[ticket.asset, default: []].append(index) }
        }
        let found = [("system", bySystem), ("asset", byAsset)].flatMap { dimension, groups in
            groups.filter { $0.value.count >= Self.recurringThreshold }.map {
                Report.Recurring(dimension: dimension, key: $0.key, tickets: $0.value)
            }
        }
        return (major, found.sorted { ($1.tickets.count, $0.dimension, $0.key) < ($0.tickets.count, $1.dimension, $1.key) })
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
        report.provisional = clock.isProvisional(period, time: time)
        report.skippedRows = skippedRows
        report.excludedRows = excludedRows
        report.blankRows = blankRows
        let members = cohort(start, end)
        report.opened = members.count
        countCohort(members, into: &report)
        countOpenAndResolved(start: start, end: end, into: &report)
        report.volume = volume(period, members)
        // Judged on its own figures; ReportSet judges again with operations and the previous period.
        report.judge(previous: nil, sla: sla)
        return report
    }

    /// The figures of the tickets opened in the period: clocks, rates, breakdowns, breaches,
    /// and which KPIs their missing fields leave unmeasured.
    private func countCohort(_ members: Range<Int>, into report: inout Report) {
        var lacking = Array(repeating: 0, count: KPI.ticketKPIs.count)
        var missingAnywhere = KPIInputs()
        var repairs: [Double] = [], scores: [Double] = []
        // Per dimension, figures by value code, in the order reports list them.
        var dimensions = dimensionValues.map { Array(repeating: Report.Breakdown(), count: $0.count) }
        for index in members {
            let fact = facts[index], evaluation = evaluations[index]
            report.responseOnTime.add(evaluation.response)
            report.onsiteOnTime.add(evaluation.onsite)
            report.resolutionWithinSLA.add(evaluation.resolve)
            report.complaints24h.add(evaluation.complaint)
            report.followup3d.add(evaluation.followUp)
            if evaluation.rule == nil { report.slaUnmatched.append(index) }
            if !fact.missing.isEmpty {
                missingAnywhere.formUnion(fact.missing)
                for (position, kpi) in KPI.ticketKPIs.enumerated() where !kpi.inputs.isDisjoint(with: fact.missing) {
                    lacking[position] += 1
                }
            }
            let resolvedByAsOf = fact.resolvedAt <= asOf
            if let minutes = Self.countResolution(fact, resolvedByAsOf: resolvedByAsOf, evaluation, into: &report) {
                repairs.append(minutes)
            }
            if let score = fact.satisfaction { scores.append(score) }
            let breached = evaluation.breached
            dimensions[0][Int(fact.codes.0)].add(resolved: resolvedByAsOf, breached: breached)
            dimensions[1][Int(fact.codes.1)].add(resolved: resolvedByAsOf, breached: breached)
            dimensions[2][Int(fact.codes.2)].add(resolved: resolvedByAsOf, breached: breached)
            dimensions[3][Int(fact.codes.3)].add(resolved: resolvedByAsOf, breached: breached)
            dimensions[4][Int(fact.codes.4)].add(resolved: resolvedByAsOf, breached: breached)
            if breached { report.breaches.append(breach(index, evaluation)) }
        }
        for (position, kpi) in KPI.ticketKPIs.enumerated() where lacking[position] > 0 {
            if lacking[position] == members.count {
                report.notMeasured[kpi.name] = kpi.inputs.intersection(missingAnywhere).missingFields()
            } else {
                report.unmeasuredTickets[kpi.name] = lacking[position]
            }
        }
        report.breakdowns = breakdowns(dimensions)
        report.mttrMinutes = ReportBuilder.summary(repairs)
        report.satisfaction = ReportBuilder.summary(scores)
        report.satisfaction.median = nil
        report.satisfaction.p90 = nil
    }

    /// Counts one ticket in the resolution, first-line and reopen rates, each only where the
    /// ticket has that rate's fields; returns its repair time in minutes when it is an incident repaired by as-of.
    private static func countResolution(_ fact: Fact, resolvedByAsOf: Bool, _ evaluation: Evaluation, into report: inout Report) -> Double?
    {
        guard !fact.missing.contains(.resolution) else { return nil }
        report.resolutionRate.whole += 1
        guard resolvedByAsOf else { return nil }
        report.resolutionRate.part += 1
        if !fact.missing.contains(.tier) {
            report.firstLineResolution.whole += 1
            if fact.firstLine { report.firstLineResolution.part += 1 }
        }
        if !fact.missing.contains(.reopen) {
            report.reopenRate.whole += 1
            if fact.reopened { report.reopenRate.part += 1 }
        }
        guard fact.incident, let seconds = evaluation.repairSeconds else { return nil }
        return Double(seconds) / 60
    }

    /// Figures by value code → by value text, blank values under `Report.noValue`, sorted by value.
    private func breakdowns(_ dimensions: [[Report.Breakdown]]) -> [(dimension: String, rows: [(key: String, figures: Report.Breakdown)])] {
        let figures = zip(dimensionValues, dimensions).map { values, figures in
            Dictionary(zip(values, figures).filter { $0.1.opened > 0 }.map { ($0.0.isEmpty ? Report.noValue : $0.0, $0.1) }) { a, b in
                Report.Breakdown(opened: a.opened + b.opened, resolved: a.resolved + b.resolved, breached: a.breached + b.breached)
            }
        }
        return zip(Self.dimensionNames, figures).map { dimension, figures in
            (dimension, figures.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
    }

    /// Volumes by the timestamp that defines them, up to the period end or as-of: a ticket
    /// resolved at the as-of instant is resolved, as it is for the cohort figures.
    private func countOpenAndResolved(start: Int, end: Int, into report: inout Report) {
        let cutoff = asOf < end ? asOf + 1 : end
        report.resolved = openIndex.resolvedCount(from: start, before: cutoff)
        var buckets = [("0-1d", 0), ("1-3d", 0), ("3-7d", 0), ("7-30d", 0), ("30d+", 0)]
        openIndex.forEachOpen(at: cutoff) { openedAt in
            report.openAtEnd += 1
            let age = cutoff - openedAt
            let bucket = age < 86_400 ? 0 : age < 3 * 86_400 ? 1 : age < 7 * 86_400 ? 2 : age < 30 * 86_400 ? 3 : 4
            buckets[bucket].1 += 1
        }
        report.aging = buckets.map { (bucket: $0.0, count: $0.1) }
    }

    /// One ticket's breached clocks, in the order response, on-site, resolution.
    private func breach(_ index: Int, _ evaluation: Evaluation) -> Report.Breach {
        var clocks: [Report.Breach.Clock] = []
        for (name, state, target) in [("response", evaluation.response, evaluation.responseTarget),
                                      ("onsite", evaluation.onsite, evaluation.onsiteTarget),
                                      ("resolve", evaluation.resolve, evaluation.resolveTarget)] {
            if case let .breached(elapsed) = state, let target {
                clocks.append(.init(clock: name, targetMinutes: target / 60, actualMinutes: elapsed / 60))
            }
        }
        return Report.Breach(ticket: index, clocks: clocks, pausedMinutes: pausedMinutes(index),
                             calendar: evaluation.rule.map { sla.rules[$0].calendar } ?? "24x7")
    }

    /// Wall-clock minutes ticket `index` was paused (waiting on the client) up to its as-of.
    func pausedMinutes(_ index: Int) -> Int {
        // Read in place: a copy of the ticket retains and releases every one of its strings, and a
        // year of a million tickets asks for half a million of these.
        guard !tickets[index].pauses.isEmpty else { return 0 }
        let stop = clock.exports.isEmpty ? asOf : clock.asOf(export: tickets[index].source)
        return tickets[index].pauses.reduce(0) { total, pause in total + max(0, min(pause.end ?? stop, stop) - pause.start) } / 60
    }

    private func volume(_ period: Period, _ members: Range<Int>) -> [(label: String, byType: [String: Int])] {
        if period.kind == .day { return hourlyVolume(period, members) }
        let byMonth = period.kind == .year || period.kind == .half || period.kind == .quarter
        var labels: [String] = []
        if byMonth {
            var day = period.first
            while day < period.end {
                let label = Period(year: day.year, month: day.month).id
                if labels.last != label { labels.append(label) }
                day = day.adding(days: 1)
            }
        } else {
            labels = period.days.map(\.description)
        }
        // Tickets are in opening order: the label changes only when the day does.
        let types = dimensionValues[1]
        var counts = Array(repeating: Array(repeating: 0, count: types.count), count: labels.count)
        let slot = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($0.element, $0.offset) })
        var dayEnd = Int.min, label = 0
        for index in members {
            let opened = facts[index].openedAt
            if opened >= dayEnd {
                let day = time.day(of: opened)
                label = slot[byMonth ? Period(year: day.year, month: day.month).id : day.description] ?? -1
                dayEnd = time.instant(day.adding(days: 1))
            }
            if label >= 0 { counts[label][Int(facts[index].codes.1)] += 1 }
        }
        return zip(labels, counts).map { label, counts in
            (label, Dictionary(uniqueKeysWithValues: zip(types, counts).filter { $0.1 > 0 }))
        }
    }

    /// A day's tickets per hour from local midnight (a day report's chart was one bar).
    private func hourlyVolume(_ period: Period, _ members: Range<Int>) -> [(label: String, byType: [String: Int])] {
        let types = dimensionValues[1], start = time.instant(period.first)
        var counts = Array(repeating: Array(repeating: 0, count: types.count), count: 24)
        for index in members {
            counts[min(23, max(0, (facts[index].openedAt - start) / 3600))][Int(facts[index].codes.1)] += 1
        }
        return counts.enumerated().map { hour, counts in
            ((hour < 10 ? "0" : "") + "\(hour):00", Dictionary(uniqueKeysWithValues: zip(types, counts).filter { $0.1 > 0 }))
        }
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
