/// Checks the ids that operations records name, and that no record is dated after as-of.
struct OperationsChecker {
    let graph: SiteGraph
    let asOf: Int?
    let log: DiagnosticLog
    private let idList: [String]
    private let time: LocalTime

    static func check(_ graph: SiteGraph, asOf: Int?, log: DiagnosticLog) {
        let checker = OperationsChecker(graph: graph, asOf: asOf, log: log)
        checker.checkReviews()
        let scheduleIDs = checker.checkSchedules()
        checker.checkRecords(scheduleIDs: scheduleIDs)
        checker.checkPlannedWork()
        checker.checkSpares()
        checker.checkScorecards()
    }

    private init(graph: SiteGraph, asOf: Int?, log: DiagnosticLog) {
        self.graph = graph
        self.asOf = asOf
        self.log = log
        idList = graph.ids.keys.sorted()
        time = LocalTime(graph.content.site.timezone)
    }

    private var content: Content { graph.content }

    /// An error unless `reference` names a node that `accept` takes, with the closest of `candidates` (default every id).
    private func known(_ reference: Reference, _ what: String, candidates: [String]? = nil, accept: (Node) -> Bool = { _ in true }) {
        guard let node = graph.node(named: reference.target) else {
            log.error("ref.unknown", at: reference.location, "'\(reference.field)' refers to unknown \(what) '\(reference.target)'",
                      suggestion: Suggestion.forReference(reference.target, in: candidates ?? idList))
            return
        }
        if !accept(node) { log.error("ref.kind", at: reference.location, "'\(reference.target)' is not \(what)") }
    }

    private func checkReviews() {
        guard let asOf else { return }
        let today = time.day(of: asOf)
        for page in content.pages where ReviewSchedule.overdue(page, in: content, on: today) {
            let owner = page.owner.map { "; owner \($0)" } ?? ""
            let message: String
            if case let .on(due)? = ReviewSchedule.due(page, in: content), let reviewed = page.reviewed {
                message = "'\(page.title)' is past its review: reviewed \(reviewed), due \(due)\(owner)"
            } else {
                message = "'\(page.title)' must be reviewed and has no 'reviewed' date\(owner)"
            }
            log.warning("review.overdue", at: page.reviewedLocation ?? SourceLocation(file: page.file, line: 1, column: 1), message)
        }
    }

    /// Returns the schedules' ids, for the records to name.
    private func checkSchedules() -> Set<String> {
        let procedures = content.pages.filter { $0.type == .procedure }.map(\.id)
        var scheduleIDs = Set<String>()
        // Once, not per schedule: it reads every ticket.
        let countingStart = asOf.map { OperationsStatus.countingStart(content, asOfDay: time.day(of: $0)) }
        for schedule in content.schedules {
            if !scheduleIDs.insert(schedule.id).inserted {
                log.error("id.duplicate", at: schedule.location, "duplicate inspection schedule id '\(schedule.id)'")
            }
            if let procedure = schedule.procedure {
                known(procedure, "a procedure", candidates: procedures) {
                    if case let .page(index) = $0 { content.pages[index].type == .procedure } else { false }
                }
            }
            for target in schedule.targets { known(target, "an inventory item or system") }
            if let from = schedule.from, let start = countingStart, from < start {
                log.warning("inspections.from", at: schedule.location,
                            "schedule '\(schedule.id)' starts \(from), before its data (\(start)): occurrences are counted from \(start)")
            }
            if let name = schedule.calendar, content.sla.calendars[name] == nil {
                log.error("sla.calendar", at: schedule.location, "unknown calendar '\(name)'",
                          suggestion: Suggestion.closest(to: name, in: content.sla.calendars.keys.sorted()))
            }
        }
        return scheduleIDs
    }

    private func checkRecords(scheduleIDs: Set<String>) {
        // Built only when a record names tickets: a year's export is a million ids.
        lazy var ticketIDs = Set(content.ticketImports.lazy.flatMap(\.tickets).map(\.id))
        for record in content.records {
            if !scheduleIDs.contains(record.schedule.target) {
                log.error("inspections.schedule", at: record.schedule.location, "record for unknown schedule '\(record.schedule.target)'",
                          suggestion: Suggestion.closest(to: record.schedule.target, in: scheduleIDs.sorted()))
            }
            if let asOf, time.instant(record.day, minute: record.minute ?? 0) > asOf {
                log.error("record.future", at: record.location, "record dated \(record.day) is after the as-of time \(time.short(asOf))")
            }
            for ticket in record.tickets where !ticketIDs.contains(ticket.target) {
                log.warning("ref.ticket", at: ticket.location, "ticket '\(ticket.target)' is not in any ticket export")
            }
        }
    }

    private func checkPlannedWork() {
        var plannedIDs = Set<String>()
        for work in content.plannedWork {
            if !plannedIDs.insert(work.id).inserted {
                log.error("id.duplicate", at: work.location, "duplicate planned work id '\(work.id)'")
            }
            for target in work.targets { known(target, "an inventory item or system") }
            if let plan = work.plan {
                known(plan, "a page") { if case .page = $0 { true } else { false } }
            }
            if let done = work.done, let asOf, time.instant(done) > asOf {
                log.error("record.future", at: work.location, "planned work '\(work.id)' is done on \(done), after the as-of time")
            }
        }
    }

    private func checkSpares() {
        let classIDs = InventoryClass.all.map(\.id)
        var partIDs = Set<String>()
        for part in content.spares {
            if !partIDs.insert(part.id).inserted { log.error("id.duplicate", at: part.location, "duplicate spare part id '\(part.id)'") }
            for fit in part.fits where !classIDs.contains(fit.target) {
                known(fit, "inventory class or item", candidates: classIDs + content.items.map(\.id)) {
                    if case .item = $0 { true } else { false }
                }
            }
        }
        for use in content.spareUsage {
            if !partIDs.contains(use.part.target) {
                log.error("spares.part", at: use.part.location, "usage of unknown part '\(use.part.target)'",
                          suggestion: Suggestion.closest(to: use.part.target, in: partIDs.sorted()))
            }
            if let asOf, time.instant(use.day) > asOf {
                log.error("record.future", at: use.location, "usage dated \(use.day) is after the as-of time")
            }
        }
    }

    private func checkScorecards() {
        for card in content.scorecards {
            var names = Set<String>()
            for engineer in card.engineers where !names.insert(engineer.name).inserted {
                log.error("scorecard.duplicate", at: engineer.location, "'\(engineer.name)' appears twice in \(card.quarter.id)")
            }
        }
    }
}
