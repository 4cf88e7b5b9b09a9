import Foundation

/// Pages for the operations records: inspection schedules and daily inspection reports,
/// planned work, spare parts, scorecards (under internal/), and the "needs attention" list.
/// Every name a record uses was resolved by the resolver (SiteGraph.named).
struct OperationsPages: Sendable {
    let status: OperationsStatus
    /// As of the data's time: what "needs attention" lists of people and client actions.
    let people: PeopleFigures
    let labels: UILabels
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

    func outcome(_ outcome: OperationsStatus.Outcome) -> View {
        ["outcome": .text(labels["outcome.\(outcome.rawValue)"]), "outcome_class": .text(outcome.rawValue)]
    }

    func link(_ target: String, from folder: String) -> View {
        guard let node = graph.node(named: target) else { return ["title": .text(target)] }
        let route = graph.route(of: node)
        return ["title": .text(graph.title(of: node)), "href": .text(urls.folder(route.folder, from: folder, fragment: route.fragment))]
    }

    func links(_ references: [Reference], from folder: String) -> TemplateValue {
        .list(references.map { .object(link($0.target, from: folder)) })
    }

    func frequencyText(_ frequency: Frequency) -> String {
        switch frequency {
        case .daily: "daily"
        case .workdays: "workdays"
        case let .weekly(day): "weekly:" + (Weekday.code(day) ?? "")
        case let .monthly(day): "monthly:\(day)"
        case let .quarterly(day): "quarterly:\(day)"
        case let .yearly(month, day): "yearly:\(month)-\(day)"
        }
    }

    func breadcrumbs(_ folder: String, _ trail: [(title: String, folder: String)] = []) -> TemplateValue {
        urls.breadcrumbs(folder, home: labels["home"], trail)
    }

    // MARK: Inspections

    func inspectionsView() -> View {
        let folder = Self.inspections
        let schedules = content.schedules.enumerated().map { index, schedule -> TemplateValue in
            let mine = status.occurrences.filter { $0.schedule == index }
            var row: View = [
                "title": .text(schedule.title), "href": .text(urls.folder(Self.schedule(schedule.id), from: folder)),
                "frequency": .text(frequencyText(schedule.frequency)), "role": .text(schedule.role),
                "due": .int(mine.count), "on_time": .int(mine.filter { $0.outcome == .onTime }.count),
                "late": .int(mine.filter { $0.outcome == .late }.count), "missed": .int(mine.filter { $0.outcome == .missed }.count)
            ]
            if let procedure = schedule.procedure { row["procedure"] = .object(link(procedure.target, from: folder)) }
            return .object(row)
        }
        let days = Set(content.records.map(\.day)).sorted(by: >).prefix(60).map { day -> TemplateValue in
            ["title": .text(day.description), "href": .text(urls.folder(Self.day(day), from: folder))]
        }
        return ["schedules": .list(schedules), "days": .list(Array(days)), "breadcrumbs": breadcrumbs(folder)]
    }

    func scheduleView(_ index: Int) -> View {
        let schedule = content.schedules[index]
        let folder = Self.schedule(schedule.id)
        let rows = status.occurrences.filter { $0.schedule == index }.reversed().map { occurrence -> TemplateValue in
            var row = outcome(occurrence.outcome)
            row["due"] = .text(status.time.short(occurrence.dueAt))
            if let record = occurrence.record.map({ content.records[$0] }) {
                row["done"] = .text(record.doneText)
                row["by"] = .text(record.by)
                row["result"] = .text(labels["value.\(record.result.rawValue)"])
                row["day_href"] = .text(urls.folder(Self.day(record.day), from: folder))
            }
            return .object(row)
        }
        var properties: [TemplateValue] = [["label": .text(labels["ops.frequency"]), "value": .text(frequencyText(schedule.frequency))],
                                           ["label": .text(labels["ops.grace"]), "value": .text("\(schedule.grace / 3600)h")],
                                           ["label": .text(labels["field.role"]), "value": .text(schedule.role)]]
        if let from = schedule.from { properties.append(["label": "from", "value": .text(from.description)]) }
        var view: View = [
            "properties": .list(properties), "occurrences": .list(Array(rows)), "targets": links(schedule.targets, from: folder),
            "breadcrumbs": breadcrumbs(folder, [(labels["ops.inspections"], Self.inspections)])
        ]
        if let procedure = schedule.procedure { view["procedure"] = .object(link(procedure.target, from: folder)) }
        return view
    }

    /// The inspection report of one day (巡检日报): every record of that day with its findings.
    func dayView(_ day: Day, finish: (RenderedMarkdown, Int, String) -> String) -> View {
        let folder = Self.day(day)
        let records = content.records.indices.filter { content.records[$0].day == day }.map { index -> TemplateValue in
            let record = content.records[index]
            let schedule = content.schedules.first { $0.id == record.schedule.target }
            var row: View = ["schedule": .text(schedule?.title ?? record.schedule.target),
                             "schedule_href": .text(urls.folder(Self.schedule(record.schedule.target), from: folder)),
                             "by": .text(record.by), "result": .text(labels["value.\(record.result.rawValue)"]),
                             "result_class": .text(record.result.rawValue), "time": .text(record.timeText ?? ""),
                             "targets": links(schedule?.targets ?? [], from: folder),
                             "tickets": .text(record.tickets.map(\.target).joined(separator: ", "))]
            if let findings = record.findings { row["findings"] = .text(finish(findings, index, folder)) }
            return .object(row)
        }
        return ["records": .list(records), "breadcrumbs": breadcrumbs(folder, [(labels["ops.inspections"], Self.inspections)])]
    }
}
