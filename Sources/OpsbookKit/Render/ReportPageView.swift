/// One period's report page: KPI cards (figures, targets, verdicts and changes as the
/// reports stage judged them), breaches, breakdowns, charts and the operations section.
extension ReportPages {
    /// "未统计" and why, for a KPI whose inputs no export of the period provides.
    func notMeasured(_ key: String, in report: Report) -> TemplateValue? {
        guard let fields = report.notMeasured[key]?.joined(separator: ", ") else { return nil }
        return ["key": .text(key), "label": .text(labels.optional("kpi.\(key)") ?? key), "value": .text(labels["report.not_measured"]),
                "detail": .text("\(labels["report.not_measured_reason"]) \(fields)"), "status": "unmeasured"]
    }

    /// A card's target ("≥ 95.0%"), verdict class and change, from the KPI's judged result.
    private func judged(_ card: inout View, _ result: KPIResult?, in report: Report, target: (Double) -> String, change: Bool) {
        guard let result else { return }
        if let value = result.target {
            card["target"] = .text((result.kpi.better == .lower ? "≤ " : "≥ ") + target(value))
            if let verdict = report.judged(result.kpi.name)?.verdict {
                card["status"] = .text(verdict == .met ? "ok" : "bad")
                // In words too: colour alone says nothing on paper or to a screen reader.
                card["verdict"] = .text(labels["verdict.\(verdict.rawValue)"])
            }
        }
        if change, let points = result.change.map({ $0 * 100 }) {
            // The arrow shows which way the figure moved; the word and colour whether that is good.
            card["change"] = .text((points > 0 ? "▲ +" : points < 0 ? "▼ " : "") + JSONValue.format(points, places: 1) + " pt")
            if let improved = result.improved {
                card["change_word"] = .text(labels[improved ? "report.better" : "report.worse"])
                card["change_class"] = .text(improved ? "change-good" : "change-bad")
            }
        }
    }

    private func rateCard(_ key: String, _ report: Report, detail: String) -> TemplateValue {
        if let unmeasured = notMeasured(key, in: report) { return unmeasured }
        var detail = detail
        if let left = report.unmeasuredTickets[key] { detail += " · \(left) \(labels["report.not_measured_tickets"])" }
        let result = report.kpi(key)
        var card: View = ["key": .text(key), "label": .text(labels.optional("kpi.\(key)") ?? key), "value": .text(percent(result?.figure)),
                          "detail": .text(detail)]
        judged(&card, result, in: report, target: percent, change: true)
        return .object(card)
    }

    func cards(_ report: Report) -> [TemplateValue] {
        let clock = { (key: String, value: Report.Clock) in
            rateCard(key, report, detail: "\(labels["report.met"]) \(value.met) · \(labels["report.breached"]) \(value.breached) · "
                         + "\(labels["report.pending"]) \(value.pending)")
        }
        var cards = [
            clock("response_on_time", report.responseOnTime),
            clock("onsite_on_time", report.onsiteOnTime),
            clock("resolution_within_sla", report.resolutionWithinSLA),
            rateCard("resolution_rate", report, detail: "\(report.resolutionRate.part) / \(report.resolutionRate.whole)"),
            rateCard("first_line_resolution", report, detail: "\(report.firstLineResolution.part) / \(report.firstLineResolution.whole)"),
            clock("complaints_24h", report.complaints24h),
            clock("followup_3d", report.followup3d),
            rateCard("reopen_rate", report, detail: "\(labels["report.reopened"]) \(report.reopenRate.part) / \(report.reopenRate.whole)"),
        ]
        var satisfaction: View = ["key": "satisfaction", "label": .text(labels["kpi.satisfaction"]),
                                  "value": .text(report.satisfaction.mean.map { JSONValue.format($0, places: 2) } ?? labels["report.none"]),
                                  "detail": .text("\(report.satisfaction.count) \(labels["report.answers"])")]
        judged(&satisfaction, report.kpi("satisfaction"), in: report, target: { JSONValue.format($0, places: 2) }, change: false)
        cards.append(notMeasured("satisfaction", in: report) ?? .object(satisfaction))
        let hours = { (minutes: Double) in self.durations.hours(minutes: Int(minutes.rounded())) }
        let mttr = report.mttrMinutes
        var mttrCard: View = [
            "key": "mttr", "label": .text(labels["kpi.mttr"]), "value": .text(mttr.mean.map(hours) ?? labels["report.none"]),
            "detail": .text(mttr.median.map { "\(labels["report.median"]) \(hours($0)) · p90 \(hours(mttr.p90 ?? 0))" } ?? ""),
        ]
        judged(&mttrCard, report.kpi("mttr_minutes"), in: report, target: hours, change: false)
        cards.append(notMeasured("mttr_minutes", in: report) ?? .object(mttrCard))
        return cards
    }

