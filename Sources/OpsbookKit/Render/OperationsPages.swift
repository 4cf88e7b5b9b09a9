import Foundation

/// Pages for the operations records: inspection schedules and daily inspection reports,
/// planned work, spare parts, scorecards (under internal/), and the "needs attention" list.
struct OperationsPages: Sendable {
    let status: OperationsStatus
    let labels: [String: String]
    let urls: URLs
    let graph: SiteGraph

    static let inspections = "inspections/"
    static func schedule(_ id: String) -> String { "inspections/\(id)/" }
    static func day(_ day: Day) -> String { "inspections/days/\(day)/" }
    static let planned = "planned/"
    static let spares = "spares/"
    static let scorecards = "internal/scorecards/"
    static func scorecard(_ quarter: Period) -> String { "internal/scorecards/\(quarter.id)/" }

    var content: Content { status.content }
    var hasInspections: Bool { !content.schedules.isEmpty }

    func label(_ key: String) -> String { labels[key] ?? key }
    func outcome(_ outcome: OperationsStatus.Outcome) -> [String: Any] {
        ["outcome": label("outcome.\(outcome.rawValue)"), "outcome_class": outcome.rawValue]
    }

    func link(_ target: String, from folder: String) -> [String: Any] {
        guard let node = graph.node(named: target) else { return ["title": target] }
        let route = graph.route(of: node)
        return ["title": graph.title(of: node), "href": urls.folder(route.folder, from: folder, fragment: route.fragment)]
    }

    func frequencyText(_ frequency: Frequency) -> String {
        switch frequency {
        case .daily: "daily"
        case .workdays: "workdays"
        case let .weekly(day): "weekly:" + (Frequency.weekdays.first { $0.value == day }?.key ?? "")
        case let .monthly(day): "monthly:\(day)"
        case let .quarterly(day): "quarterly:\(day)"
        case let .yearly(month, day): "yearly:\(month)-\(day)"
        }
    }

    func breadcrumbs(_ folder: String, _ extra: [(String, String)] = []) -> [[String: Any]] {
        [["title": label("home"), "href": urls.folder("", from: folder)]] + extra.map { ["title": $0.0, "href": urls.folder($0.1, from: folder)] }
    }

    // MARK: Inspections

    func inspectionsView() -> [String: Any] {
        let folder = Self.inspections
        let schedules = content.schedules.enumerated().map { index, schedule -> [String: Any] in
            let mine = status.occurrences.filter { $0.schedule == index }
            var row: [String: Any] = ["title": schedule.title, "href": urls.folder(Self.schedule(schedule.id), from: folder),
                                      "frequency": frequencyText(schedule.frequency), "role": schedule.role,
                                      "due": mine.count, "on_time": mine.filter { $0.outcome == .onTime }.count,
                                      "late": mine.filter { $0.outcome == .late }.count, "missed": mine.filter { $0.outcome == .missed }.count]
            if let procedure = schedule.procedure { row["procedure"] = link(procedure.target, from: folder) }
            return row
        }
        let days = Set(content.records.map(\.day)).sorted(by: >).prefix(60).map {
            ["title": $0.description, "href": urls.folder(Self.day($0), from: folder)]
        }
        return ["schedules": schedules, "days": Array(days), "breadcrumbs": breadcrumbs(folder)]
    }

    func scheduleView(_ index: Int) -> [String: Any] {
        let schedule = content.schedules[index]
        let folder = Self.schedule(schedule.id)
        let rows = status.occurrences.filter { $0.schedule == index }.reversed().map { occurrence -> [String: Any] in
            var row = outcome(occurrence.outcome)
            row["due"] = status.time.short(occurrence.dueAt)
            if let record = occurrence.record.map({ content.records[$0] }) {
                row["done"] = record.minute.map { "\(record.day) \(String(format: "%02d:%02d", $0 / 60, $0 % 60))" } ?? record.day.description
                row["by"] = record.by
                row["result"] = label("value.\(record.result.rawValue)")
                row["day_href"] = urls.folder(Self.day(record.day), from: folder)
            }
            return row
        }
        var properties: [[String: Any]] = [["label": label("ops.frequency"), "value": frequencyText(schedule.frequency)],
                                           ["label": label("ops.grace"), "value": "\(schedule.grace / 3600)h"],
                                           ["label": label("field.role"), "value": schedule.role]]
        if let from = schedule.from { properties.append(["label": "from", "value": from.description]) }
        var view: [String: Any] = ["properties": properties, "occurrences": Array(rows),
                                   "targets": schedule.targets.map { link($0.target, from: folder) },
                                   "breadcrumbs": breadcrumbs(folder, [(label("ops.inspections"), Self.inspections)])]
        if let procedure = schedule.procedure { view["procedure"] = link(procedure.target, from: folder) }
        return view
    }

