import Foundation

/// The stable, documented forms of a report: report.json and report.csv. The HTML page
/// and `opsbook report` print the same figures.
public struct ReportEncoding {
    public let report: Report
    public let builder: ReportBuilder

    public init(report: Report, builder: ReportBuilder) {
        self.report = report
        self.builder = builder
    }

    /// The KPIs counted as clocks (met / breached / pending).
    func clock(_ name: String) -> Report.Clock? {
        switch name {
        case "response_on_time": report.responseOnTime
        case "onsite_on_time": report.onsiteOnTime
        case "resolution_within_sla": report.resolutionWithinSLA
        case "complaints_24h": report.complaints24h
        case "followup_3d": report.followup3d
        default: nil
        }
    }

    /// Why a KPI's figure is null: not measured (its inputs are in no export), or nothing to
    /// count in the period. Nil when the figure is there.
    func reason(_ name: String, figure: Double?) -> String? {
        if let missing = report.notMeasured[name] {
            return "not measured: no export of this period's tickets provides " + missing.joined(separator: ", ")
        }
        return figure == nil ? "nothing to count in this period" : nil
    }

    /// A KPI's figures with its target and verdict, and, where they apply, why it is null and
    /// how many tickets it leaves out for lack of inputs.
    func kpi(_ name: String, _ pairs: [(String, JSONValue)], figure: Double?, target: Bool = true) -> (String, JSONValue) {
        var pairs = pairs
        if target { pairs += judgement(name) }
        if let reason = reason(name, figure: figure) { pairs.append(("reason", .string(reason))) }
        if let left = report.unmeasuredTickets[name] { pairs.append(("not_measured_tickets", .int(left))) }
        return (name, .object(pairs))
    }

    /// `target` (sla.yaml's, or null), `verdict` ("met", "missed", or null without a figure
    /// or a target) and `better` ("higher" or "lower": which side of the target is met).
    func judgement(_ name: String) -> [(String, JSONValue)] {
        let result = report.kpi(name)
        return [("target", target(name)), ("verdict", verdict(name)), ("better", .string((result?.kpi.better ?? .higher).rawValue))]
    }

    /// A figure's verdict as the judged list has it: the one place report.json's verdicts come from.
    func verdict(_ key: String) -> JSONValue {
        report.judged(key)?.verdict.map { .string($0.rawValue) } ?? .null
    }

    /// A KPI's target from sla.yaml, or null.
    func target(_ name: String) -> JSONValue { builder.sla.targets[name].map { .number($0, places: 4) } ?? .null }

    public var json: JSONValue {
        let time = builder.time
        var root: [(String, JSONValue)] = [
            ("period", .object([("id", .string(report.period.id)), ("kind", .string(report.period.kind.rawValue)),
                                ("start", .string(time.iso(report.start))), ("end", .string(time.iso(report.end)))])),
            ("as_of", .string(time.iso(report.asOf))),
            ("provisional", .bool(report.provisional)),
            ("verdicts", .object([("met", .int(report.verdicts.met)), ("missed", .int(report.verdicts.missed)),
                                  ("not_measured", .int(report.verdicts.notMeasured))])),
            ("tickets", .object([("opened", .int(report.opened)), ("resolved", .int(report.resolved)),
                                 ("open_at_end", .int(report.openAtEnd)),
                                 ("aging", .object(report.aging.map { ($0.bucket, .int($0.count)) })),
                                 ("skipped_rows", .int(report.skippedRows)), ("excluded_rows", .int(report.excludedRows)),
                                 ("blank_rows", .int(report.blankRows)),
                                 ("sla_unmatched", .int(report.slaUnmatched.count))])),
            ("kpis", .object(kpisJSON())),
        ]
        for (dimension, rows) in report.breakdowns {
            root.append(
                (
                    "by_\(dimension)",
                    .object(
                        rows.map { key, figures in
                            (
                                key,
                                .object([
                                    ("opened", .int(figures.opened)), ("resolved", .int(figures.resolved)),
                                    ("breached", .int(figures.breached))
                                ])
                            )
                        })
                ))
        }
        root.append(("breached", .array(report.breaches.map(breachJSON))))
        root.append(("sla_unmatched", .array(report.slaUnmatched.map { index in
            let ticket = builder.tickets[index]
            return .object([("id", .string(ticket.id)), ("title", .string(ticket.title)), ("type", .string(ticket.type)),
                            ("priority", .string(ticket.priority)), ("opened_at", .string(time.iso(ticket.openedAt)))])
        })))
        if let operations = report.operations { root += operationsJSON(operations) }
        root.append(("availability", availabilityJSON()))
        root += summaryJSON()
        if let people = report.people { root.append(("people", peopleJSON(people))) }
        return .object(root)
    }