    /// The view of one report page. `finish` turns a narrative body into HTML for `folder`.
    func view(_ period: Period, finish: (Int, String) -> String) -> (view: View, report: Report) {
        let folder = Self.folder(period)
        let link = { (other: Period) -> TemplateValue in
            ["title": .text(self.title(other)), "href": .text(self.urls.folder(Self.folder(other), from: folder))]
        }
        let report = reports.report(period)
        let kpiCards = cards(report), chartList = charts(period, report)
        // The page lists the first breaches; report.json and report.csv hold all of them.
        let shown = report.breaches.prefix(Self.breachesShown)
        var view: View = [
            "report": ["id": .text(period.id), "kind": .text(kindLabel(period.kind)), "start": .text(period.first.description),
                       "end": .text(period.end.adding(days: -1).description), "as_of": .text(reports.builder.time.short(report.asOf))],
            "tickets": ["opened": .int(report.opened), "resolved": .int(report.resolved), "open_at_end": .int(report.openAtEnd),
                        "skipped_rows": .int(report.skippedRows)],
            "has_skipped": .bool(report.skippedRows > 0),
            "has_excluded": .bool(report.excludedRows > 0), "excluded_rows": .int(report.excludedRows),
            "sla_unmatched": .list(unmatchedRows(report)), "sla_unmatched_count": .int(report.slaUnmatched.count),
            "has_sla_unmatched": .bool(!report.slaUnmatched.isEmpty),
            "cards": .list(kpiCards), "summary": .object(summaryView(report)), "rules": .object(rulesView(report)),
            "breaches": .list(shown.map { breachRow($0, folder: folder) }),
            "breakdowns": .list(breakdowns(report, folder: folder)),
            "charts": .list(chartList), "has_charts": .bool(!chartList.isEmpty),
            "printable": .bool(PDFPrint.kinds.contains(period.kind)), "print_css": .text(urls.file(folder + "print.css", from: folder)),
            "json_href": .text(urls.file(folder + "report.json", from: folder)),
            "csv_href": .text(urls.file(folder + "report.csv", from: folder)),
            "sub_reports": .list(contained(in: period).map(link)),
            "breadcrumbs": breadcrumbs(folder, [(labels["reports"], Self.folder)]),
        ]
        let sameKind = periods.filter { $0.kind == period.kind }
        if let position = sameKind.firstIndex(of: period) {
            if position > 0 { view["previous"] = link(sameKind[position - 1]) }
            if position + 1 < sameKind.count { view["next"] = link(sameKind[position + 1]) }
        }
        // A quarter's, half-year's or year's printed report stays short, and a month's list longer
        // than a page is not cut: those lists are the attached report.csv, named in the appendix.
        view["appendix_lists"] = .bool(appendixLists(report))
        if report.attachesLists {
            let attached = { (count: Int) in
                TemplateValue.text(self.labels["appendix.attached"].replacingOccurrences(of: "#", with: "\(count)"))
            }
            view["attach"] = true
            view["attached_incidents"] = attached(report.majorIncidents.count)
            view["attached_recurring"] = attached(report.recurring.count)
            view["attached_breaches"] = attached(report.breaches.count)
            view["attached_unmatched"] = attached(report.slaUnmatched.count)
        }
        if report.provisional {
            view["provisional"] = .text(labels["report.provisional_note"].replacingOccurrences(
                of: "#", with: reports.builder.time.short(reports.builder.clock.coveredUntil)))
        }
        if report.breaches.count > shown.count { view["more_breaches"] = .text("\(report.breaches.count - shown.count)") }
        view["more_listed_incidents"] = more(report.majorIncidents.count, than: Self.breachesShown, "appendix.more")
        view["more_listed_recurring"] = more(report.recurring.count, than: Self.breachesShown, "appendix.more")
        if graph.content.site.pdf, PDFPrint.kinds.contains(period.kind) {
            view["pdf_href"] = .text(urls.file(folder + "report.pdf", from: folder))
        }
        if let narrative = narratives[period.id] { view["narrative"] = .text(Self.demotingHeadings(finish(narrative, folder))) }
        // The printed cover's version and date: the narrative's, else 1.0 on the data's day (never the clock).
        let page = narratives[period.id].map { graph.content.pages[$0] }
        view["cover"] = ["version": .text(page?.reportVersion ?? "1.0"),
                         "prepared": .text((page?.prepared ?? reports.builder.time.day(of: report.asOf)).description)]
        if let operations = report.operations {
            view["operations"] = .object(operationsView(operations, report, period: period, folder: folder))
        }
        if let people = report.people { view["people"] = .object(peopleView(people, targets: graph.content.sla.targets)) }
        return (view, report)
    }

