/// The executive summary at the top of every report page: which KPIs met their target and
/// which did not (in words, beside the target), the three largest changes with their
/// direction, the period's major incidents and the improvement actions still open.
extension ReportPages {
    /// The summary lists the first major incidents; report.json holds all of them.
    static let incidentsShown = 10

    func summaryView(_ report: Report, cards: [TemplateValue]) -> View {
        var met: [TemplateValue] = [], missed: [TemplateValue] = []
        for case let .object(card) in cards {
            guard case let .text(verdict)? = card["verdict"], case let .text(status)? = card["status"] else { continue }
            let entry: TemplateValue = ["label": card["label"] ?? "", "value": card["value"] ?? "", "target": card["target"] ?? "",
                                        "verdict": .text(verdict)]
            if status == "ok" { met.append(entry) } else { missed.append(entry) }
        }
        let builder = reports.builder
        let changes: [TemplateValue] = report.largestChanges.map { result in
            let points = (result.change ?? 0) * 100
            return ["label": .text(labels.optional("kpi.\(result.kpi.name)") ?? result.kpi.name),
                    "change": .text((points >= 0 ? "▲ +" : "▼ ") + JSONValue.format(points, places: 1) + " pt"),
                    "word": .text(result.improved.map { labels[$0 ? "report.better" : "report.worse"] } ?? ""),
                    "good": .bool(result.improved == true)]
        }
        let incidents: [TemplateValue] = report.majorIncidents.prefix(Self.incidentsShown).map { index in
            let ticket = builder.tickets[index]
            return ["id": .text(ticket.id), "title": .text(ticket.title), "priority": .text(ticket.priority),
                    "system": .text(graph.ids[ticket.system].map { graph.title(of: $0) } ?? ticket.system),
                    "opened": .text(builder.time.short(ticket.openedAt)),
                    "resolved": .text(ticket.resolvedAt.map(builder.time.short) ?? labels["summary.open"])]
        }
        let recurring: [TemplateValue] = report.recurring.prefix(Self.incidentsShown).map { entry in
            let node = graph.ids[entry.key]
            return ["title": .text(node.map { graph.title(of: $0) } ?? entry.key), "count": .int(entry.tickets.count),
                    "href": .text(node.map { urls.folder(graph.route(of: $0).folder, from: Self.folder(report.period)) } ?? ""),
                    "kind": .text(labels[entry.dimension == "system" ? "dim.system" : "summary.asset"]),
                    "tickets": .text(entry.tickets.prefix(5).map { builder.tickets[$0].id }.joined(separator: "、")
                                     + (entry.tickets.count > 5 ? " …" : ""))]
        }
        let day = report.actionsDay
        let actions: [TemplateValue] = report.actions.map { action in
            ["title": .text(action.title), "owner": .text(action.owner), "due": .text(action.due?.description ?? ""),
             "status": .text(labels["action.\(action.status.rawValue)"]), "source": .text(action.source),
             "overdue": .bool(day.map(action.isOverdue) ?? false)]
        }
        return [
            "availability": availabilityView(report), "met": .list(met), "missed": .list(missed), "met_count": .int(met.count),
            "missed_count": .int(missed.count),
            "changes": .list(changes), "has_changes": .bool(!changes.isEmpty),
            "incidents": .list(incidents), "has_incidents": .bool(!incidents.isEmpty),
            "incident_count": .int(report.majorIncidents.count),
            "more_incidents": report.majorIncidents.count > Self.incidentsShown
                ? .int(report.majorIncidents.count - Self.incidentsShown) : .null,
            "recurring": .list(recurring), "has_recurring": .bool(!recurring.isEmpty),
            "actions": .list(actions), "has_actions": .bool(!actions.isEmpty)
        ]
    }

    /// The overall figure, then the systems that were down or missed their target.
    private func availabilityView(_ report: Report) -> TemplateValue {
        guard let figures = report.availability else { return ["measured": false] }
        let sla = reports.builder.sla
        let target = sla.availability["overall"] ?? sla.availability["default"]
        let shown = figures.systems.filter { $0.downMinutes > 0 || $0.verdict == .missed }
        let durations = durations
        return [
            "measured": true, "overall": .text(percentFine(figures.overall)),
            "target": .text(target.map { "≥ " + percentFine($0) } ?? ""),
            "verdict": .text(
                figures.overall.flatMap { overall in target.map { labels[overall >= $0 ? "verdict.met" : "verdict.missed"] } } ?? ""),
            "ok": .bool(figures.overall.flatMap { overall in target.map { overall >= $0 } } ?? true),
            "systems": .list(
                shown.map { system in
                    [
                        "title": .text(system.title),
                        "criticality": .text(labels.optional("value.\(system.criticality)") ?? system.criticality),
                        "availability": .text(percentFine(system.availability)),
                        "target": .text(system.target.map { "≥ " + percentFine($0) } ?? ""),
                        "verdict": .text(system.verdict.map { labels["verdict.\($0.rawValue)"] } ?? ""),
                        "ok": .bool(system.verdict != .missed),
                        "down": .text(durations.hours(minutes: system.downMinutes)), "outages": .int(system.outages.count)
                    ]
                }),
                "has_systems": .bool(!shown.isEmpty), "others": .int(figures.systems.count - shown.count)]
    }

    /// Availability needs more places than other rates: 99.95 % is not 100 %.
    private func percentFine(_ rate: Double?) -> String {
        guard let rate else { return labels["report.none"] }
        return JSONValue.format(rate * 100, places: rate >= 0.99 ? 3 : 2) + "%"
    }
}