    /// `kpis`: the ticket KPIs, then (with operations records) the operations KPIs.
    private func kpisJSON() -> [(String, JSONValue)] {
        var kpis: [(String, JSONValue)] = KPI.ticketKPIs.map(ticketKPI)
        guard let operations = report.operations else { return kpis }
        kpis.append(("inspection_overdue", .object([
            ("due", .int(operations.inspectionsDue)), ("on_time", .int(operations.inspectionsOnTime)),
            ("late", .int(operations.inspectionsLate)), ("missed", .int(operations.inspectionsMissed)),
            ("pending", .int(operations.inspectionsPending)), ("rate", .rate(operations.inspectionOverdueRate)),
        ] + judgement("inspection_overdue"))))
        kpis.append(("planned_work_overdue", .object([
            ("due", .int(operations.plannedDue)), ("on_time", .int(operations.plannedOnTime)),
            ("late", .int(operations.plannedLate)), ("open_overdue", .int(operations.plannedOpenOverdue)),
            ("pending", .int(operations.plannedPending)), ("rate", .rate(operations.plannedOverdueRate)),
        ] + judgement("planned_work_overdue"))))
        var drills: [(String, JSONValue)] = [("done", .int(operations.drillsDone.count)), ("due", .int(operations.drillsDue.count))]
        drills += [("plans", .array(operations.drillsDue.map { .string($0.id) }))]
        if !operations.drillsDue.isEmpty {
            drills += [("target", .int(operations.drillsDue.count)), ("verdict", verdict("drills")), ("better", .string("higher"))]
        }
        kpis.append(("drills", .object(drills)))
        kpis.append(("spares_below_minimum", .int(operations.sparesBelowMinimum.count)))
        if operations.spareChecksDue > 0 {
            kpis.append(("spare_checks", .object([
                ("done", .int(operations.spareChecksDone.count)), ("due", .int(operations.spareChecksDue)),
                ("dates", .array(operations.spareChecksDone.map { .string($0.day.description) })),
                ("target", .int(operations.spareChecksDue)), ("verdict", verdict("spare_checks")), ("better", .string("higher")),
            ])))
        }
        if operations.sparesTracked {
            kpis.append(("spares", .object([("below_minimum", .int(operations.sparesBelowMinimum.count)), ("target", .int(0)),
                                            ("verdict", verdict("spares")), ("better", .string("lower"))])))
        }
        return kpis
    }

    /// One breached ticket, once; `clock`, `target_minutes` and `actual_minutes` are its first breached clock.
    private func breachJSON(_ breach: Report.Breach) -> JSONValue {
        let ticket = builder.tickets[breach.ticket], time = builder.time
        let first = breach.clocks.first
        return .object([("id", .string(ticket.id)), ("title", .string(ticket.title)), ("type", .string(ticket.type)),
                        ("priority", .string(ticket.priority)), ("system", ticket.system.isEmpty ? .null : .string(ticket.system)),
                        ("asset", ticket.asset.isEmpty ? .null : .string(ticket.asset)),
                        ("assignee", ticket.assignee.isEmpty ? .null : .string(ticket.assignee)),
                        ("opened_at", .string(time.iso(ticket.openedAt))), ("clock", first.map { .string($0.clock) } ?? .null),
                        ("target_minutes", first.map { .int($0.targetMinutes) } ?? .null),
                        ("actual_minutes", first.map { .int($0.actualMinutes) } ?? .null),
                        ("calendar", .string(breach.calendar)), ("paused_minutes", .int(breach.pausedMinutes)),
                        ("clocks", .array(breach.clocks.map { clock in
                            .object([("clock", .string(clock.clock)), ("target_minutes", .int(clock.targetMinutes)),
                                     ("actual_minutes", .int(clock.actualMinutes))])
                        }))])
    }

