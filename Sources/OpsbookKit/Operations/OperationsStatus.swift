/// Where the operations records stand at the as-of time: each scheduled inspection
/// occurrence with its record and outcome, drills due, spare stock. Computed once per
/// build; reports and pages read from it.
public struct OperationsStatus: Sendable {
    public enum Outcome: String, Sendable { case onTime = "on-time", late, missed, pending }

    public struct Occurrence: Sendable {
        public var schedule: Int
        public var due: Day
        public var dueAt: Int
        public var deadline: Int
        public var record: Int?
        public var outcome: Outcome
    }

    public enum DrillDue: Sendable, Equatable {
        case on(Day)
        /// `drill_every` is set but the plan was never drilled.
        case never
    }

    public let content: Content
    public let asOf: Int
    public let time: LocalTime
    public let occurrences: [Occurrence]

    public init(content: Content, asOf: Int) {
        self.content = content
        self.asOf = asOf
        let time = LocalTime(content.site.timezone)
        self.time = time
        let asOfDay = time.day(of: asOf)
        var occurrences: [Occurrence] = []
        let recordsBySchedule = Dictionary(grouping: content.records.indices, by: { content.records[$0].schedule.target })
        // Once for all schedules (it reads every ticket), and only when there are any.
        let countingStart = content.schedules.isEmpty ? asOfDay : Self.countingStart(content, asOfDay: asOfDay)
        for (index, schedule) in content.schedules.enumerated() {
            let records = (recordsBySchedule[schedule.id] ?? []).sorted {
                (content.records[$0].day, content.records[$0].minute ?? 0) < (content.records[$1].day, content.records[$1].minute ?? 0)
            }
            guard let given = schedule.from ?? records.first.map({ content.records[$0].day }) else { continue }
            let start = max(given, countingStart)
            let end = min(schedule.until.map { $0.adding(days: 1) } ?? asOfDay.adding(days: 1), asOfDay.adding(days: 1))
            let calendar = schedule.calendar.flatMap { content.sla.calendars[$0] }
                ?? content.sla.calendars.values.filter { !$0.alwaysOpen }.sorted { $0.name < $1.name }.first
            let days = schedule.frequency.days(from: start, to: end, calendar: calendar)
            var assigned: [Int?] = Array(repeating: nil, count: days.count)
            // A record belongs to the latest occurrence due on or before its day.
            for record in records {
                let day = content.records[record].day
                var low = 0, high = days.count
                while low < high { let mid = (low + high) / 2; if days[mid] <= day { low = mid + 1 } else { high = mid } }
                if low > 0, assigned[low - 1] == nil { assigned[low - 1] = record }
            }
            for (position, day) in days.enumerated() {
                let dueAt = time.instant(day, minute: schedule.at)
                let deadline = dueAt + schedule.grace
                var outcome: Outcome
                if let record = assigned[position] {
                    let entry = content.records[record]
                    if entry.result == .missed { outcome = .missed }
                    else if let minute = entry.minute { outcome = time.instant(entry.day, minute: minute) <= deadline ? .onTime : .late }
                    else { outcome = entry.day <= time.day(of: deadline) ? .onTime : .late }
                } else {
                    outcome = asOf > deadline ? .missed : .pending
                }
                if dueAt <= asOf {
                    occurrences.append(
                        Occurrence(
                            schedule: index, due: day, dueAt: dueAt, deadline: deadline, record: assigned[position], outcome: outcome))
                }
            }
        }
        self.occurrences = occurrences
    }

