/// The operations records of one period, as its report shows them: the two overdue KPIs
/// with their lists, drills done and due, spare parts below minimum at period end.
public struct OperationsFigures: Sendable {
    public struct Entry: Sendable {
        public var id: String
        public var title: String
        public var due: Day
        /// When it was done (day, or day and time), if it was.
        public var done: String?
        public var outcome: OperationsStatus.Outcome
    }

    public var inspectionsDue = 0, inspectionsOnTime = 0, inspectionsLate = 0, inspectionsMissed = 0, inspectionsPending = 0
    public var inspections: [Entry] = []
    public var plannedDue = 0, plannedOnTime = 0, plannedLate = 0, plannedOpenOverdue = 0, plannedPending = 0
    public var planned: [Entry] = []
    public var drillsDone: [(id: String, title: String, day: Day, result: String)] = []
    public var drillsDue: [(id: String, title: String)] = []
    public var sparesBelowMinimum: [(id: String, name: String, stock: Int, minimum: Int)] = []
    /// Whether spares.yaml lists any part: without it, "none below minimum" would be a figure from nothing.
    public var sparesTracked = false
    /// Half-years and years: the spare-parts checks due (one a half year) and those done in the period.
    public var spareChecksDue = 0
    public var spareChecksDone: [SpareCheck] = []
    /// Documents past their review at the period's end: the seed's scorecard deducts for them.
    public var overdueReviews: [(id: String, title: String, owner: String, reviewed: Day?, due: Day?)] = []

    /// Done late or not done ÷ due, leaving out those still inside their grace at as-of.
    public var inspectionOverdueRate: Double? {
        let counted = inspectionsDue - inspectionsPending
        return counted == 0 ? nil : Double(inspectionsLate + inspectionsMissed) / Double(counted)
    }

    public var plannedOverdueRate: Double? {
        let counted = plannedDue - plannedPending
        return counted == 0 ? nil : Double(plannedLate + plannedOpenOverdue) / Double(counted)
    }

    init(_ status: OperationsStatus, period: Period) {
        let figures = status.figures(for: period)
        let content = status.content
        inspectionsDue = figures.inspections.count
        sparesTracked = !content.spares.isEmpty
        if sparesTracked, period.kind == .half || period.kind == .year {
            spareChecksDue = period.kind == .year ? 2 : 1
            spareChecksDone = content.spareChecks.filter { $0.day >= period.first && $0.day < period.end }.sorted { $0.day < $1.day }
        }
        inspectionsOnTime = figures.count(.onTime)
        inspectionsLate = figures.count(.late)
        inspectionsMissed = figures.count(.missed)
        inspectionsPending = figures.count(.pending)
        inspections = figures.inspections.filter { $0.outcome == .late || $0.outcome == .missed }.map { occurrence in
            let schedule = content.schedules[occurrence.schedule]
            let record = occurrence.record.map { content.records[$0] }
            let done = record.flatMap { $0.result == .missed ? nil : $0 }.map(\.doneText)
            return Entry(id: schedule.id, title: schedule.title, due: occurrence.due, done: done, outcome: occurrence.outcome)
        }
        for index in figures.planned {
            let work = content.plannedWork[index]
            plannedDue += 1
            switch status.planned(work) {
            case .onTime?: plannedOnTime += 1
            case .late?: plannedLate += 1
            case .missed?: plannedOpenOverdue += 1
            case .pending?: plannedPending += 1
            case nil: break
            }
            if let outcome = status.planned(work), outcome == .late || outcome == .missed {
                planned.append(Entry(id: work.id, title: work.title, due: work.due, done: work.done?.description, outcome: outcome))
            }
        }
        overdueReviews = figures.overdueReviews.map { index in
            let page = content.pages[index]
            let due: Day? = if case let .on(day)? = status.reviewDue(page) { day } else { nil }
            return (page.id, page.title, page.owner ?? "", page.reviewed, due)
        }
        drillsDone = figures.drillsDone.map { (content.pages[$0.page].id, content.pages[$0.page].title, $0.drill.date, $0.drill.result) }
        drillsDue = figures.drillsDue.map { (content.pages[$0].id, content.pages[$0].title) }
        sparesBelowMinimum = figures.sparesBelowMinimum.map {
            (content.spares[$0.part].id, content.spares[$0.part].name, $0.stock, content.spares[$0.part].minStock)
        }
    }
}