    /// The operations lists: overdue inspections and planned work, drills done, overdue reviews, spares below minimum.
    private func operationsJSON(_ operations: OperationsFigures) -> [(String, JSONValue)] {
        let entry = { (item: OperationsFigures.Entry) -> JSONValue in
            .object([("id", .string(item.id)), ("title", .string(item.title)), ("due", .string(item.due.description)),
                     ("done", item.done.map(JSONValue.string) ?? .null), ("outcome", .string(item.outcome.rawValue))])
        }
        return [
            ("overdue_inspections", .array(operations.inspections.map(entry))),
            ("overdue_planned_work", .array(operations.planned.map(entry))),
            (
                "drills_done",
                .array(
                    operations.drillsDone.map {
                        .object([
                            ("plan", .string($0.id)), ("title", .string($0.title)), ("date", .string($0.day.description)),
                            ("result", .string($0.result))
                        ])
                    })
            ),
            (
                "overdue_reviews",
                .array(
                    operations.overdueReviews.map {
                        .object([
                            ("page", .string($0.id)), ("title", .string($0.title)), ("owner", .string($0.owner)),
                            ("reviewed", $0.reviewed.map { .string($0.description) } ?? .null),
                            ("due", $0.due.map { .string($0.description) } ?? .null)
                        ])
                    })
            ),
            (
                "spares_below_minimum",
                .array(
                    operations.sparesBelowMinimum.map {
                        .object([
                            ("id", .string($0.id)), ("name", .string($0.name)), ("stock", .int($0.stock)), ("min_stock", .int($0.minimum))
                        ])
                    })
            )
        ]
    }

    /// One ticket KPI's entry, in the shape of its figure.
    private func ticketKPI(_ kpi: KPI) -> (String, JSONValue) {
        let name = kpi.name
        if let value = clock(name) {
            return self.kpi(name, [("met", .int(value.met)), ("breached", .int(value.breached)), ("pending", .int(value.pending)),
                                   ("rate", .rate(value.rate))], figure: value.rate)
        }
        let resolution = report.resolutionRate, firstLine = report.firstLineResolution, reopen = report.reopenRate
        return switch name {
        case "resolution_rate":
            self.kpi(name, [("resolved", .int(resolution.part)), ("opened", .int(resolution.whole)), ("rate", .rate(resolution.rate))],
                     figure: resolution.rate)
        case "first_line_resolution":
            self.kpi(
                name, [("resolved_first_line", .int(firstLine.part)), ("resolved", .int(firstLine.whole)), ("rate", .rate(firstLine.rate))],
                figure: firstLine.rate)
        case "satisfaction":
            self.kpi(name, [("mean", .number(report.satisfaction.mean ?? .nan, places: 2)), ("count", .int(report.satisfaction.count))],
                     figure: report.satisfaction.mean)
        case "mttr_minutes":
            self.kpi(name, [("mean", .decimal(report.mttrMinutes.mean)), ("median", .decimal(report.mttrMinutes.median)),
                            ("p90", .decimal(report.mttrMinutes.p90)), ("count", .int(report.mttrMinutes.count))],
                     figure: report.mttrMinutes.mean)
        case "reopen_rate":
            self.kpi(
                name, [("reopened", .int(reopen.part)), ("resolved", .int(reopen.whole)), ("rate", .rate(reopen.rate))], figure: reopen.rate
            )
        default:
            // A KPI added to the table without a shape of its own here: its figure in its unit, never
            // another KPI's counts under its name.
            self.kpi(name, [("value", kpi.figure(report).map { .number($0, places: 4) } ?? .null)], figure: kpi.figure(report))
        }
    }

    public var jsonText: String { json.serialized() + "\n" }
    public var jsonData: Data { json.serializedData() }

