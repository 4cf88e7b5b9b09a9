/// The executive summary at the top of every report page: which KPIs met their target and
/// which did not (in words, beside the target), the three largest changes with their
/// direction, the period's major incidents and the improvement actions still open.
extension ReportPages {
    /// The summary names the first major incidents and recurring ones; appendices A and B list every one.
    static let incidentsShown = 10

    func summaryView(_ report: Report) -> View {
        let counts = report.verdicts
        // Systems that met their availability target are one entry: forty names would bury the rest.
        let systemsMet = report.judged.filter { $0.subject != nil && $0.verdict == .met }
        var met = report.judged.filter { $0.verdict == .met && $0.subject == nil }.map { summaryEntry($0, of: report) }
        if !systemsMet.isEmpty {
            met.append(["label": .text(labels["summary.systems_met"]), "value": .text("\(systemsMet.count)"), "target": .null])
        }
        let missed = report.judged.filter { $0.verdict == .missed }.map { summaryEntry($0, of: report) }
        let unmeasured = report.judged.filter { $0.verdict == nil }.map { summaryEntry($0, of: report) }
        let builder = reports.builder
        let changes: [TemplateValue] = report.largestChanges.map { result in
            let points = (result.change ?? 0) * 100
            return ["label": .text(labels.optional("kpi.\(result.kpi.name)") ?? result.kpi.name),
                    "change": .text((points >= 0 ? "▲ +" : "▼ ") + JSONValue.format(points, places: 1) + " pt"),
                    "word": .text(result.improved.map { labels[$0 ? "report.better" : "report.worse"] } ?? ""),
                    "good": .bool(result.improved == true)]
        }
        // Printed reports list every major incident and recurring one in appendices A and B, up to
        // breachesShown rows (a million tickets give a year 125,000 major incidents; the attached
        // report.csv holds every one); day and week pages name the first ten and point to report.json.
        let listed = appendixLists(report) ? Self.breachesShown : Self.incidentsShown
        let incidents: [TemplateValue] = zip(report.majorIncidents, report.majorIncidentPausedMinutes).prefix(listed)
            .map { index, paused in
            let ticket = builder.tickets[index]
            return ["id": .text(ticket.id), "title": .text(ticket.title), "priority": .text(ticket.priority),
                    "paused": paused > 0 ? .text(durations.hours(minutes: paused)) : .null,
                    "system": .text(graph.ids[ticket.system].map { graph.title(of: $0) } ?? ticket.system),
                    "opened": .text(builder.time.short(ticket.openedAt)),
                    "resolved": .text(ticket.resolvedAt.map(builder.time.short) ?? labels["summary.open"])]
        }
        let recurring: [TemplateValue] = report.recurring.prefix(listed).map { entry in
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
            "availability": availabilityView(report), "met": .list(met), "missed": .list(missed), "met_count": .int(counts.met),
            "missed_count": .int(counts.missed), "unmeasured": .list(unmeasured), "unmeasured_count": .int(counts.notMeasured),
            "has_unmeasured": .bool(counts.notMeasured > 0),
            "changes": .list(changes), "has_changes": .bool(!changes.isEmpty),
            "incidents": .list(incidents), "has_incidents": .bool(!incidents.isEmpty),
            "top_incidents": .list(Array(incidents.prefix(Self.incidentsShown))),
            "more_incidents": more(report.majorIncidents.count, than: Self.incidentsShown,
                                   appendixLists(report) ? "summary.more_incidents" : "summary.more_in_json"),
            "incident_count": .int(report.majorIncidents.count),
            "recurring": .list(recurring), "has_recurring": .bool(!recurring.isEmpty),
            "top_recurring": .list(Array(recurring.prefix(Self.incidentsShown))),
            "more_recurring": more(report.recurring.count, than: Self.incidentsShown,
                                   appendixLists(report) ? "summary.more_recurring" : "summary.more_in_json"),
            "more_href": appendixLists(report) ? .null
                : .text(urls.file(Self.folder(report.period) + "report.json", from: Self.folder(report.period))),
            "actions": .list(actions), "has_actions": .bool(!actions.isEmpty)
        ]
    }