    private func breakdowns(_ report: Report, folder: String) -> [TemplateValue] {
        report.breakdowns.map { dimension, rows in
            ["label": .text(labels.optional("dim.\(dimension)") ?? dimension),
             "rows": .list(rows.map { key, figures -> TemplateValue in
                 let name = key == Report.noValue ? labels["report.no_value"] : labels.optional("value.\(key)") ?? key
                 var row: View = ["key": .text(name), "opened": .int(figures.opened),
                                  "resolved": .int(figures.resolved), "breached": .int(figures.breached)]
                 if dimension == "system", let node = graph.ids[key] {
                     row["href"] = link(node, from: folder)["href"]
                     row["key"] = .text(graph.title(of: node))
                 }
                 return .object(row)
             })]
        }
    }

    /// One breached ticket: every clock it breached, in its calendar's units.
    private func breachRow(_ breach: Report.Breach, folder: String) -> TemplateValue {
        let builder = reports.builder
        let ticket = builder.tickets[breach.ticket]
        let calendar = builder.sla.calendars[breach.calendar]
        let rule = builder.evaluations[breach.ticket].rule.map { builder.sla.rules[$0] }
        let clocks = breach.clocks.map { clock -> TemplateValue in
            ["clock": .text(labels.optional("clock.\(clock.clock)") ?? clock.clock),
             "target": .text(durations.target(rule?.written[clock.clock], minutes: clock.targetMinutes, on: calendar)),
             "actual": .text(durations.elapsed(minutes: clock.actualMinutes, on: calendar))]
        }
        var row: View = [
            "id": .text(ticket.id), "title": .text(ticket.title), "priority": .text(ticket.priority),
            "type": .text(labels.optional("value.\(ticket.type)") ?? ticket.type), "opened": .text(builder.time.short(ticket.openedAt)),
            "clocks": .list(clocks)
        ]
        if !ticket.assignee.isEmpty { row["assignee"] = .text(ticket.assignee) }
        if breach.pausedMinutes > 0 { row["paused"] = .text(durations.hours(minutes: breach.pausedMinutes)) }
        if let node = graph.ids[ticket.system] ?? graph.ids[ticket.asset] { row["target_link"] = .object(link(node, from: folder)) }
        return .object(row)
    }

    /// The first tickets no SLA policy matches; report.json lists all of them.
    private func unmatchedRows(_ report: Report) -> [TemplateValue] {
        let builder = reports.builder
        return report.slaUnmatched.prefix(Self.breachesShown).map { index in
            let ticket = builder.tickets[index]
            return [
                "id": .text(ticket.id), "title": .text(ticket.title), "priority": .text(ticket.priority),
                "type": .text(labels.optional("value.\(ticket.type)") ?? ticket.type), "opened": .text(builder.time.short(ticket.openedAt))
            ]
        }
    }

    /// The period's four operations cards: the two overdue rates with their verdicts, drills and spares.
    private func operationsCards(_ figures: OperationsFigures, _ report: Report) -> [TemplateValue] {
        func card(_ key: String, detail: String) -> TemplateValue {
            let result = report.kpi(key)
            var card: View = [
                "label": .text(labels.optional("kpi.\(key)") ?? key), "value": .text(percent(result?.figure)), "detail": .text(detail)
            ]
            judged(&card, result, in: report, target: percent, change: false)
            return .object(card)
        }
        let (due, late, missed) = (labels["ops.due"], labels["outcome.late"], labels["outcome.missed"])
        return [
            card(
                "inspection_overdue",
                detail: "\(due) \(figures.inspectionsDue) · \(late) \(figures.inspectionsLate) · \(missed) \(figures.inspectionsMissed)"
            ),
            card(
                "planned_work_overdue",
                detail: "\(due) \(figures.plannedDue) · \(late) \(figures.plannedLate) · \(missed) \(figures.plannedOpenOverdue)"),
            verdictCard(labels["ops.drills_done"], value: "\(figures.drillsDone.count) / \(figures.drillsDue.count)",
                        detail: labels["ops.drills_due"] + " \(figures.drillsDue.count)" + drillNames(figures), report.judged("drills")),
            verdictCard(labels["ops.below_min"], value: "\(figures.sparesBelowMinimum.count)", detail: labels["ops.spares"],
                        report.judged("spares")),
        ] + (figures.spareChecksDue == 0 ? [] : [
            verdictCard(labels["ops.spare_checks"], value: "\(figures.spareChecksDone.count) / \(figures.spareChecksDue)",
                        detail: figures.spareChecksDone.map { "\($0.day) \($0.by)" }.joined(separator: "、"),
                        report.judged("spare_checks")),
        ])
    }