    /// UTF-8 with BOM and CRLF line ends: opens correctly in Excel, Chinese included.
    public func csv(labels: [String: String]) -> Data {
        var lines: [[String]] = []
        lines.append([labels["report.kpi"] ?? "kpi", labels["report.met"] ?? "met", labels["report.breached"] ?? "breached",
                      labels["report.pending"] ?? "pending", labels["report.rate"] ?? "rate", labels["report.target"] ?? "target",
                      labels["report.note"] ?? "note", labels["report.verdict"] ?? "verdict"])
        let target = { (name: String) in builder.sla.targets[name].map { JSONValue.format($0, places: 4) } ?? "" }
        let rate = { (value: Double?) in value.map { JSONValue.format($0, places: 4) } ?? "" }
        let verdict = { (name: String) in report.kpi(name)?.verdict.map { labels["verdict.\($0.rawValue)"] ?? $0.rawValue } ?? "" }
        for name in KPI.ticketKPIs.map(\.name) {
            guard let value = clock(name) else { continue }
            lines.append([labels["kpi.\(name)"] ?? name, "\(value.met)", "\(value.breached)", "\(value.pending)",
                          rate(value.rate), target(name), reason(name, figure: value.rate) ?? "", verdict(name)])
        }
        for (name, ratio) in [("resolution_rate", report.resolutionRate), ("first_line_resolution", report.firstLineResolution),
                              ("reopen_rate", report.reopenRate)] {
            lines.append([labels["kpi.\(name)"] ?? name, "\(ratio.part)", "", "", rate(ratio.rate), target(name),
                          reason(name, figure: ratio.rate) ?? "", verdict(name)])
        }
        if let operations = report.operations {
            lines.append([labels["kpi.inspection_overdue"] ?? "inspection_overdue", "\(operations.inspectionsOnTime)",
                          "\(operations.inspectionsLate + operations.inspectionsMissed)", "\(operations.inspectionsPending)",
                          operations.inspectionOverdueRate.map { JSONValue.format($0, places: 4) } ?? "", target("inspection_overdue"), "",
                          verdict("inspection_overdue")])
            lines.append([labels["kpi.planned_work_overdue"] ?? "planned_work_overdue", "\(operations.plannedOnTime)",
                          "\(operations.plannedLate + operations.plannedOpenOverdue)", "\(operations.plannedPending)",
                          operations.plannedOverdueRate.map { JSONValue.format($0, places: 4) } ?? "", target("planned_work_overdue"), "",
                          verdict("planned_work_overdue")])
        }
        lines.append([])
        lines.append([labels["report.tickets"] ?? "tickets", labels["count"] ?? "count"])
        lines.append([labels["report.opened"] ?? "opened", "\(report.opened)"])
        lines.append([labels["report.resolved"] ?? "resolved", "\(report.resolved)"])
        lines.append([labels["report.open_at_end"] ?? "open_at_end", "\(report.openAtEnd)"])
        lines.append([labels["report.skipped_rows"] ?? "skipped_rows", "\(report.skippedRows)"])
        lines.append([labels["report.excluded_rows"] ?? "excluded_rows", "\(report.excludedRows)"])
        lines.append([labels["report.blank_rows"] ?? "blank_rows", "\(report.blankRows)"])
        lines.append([labels["report.sla_unmatched"] ?? "sla_unmatched", "\(report.slaUnmatched.count)"])
        lines.append([])
        lines.append([labels["report.dimension"] ?? "dimension", labels["report.value"] ?? "value", labels["report.opened"] ?? "opened",
                      labels["report.resolved"] ?? "resolved", labels["report.breached"] ?? "breached"])
        for (dimension, rows) in report.breakdowns {
            for (key, figures) in rows {
                lines.append([
                    labels["dim.\(dimension)"] ?? dimension, key, "\(figures.opened)", "\(figures.resolved)", "\(figures.breached)"
                ])
            }
        }
        lines.append([])
        lines.append(["id", labels["report.title"] ?? "title", labels["dim.priority"] ?? "priority", labels["report.clock"] ?? "clock",
                      labels["report.target_minutes"] ?? "target_minutes", labels["report.actual_minutes"] ?? "actual_minutes"])
        for breach in report.breaches {
            let ticket = builder.tickets[breach.ticket]
            for clock in breach.clocks {
                lines.append([ticket.id, ticket.title, ticket.priority, clock.clock, "\(clock.targetMinutes)", "\(clock.actualMinutes)"])
            }
        }
        lines += csvLists(labels: labels)
        var writer = CSVWriter()
        for line in lines { writer.row(line) }
        return Data(writer.bytes)
    }

    static func csvField(_ text: String) -> String {
        // A leading = + - @ would be a formula in Excel: quote it as text.
        let risky = text.first.map { "=+-@".contains($0) } ?? false
        guard risky || text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + (risky ? "'" : "") + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