    /// Whether the page carries appendices A and B: printed reports only.
    func appendixLists(_ report: Report) -> Bool { Period.Kind.printed.contains(report.period.kind) }

    /// "另有 N 项…" when a list holds more than is shown; null otherwise.
    func more(_ count: Int, than shown: Int, _ label: String) -> TemplateValue {
        count > shown ? .text(labels[label].replacingOccurrences(of: "#", with: "\(count - shown)")) : .null
    }

    private func summaryEntry(_ figure: JudgedFigure, of report: Report) -> TemplateValue {
        let text = figureText(figure)
        let names = figure.key == "drills" ? report.operations.map(drillNames) ?? "" : ""
        return ["label": .text(figureLabel(figure) + names), "value": .text(text.value), "target": .text(text.target),
                "verdict": .text(figure.verdict.map { labels["verdict.\($0.rawValue)"] } ?? labels["report.not_measured"])]
    }

    /// The overall figure, then the systems that were down or missed their target.
    private func availabilityView(_ report: Report) -> TemplateValue {
        guard let figures = report.availability else { return ["measured": false] }
        let overall = report.judged("availability")
        let verdicts: [String: Verdict?] = Dictionary(report.judged.filter { $0.subject != nil }.map { ($0.key, $0.verdict) }) { a, _ in a }
        let shown = figures.systems.filter { $0.downMinutes > 0 || (verdicts["availability.\($0.id)"] ?? nil) == .missed }
        let durations = durations
        return [
            "measured": true, "overall": .text(percentFine(figures.overall)),
            "target": .text(overall.map { "≥ " + percentFine($0.target) } ?? ""),
            "verdict": .text(overall?.verdict.map { labels["verdict.\($0.rawValue)"] } ?? ""),
            "ok": .bool(overall?.verdict != .missed),
            "systems": .list(
                shown.map { system in
                    [
                        "title": .text(system.title),
                        "criticality": .text(labels.optional("value.\(system.criticality)") ?? system.criticality),
                        "availability": .text(percentFine(system.availability)),
                        "target": .text(system.target.map { "≥ " + percentFine($0) } ?? ""),
                        "verdict": .text((verdicts["availability.\(system.id)"] ?? nil).map { labels["verdict.\($0.rawValue)"] } ?? ""),
                        "ok": .bool((verdicts["availability.\(system.id)"] ?? nil) != .missed),
                        "down": .text(durations.hours(minutes: system.downMinutes)), "outages": .int(system.outages.count)
                    ]
                }),
                "has_systems": .bool(!shown.isEmpty), "others": .int(figures.systems.count - shown.count)]
    }

    /// A judged figure's name on the page: the KPI's label, or a system's title.
    func figureLabel(_ figure: JudgedFigure) -> String {
        if let subject = figure.subject { return "\(subject) \(labels["availability.title"])" }
        switch figure.key {
        case "mttr_minutes": return labels["kpi.mttr"]
        case "drills": return labels["ops.drills_done"]
        case "spares": return labels["ops.below_min"]
        case "spare_checks": return labels["ops.spare_checks"]
        case "availability": return labels["availability.title"]
        default: return labels.optional("kpi.\(figure.key)") ?? figure.key
        }
    }

    /// A judged figure's value and target ("≥ 95.0%") in its unit.
    func figureText(_ figure: JudgedFigure) -> (value: String, target: String) {
        let format = { (value: Double) -> String in
            switch figure.unit {
            case .rate: self.percent(value)
            case .availability: self.percentFine(value)
            case .score: JSONValue.format(value, places: 2)
            case .minutes: self.durations.hours(minutes: Int(value.rounded()))
            case .count: "\(Int(value))"
            }
        }
        return (figure.value.map(format) ?? labels["report.none"], (figure.better == .lower ? "≤ " : "≥ ") + format(figure.target))
    }

    /// Availability needs more places than other rates: 99.95 % is not 100 %.
    private func percentFine(_ rate: Double?) -> String {
        guard let rate else { return labels["report.none"] }
        return JSONValue.format(rate * 100, places: rate >= 0.99 ? 3 : 2) + "%"
    }
}