    /// How far back occurrences are counted: not before the data begins (the first ticket,
    /// record, finished planned work, spare usage or drill), and at most ten years before
    /// as-of — so a schedule `from: 1970-01-01` costs what its data does, not 20,000 days.
    static func countingStart(_ content: Content, asOfDay: Day) -> Day {
        let time = LocalTime(content.site.timezone)
        var first: Day? = content.tickets.lazy.map(\.openedAt).min().map(time.day(of:))
        let days = content.records.map(\.day) + content.plannedWork.compactMap(\.done) + content.spareUsage.map(\.day)
            + content.pages.flatMap { $0.drills.map(\.date) }
        if let earliest = days.min() { first = min(first ?? earliest, earliest) }
        let limit = asOfDay.adding(days: -3_660)
        return max(first ?? limit, limit)
    }

    public func drillDue(_ page: Page) -> DrillDue? {
        if let next = page.drillNext { return .on(next) }
        guard let every = page.drillEvery else { return nil }
        guard let last = page.drills.last?.date else { return .never }
        return .on(every.after(last))
    }

    public func reviewDue(_ page: Page) -> DrillDue? { ReviewSchedule.due(page, in: content) }
    public func reviewOverdue(_ page: Page, on day: Day) -> Bool { ReviewSchedule.overdue(page, in: content, on: day) }

    /// Plans whose drill was due before the as-of day and has not happened since.
    public func drillOverdue(_ page: Page) -> Bool {
        switch drillDue(page) {
        case .never: true
        case let .on(day): day < time.day(of: asOf)
        case nil: false
        }
    }

    /// A part's stock at the start of `day`: the recorded stock plus what was used from then on.
    public func stock(of part: SparePart, at day: Day) -> Int {
        part.stock + content.spareUsage.filter { $0.part.target == part.id && $0.day >= day }.reduce(0) { $0 + $1.quantity }
    }

    public func planned(_ work: PlannedWork) -> Outcome? {
        if work.status == "cancelled" { return nil }
        let dueEnd = time.instant(work.due.adding(days: 1))
        if let done = work.done { return done <= work.due ? .onTime : .late }
        return asOf >= dueEnd ? .missed : .pending
    }

    /// The operations part of a period's report.
    public struct PeriodFigures: Sendable {
        public var inspections: [Occurrence] = []
        public var planned: [Int] = []
        public var drillsDone: [(page: Int, drill: Drill)] = []
        public var drillsDue: [Int] = []
        public var sparesBelowMinimum: [(part: Int, stock: Int)] = []
        /// Pages past their review on the period's last day (or as-of).
        public var overdueReviews: [Int] = []

        public func count(_ outcome: Outcome) -> Int { inspections.filter { $0.outcome == outcome }.count }
    }

    public func figures(for period: Period) -> PeriodFigures {
        var figures = PeriodFigures()
        figures.inspections = occurrences.filter { $0.due >= period.first && $0.due < period.end }
        figures.planned = content.plannedWork.indices.filter {
            let work = content.plannedWork[$0]
            return work.due >= period.first && work.due < period.end && work.status != "cancelled" && time.instant(work.due) <= asOf
        }
        for (index, page) in content.pages.enumerated() where page.type == .emergencyPlan {
            for drill in page.drills where drill.date >= period.first && drill.date < period.end {
                figures.drillsDone.append((index, drill))
            }
            // Each drill but the last made the next one due; the last (or drill_next) gives the current due date.
            var due: [Day] = page.drills.dropLast().compactMap { page.drillEvery?.after($0.date) }
            if case let .on(next)? = drillDue(page) { due.append(next) }
            if due.contains(where: { $0 >= period.first && $0 < period.end && time.instant($0) <= asOf }) {
                figures.drillsDue.append(index)
            }
        }
        let reviewDay = min(period.end.adding(days: -1), time.day(of: asOf))
        figures.overdueReviews = content.pages.indices.filter { reviewOverdue(content.pages[$0], on: reviewDay) }
        let stockDay = min(period.end, time.day(of: asOf).adding(days: 1))
        for (index, part) in content.spares.enumerated() {
            let stock = stock(of: part, at: stockDay)
            if stock < part.minStock { figures.sparesBelowMinimum.append((index, stock)) }
        }
        return figures
    }
}