    /// The inspection report of one day (巡检日报): every record of that day with its findings.
    func dayView(_ day: Day, finish: (RenderedMarkdown, Int, String) -> String) -> [String: Any] {
        let folder = Self.day(day)
        let records = content.records.indices.filter { content.records[$0].day == day }.map { index -> [String: Any] in
            let record = content.records[index]
            let schedule = content.schedules.first { $0.id == record.schedule.target }
            var row: [String: Any] = ["schedule": schedule?.title ?? record.schedule.target,
                                      "schedule_href": urls.folder(Self.schedule(record.schedule.target), from: folder),
                                      "by": record.by, "result": label("value.\(record.result.rawValue)"), "result_class": record.result.rawValue,
                                      "time": record.minute.map { String(format: "%02d:%02d", $0 / 60, $0 % 60) } ?? "",
                                      "targets": (schedule?.targets ?? []).map { link($0.target, from: folder) },
                                      "tickets": record.tickets.map(\.target).joined(separator: ", ")]
            if let findings = record.findings { row["findings"] = finish(findings, index, folder) }
            return row
        }
        return ["records": records, "breadcrumbs": breadcrumbs(folder, [(label("ops.inspections"), Self.inspections)])]
    }

    // MARK: Planned work, spares, scorecards

    func plannedView() -> [String: Any] {
        let folder = Self.planned
        let rows = content.plannedWork.sorted { ($0.due, $0.id) > ($1.due, $1.id) }.map { work -> [String: Any] in
            var row: [String: Any] = ["id": work.id, "title": work.title, "kind": label("value.\(work.kind)"), "due": work.due.description,
                                      "done": work.done?.description ?? "", "status": label("value.\(work.status)"), "window": work.window,
                                      "targets": work.targets.map { link($0.target, from: folder) }]
            if let outcome = status.planned(work) { row.merge(self.outcome(outcome)) { _, new in new } }
            if let plan = work.plan { row["plan"] = link(plan.target, from: folder) }
            if let page = work.page { row["href"] = link(page, from: folder)["href"] }
            return row
        }
        return ["items": rows, "breadcrumbs": breadcrumbs(folder)]
    }

    func sparesView() -> [String: Any] {
        let folder = Self.spares
        let today = status.time.day(of: status.asOf).adding(days: 1)
        let parts = content.spares.map { part -> [String: Any] in
            let stock = status.stock(of: part, at: today)
            return ["id": part.id, "name": part.name, "place": part.place, "stock": stock, "min_stock": part.minStock,
                    "below": stock < part.minStock,
                    "fits": part.fits.map { fit in InventoryClass.byID[fit.target].map { itemClass in
                        ["title": graph.content.site.language == .en ? itemClass.en : itemClass.zh,
                         "href": urls.folder(Routes.inventoryClass(itemClass), from: folder)] as [String: Any]
                    } ?? link(fit.target, from: folder) }]
        }
        let usage = content.spareUsage.sorted { $0.day > $1.day }.map { use -> [String: Any] in
            ["date": use.day.description, "part": content.spares.first { $0.id == use.part.target }?.name ?? use.part.target,
             "qty": use.quantity, "ticket": use.ticket]
        }
        return ["parts": parts, "usage": usage, "breadcrumbs": breadcrumbs(folder)]
    }