    /// The plans due for a drill in the period, named: "0 / 1" alone does not say which.
    func drillNames(_ figures: OperationsFigures) -> String {
        figures.drillsDue.isEmpty ? "" : labels["punct.colon"] + figures.drillsDue.map(\.title).joined(separator: "、")
    }

    /// A card whose status and verdict are a judged figure's (none: nothing was judged).
    private func verdictCard(_ label: String, value: String, detail: String, _ figure: JudgedFigure?) -> TemplateValue {
        var card: View = ["label": .text(label), "value": .text(value), "detail": .text(detail)]
        if let figure, let verdict = figure.verdict {
            card["target"] = .text(figureText(figure).target)
            card["status"] = .text(verdict == .met ? "ok" : "bad")
            card["verdict"] = .text(labels["verdict.\(verdict.rawValue)"])
        }
        return .object(card)
    }

    private func operationsView(_ figures: OperationsFigures, _ report: Report, period: Period, folder: String) -> View {
        let entry = { (item: OperationsFigures.Entry, href: String) -> TemplateValue in
            ["title": .text(item.title), "due": .text(item.due.description), "done": .text(item.done ?? ""), "href": .text(href),
             "outcome": .text(self.labels.optional("outcome.\(item.outcome.rawValue)") ?? item.outcome.rawValue),
             "outcome_class": .text(item.outcome.rawValue)]
        }
        var view: View = [
            "cards": .list(operationsCards(figures, report)),
            "inspections": .list(figures.inspections.map { entry($0, urls.folder(OperationsPages.schedule($0.id), from: folder)) }),
            "planned": .list(figures.planned.map { entry($0, urls.folder(OperationsPages.planned, from: folder) + "#" + $0.id) }),
            "drills": .list(
                figures.drillsDone.map {
                    [
                        "title": .text($0.title), "date": .text($0.day.description),
                        "result": .text(labels.optional("value.\($0.result)") ?? $0.result),
                        "href": .text(graph.ids[$0.id].map { urls.folder(graph.route(of: $0).folder, from: folder) } ?? "")
                    ]
                }),
            "spares": .list(
                figures.sparesBelowMinimum.map {
                    [
                        "name": .text($0.name), "stock": .int($0.stock), "min_stock": .int($0.minimum),
                        "href": .text(urls.folder(OperationsPages.spares, from: folder) + "#" + $0.id)
                    ]
                })
        ]
        view["has_inspections"] = .bool(!figures.inspections.isEmpty)
        view["has_planned"] = .bool(!figures.planned.isEmpty)
        view["has_drills"] = .bool(!figures.drillsDone.isEmpty)
        view["has_spares"] = .bool(!figures.sparesBelowMinimum.isEmpty)
        view["reviews"] = .list(figures.overdueReviews.map { entry in
            ["title": .text(entry.title), "owner": .text(entry.owner), "reviewed": .text(entry.reviewed?.description ?? ""),
             "due": .text(entry.due?.description ?? ""),
             "href": .text(graph.ids[entry.id].map { urls.folder(graph.route(of: $0).folder, from: folder) } ?? "")]
        })
        view["has_reviews"] = .bool(!figures.overdueReviews.isEmpty)
        if period.kind == .quarter, graph.content.scorecards.contains(where: { $0.quarter == period }) {
            view["scorecard_href"] = .text(urls.folder(OperationsPages.scorecard(period), from: folder))
        }
        return view
    }

    /// A narrative's headings one level down: under the section's own heading
    /// (本期工作说明) its `## 本月概况` is a subsection, not a sibling.
    static func demotingHeadings(_ html: String) -> String {
        var html = html
        for level in stride(from: 5, through: 1, by: -1) {
            html = html.replacingOccurrences(of: "<h\(level)", with: "<h\(level + 1)").replacingOccurrences(
                of: "</h\(level)>", with: "</h\(level + 1)>")
        }
        return html
    }
}