    func scorecardView(_ card: Scorecard) -> [String: Any] {
        let folder = Self.scorecard(card.quarter)
        return ["internal": true, "quarter": card.quarter.id,
                "engineers": card.engineers.sorted { ($1.total, $0.name) < ($0.total, $1.name) }.map { engineer -> [String: Any] in
                    ["name": engineer.name, "role": engineer.role, "professional": engineer.professional, "service": engineer.service,
                     "bonus": engineer.bonus, "total": engineer.total, "grade": engineer.grade,
                     "events": engineer.events.map { ["category": label("value.\($0.category.rawValue)"), "item": $0.item,
                                                       "points": ($0.category == .bonus ? "+" : "−") + String($0.points),
                                                       "date": $0.day?.description ?? "", "note": $0.note] }]
                },
                "breadcrumbs": breadcrumbs(folder, [(label("ops.scorecards"), Self.scorecards)])]
    }

    // MARK: Links from the rest of the site

    /// Schedules that use a procedure, or that inspect an item or system.
    func schedules(for id: String, from folder: String) -> [[String: Any]] {
        let node = graph.node(named: id)
        return content.schedules.filter { schedule in
            ([schedule.procedure].compactMap { $0 } + schedule.targets).contains { graph.node(named: $0.target) == node }
        }.map { schedule in
            let last = content.records.filter { $0.schedule.target == schedule.id }.map(\.day).max()
            return ["title": schedule.title, "href": urls.folder(Self.schedule(schedule.id), from: folder),
                    "frequency": frequencyText(schedule.frequency), "last": last?.description ?? ""]
        }
    }

    func parts(for item: InventoryItem, from folder: String) -> [[String: Any]] {
        content.spares.filter { $0.fits.contains { $0.target == item.id || $0.target == item.itemClass.id } }.map { part in
            ["title": part.name, "href": urls.folder(Self.spares, from: folder) + "#" + part.id, "stock": part.stock]
        }
    }

    func drillStatus(_ page: Page) -> [String: Any]? {
        guard let due = status.drillDue(page) else { return nil }
        var view: [String: Any] = ["overdue": status.drillOverdue(page)]
        switch due {
        case let .on(day): view["due"] = day.description
        case .never: view["due"] = label("ops.never_drilled")
        }
        return view
    }

    /// What is due or overdue as of the build, for the home page.
    func attention(from folder: String) -> [[String: Any]] {
        var items: [[String: Any]] = []
        let today = status.time.day(of: status.asOf)
        for page in content.pages where page.type == .emergencyPlan && status.drillOverdue(page) {
            var item = link(page.id, from: folder)
            item["note"] = label("ops.drill_overdue") + (status.drillDue(page).flatMap { if case let .on(day) = $0 { " · \(day)" } else { nil } } ?? "")
            item["level"] = "bad"
            items.append(item)
        }
        let now = today.adding(days: 1)
        for part in content.spares where status.stock(of: part, at: now) < part.minStock {
            items.append(["title": part.name, "href": urls.folder(Self.spares, from: folder) + "#" + part.id, "level": "bad",
                          "note": "\(label("ops.below_min")) · \(status.stock(of: part, at: now)) / \(part.minStock)"])
        }
        for work in content.plannedWork where status.planned(work) == .missed {
            items.append(["title": work.title, "href": urls.folder(Self.planned, from: folder) + "#" + work.id, "level": "bad",
                          "note": "\(label("ops.overdue_planned")) · \(label("ops.due")) \(work.due)"])
        }
        for work in content.plannedWork where work.done == nil && work.status != "cancelled" && work.due >= today && work.due < today.adding(days: 7) {
            items.append(["title": work.title, "href": urls.folder(Self.planned, from: folder) + "#" + work.id, "level": "warn",
                          "note": "\(label("ops.upcoming")) · \(work.due)"])
        }
        let recentMissed = Dictionary(grouping: status.occurrences.filter { $0.outcome == .missed && $0.due >= today.adding(days: -7) },
                                      by: \.schedule)
        for (index, missed) in recentMissed.sorted(by: { $0.key < $1.key }) {
            let schedule = content.schedules[index]
            items.append(["title": schedule.title, "href": urls.folder(Self.schedule(schedule.id), from: folder), "level": "bad",
                          "note": "\(label("ops.missed_recent")) · \(missed.count) · \(missed.map(\.due).max()!)"])
        }
        return items
    }
}
