import Foundation

/// The report part of the site: a page per period with report.json and report.csv beside
/// it, an index by year, an Atom feed of monthly reports, and the KB ↔ report links.
struct ReportPages: Sendable {
    let reports: ReportSet
    let labels: [String: String]
    let urls: URLs
    let graph: SiteGraph
    /// Period id → narrative page index.
    let narratives: [String: Int]
    /// Every period with a page: those with tickets and those with a narrative.
    let periods: [Period]
    /// The latest month's figures per asset, for item pages: counted once, not per item.
    let latestMonthByAsset: [String: Report.Breakdown]

    init(reports: ReportSet, labels: [String: String], urls: URLs, graph: SiteGraph, narratives: [String: Int]) {
        self.reports = reports
        self.labels = labels
        self.urls = urls
        self.graph = graph
        self.narratives = narratives
        periods = Array(Set(reports.periods + narratives.keys.compactMap(Period.init))).sorted()
        var byAsset: [String: Report.Breakdown] = [:]
        if let month = reports.latestMonth {
            let builder = reports.builder, time = builder.time
            for index in builder.cohort(time.instant(month.first), time.instant(month.end)) where !builder.tickets[index].asset.isEmpty {
                byAsset[builder.tickets[index].asset, default: Report.Breakdown()]
                    .add(resolved: (builder.tickets[index].resolvedAt ?? .max) <= builder.asOf, breached: builder.evaluations[index].breached)
            }
        }
        latestMonthByAsset = byAsset
    }

    static let folder = "reports/"
    static let breachesShown = 300
    static func folder(_ period: Period) -> String { "reports/\(period.id)/" }

    func kindLabel(_ kind: Period.Kind) -> String { labels["kind.\(kind.rawValue)"] ?? kind.rawValue }

    func title(_ period: Period) -> String { "\(period.id) \(kindLabel(period.kind))" }

    func percent(_ rate: Double?) -> String {
        rate.map { JSONValue.format($0 * 100, places: 1) + "%" } ?? (labels["report.none"] ?? "—")
    }

    var durations: DurationText { DurationText(labels: labels) }

    /// "未统计" and why, for a KPI whose inputs no export of the period provides.
    func notMeasured(_ key: String, in report: Report) -> [String: Any]? {
        guard let fields = report.notMeasured[key]?.joined(separator: ", ") else { return nil }
        return ["key": key, "label": labels["kpi.\(key)"] ?? key, "value": labels["report.not_measured"]!,
                "detail": "\(labels["report.not_measured_reason"]!) \(fields)", "status": "unmeasured"]
    }

    /// The view of one report page. `finish` turns a narrative body into HTML for `folder`.
    func view(_ period: Period, finish: (Int, String) -> String) -> (view: [String: Any], report: Report) {
        let folder = Self.folder(period)
        let report = reports.report(period)
        let previous = reports.report(period.previous)
        let targets = reports.builder.sla.targets
        func card(_ key: String, _ rate: Double?, _ previousRate: Double?, detail: String) -> [String: Any] {
            if let unmeasured = notMeasured(key, in: report) { return unmeasured }
            var detail = detail
            if let left = report.unmeasuredTickets[key] { detail += " · \(left) \(labels["report.not_measured_tickets"]!)" }
            var card: [String: Any] = ["key": key, "label": labels["kpi.\(key)"] ?? key, "value": percent(rate), "detail": detail]
            if let target = targets[key] {
                let lower = SLAPolicy.lowerIsBetter.contains(key)
                card["target"] = (lower ? "≤ " : "≥ ") + percent(target)
                if let rate { card["status"] = (lower ? rate <= target : rate >= target) ? "ok" : "bad" }
            }
            if let rate, let previousRate {
                let change = (rate - previousRate) * 100
                card["change"] = (change >= 0 ? "+" : "") + JSONValue.format(change, places: 1) + " pt"
            }
            return card
        }
        func clockCard(_ key: String, _ now: Report.Clock, _ before: Report.Clock) -> [String: Any] {
            card(key, now.rate, before.rate, detail: "\(labels["report.met"]!) \(now.met) · \(labels["report.breached"]!) \(now.breached) · \(labels["report.pending"]!) \(now.pending)")
        }
        var cards: [[String: Any]] = [
            clockCard("response_on_time", report.responseOnTime, previous.responseOnTime),
            clockCard("onsite_on_time", report.onsiteOnTime, previous.onsiteOnTime),
            clockCard("resolution_within_sla", report.resolutionWithinSLA, previous.resolutionWithinSLA),
            card("resolution_rate", report.resolutionRate.rate, previous.resolutionRate.rate,
                 detail: "\(report.resolutionRate.part) / \(report.resolutionRate.whole)"),
            card("first_line_resolution", report.firstLineResolution.rate, previous.firstLineResolution.rate,
                 detail: "\(report.firstLineResolution.part) / \(report.firstLineResolution.whole)"),
            clockCard("complaints_24h", report.complaints24h, previous.complaints24h),
            clockCard("followup_3d", report.followup3d, previous.followup3d),
            card("reopen_rate", report.reopenRate.rate, previous.reopenRate.rate,
                 detail: "\(labels["report.reopened"]!) \(report.reopenRate.part) / \(report.reopenRate.whole)"),
        ]
        var satisfaction: [String: Any] = ["key": "satisfaction", "label": labels["kpi.satisfaction"]!,
                                           "value": report.satisfaction.mean.map { JSONValue.format($0, places: 2) } ?? labels["report.none"]!,
                                           "detail": "\(report.satisfaction.count) \(labels["report.answers"]!)"]
        if let target = targets["satisfaction"] {
            satisfaction["target"] = "≥ " + JSONValue.format(target, places: 2)
            if let mean = report.satisfaction.mean { satisfaction["status"] = mean >= target ? "ok" : "bad" }
        }
        cards.append(notMeasured("satisfaction", in: report) ?? satisfaction)
        let hours = { (minutes: Double?) in minutes.map { self.durations.hours(minutes: Int($0.rounded())) } }
        cards.append(notMeasured("mttr_minutes", in: report) ?? ["key": "mttr", "label": labels["kpi.mttr"]!,
                      "value": hours(report.mttrMinutes.mean) ?? labels["report.none"]!,
                      "detail": report.mttrMinutes.median.map { "\(labels["report.median"]!) \(hours($0)!) · p90 \(hours(report.mttrMinutes.p90 ?? 0)!)" } ?? ""])

        let builder = reports.builder
        // The page lists the first breaches; report.json and report.csv hold all of them.
        let shown = report.breaches.prefix(Self.breachesShown)
        let breaches = shown.map { breachRow($0, folder: folder) }
        let breakdowns: [[String: Any]] = report.breakdowns.map { dimension, rows in
            ["label": labels["dim.\(dimension)"] ?? dimension,
             "rows": rows.map { key, figures -> [String: Any] in
                 var row: [String: Any] = ["key": labels["value.\(key)"] ?? key, "opened": figures.opened,
                                           "resolved": figures.resolved, "breached": figures.breached]
                 if dimension == "system", let node = graph.ids[key] {
                     row["href"] = link(node, from: folder)["href"]
                     row["key"] = graph.title(of: node)
                 }
                 return row
             }]
        }
        var view: [String: Any] = [
            "report": ["id": period.id, "kind": kindLabel(period.kind),
                       "start": period.first.description, "end": period.end.adding(days: -1).description,
                       "as_of": builder.time.short(report.asOf)] as [String: Any],
            "tickets": ["opened": report.opened, "resolved": report.resolved, "open_at_end": report.openAtEnd,
                        "skipped_rows": report.skippedRows] as [String: Any],
            "has_skipped": report.skippedRows > 0,
            "has_excluded": report.excludedRows > 0, "excluded_rows": report.excludedRows,
            "sla_unmatched": unmatchedView(report), "sla_unmatched_count": report.slaUnmatched.count,
            "has_sla_unmatched": !report.slaUnmatched.isEmpty,
            "cards": cards, "breaches": breaches, "breakdowns": breakdowns,
            "charts": charts(period, report),
            "json_href": urls.file(folder + "report.json", from: folder), "csv_href": urls.file(folder + "report.csv", from: folder),
            "sub_reports": contained(in: period)
                .map { ["title": title($0), "href": urls.folder(Self.folder($0), from: folder)] },
            "breadcrumbs": [["title": labels["home"]!, "href": urls.folder("", from: folder)],
                            ["title": labels["reports"]!, "href": urls.folder(Self.folder, from: folder)]],
        ]
        let sameKind = periods.filter { $0.kind == period.kind }
        if let position = sameKind.firstIndex(of: period) {
            if position > 0 { view["previous"] = ["title": title(sameKind[position - 1]), "href": urls.folder(Self.folder(sameKind[position - 1]), from: folder)] }
            if position + 1 < sameKind.count { view["next"] = ["title": title(sameKind[position + 1]), "href": urls.folder(Self.folder(sameKind[position + 1]), from: folder)] }
        }
        if report.breaches.count > shown.count { view["more_breaches"] = "\(report.breaches.count - shown.count)" }
        if let narrative = narratives[period.id] { view["narrative"] = finish(narrative, folder) }
        if let operations = report.operations { view["operations"] = operationsView(operations, period: period, folder: folder) }
        return (view, report)
    }

    /// One breached ticket: every clock it breached, in its calendar's units.
    private func breachRow(_ breach: Report.Breach, folder: String) -> [String: Any] {
        let builder = reports.builder
        let ticket = builder.tickets[breach.ticket]
        let calendar = builder.sla.calendars[breach.calendar]
        let rule = builder.evaluations[breach.ticket].rule.map { builder.sla.rules[$0] }
        let clocks: [[String: Any]] = breach.clocks.map { clock in
            ["clock": labels["clock.\(clock.clock)"] ?? clock.clock,
             "target": durations.target(rule?.written[clock.clock], minutes: clock.targetMinutes, on: calendar),
             "actual": durations.elapsed(minutes: clock.actualMinutes, on: calendar)]
        }
        var row: [String: Any] = ["id": ticket.id, "title": ticket.title, "priority": ticket.priority,
                                  "type": labels["value.\(ticket.type)"] ?? ticket.type, "opened": builder.time.short(ticket.openedAt),
                                  "clocks": clocks]
        if !ticket.assignee.isEmpty { row["assignee"] = ticket.assignee }
        if let node = graph.ids[ticket.system] ?? graph.ids[ticket.asset] { row["target_link"] = link(node, from: folder) }
        return row
    }

    /// The first tickets no SLA policy matches; report.json lists all of them.
    private func unmatchedView(_ report: Report) -> [[String: Any]] {
        let builder = reports.builder
        return report.slaUnmatched.prefix(Self.breachesShown).map { index in
            let ticket = builder.tickets[index]
            return ["id": ticket.id, "title": ticket.title, "priority": ticket.priority,
                    "type": labels["value.\(ticket.type)"] ?? ticket.type, "opened": builder.time.short(ticket.openedAt)]
        }
    }

    private func operationsView(_ figures: OperationsFigures, period: Period, folder: String) -> [String: Any] {
        let targets = reports.builder.sla.targets
        func card(_ key: String, _ rate: Double?, detail: String) -> [String: Any] {
            var card: [String: Any] = ["label": labels["kpi.\(key)"] ?? key, "value": percent(rate), "detail": detail]
            if let target = targets[key] {
                card["target"] = "≤ " + percent(target)
                if let rate { card["status"] = rate <= target ? "ok" : "bad" }
            }
            return card
        }
        let entry = { (item: OperationsFigures.Entry, href: String) -> [String: Any] in
            ["title": item.title, "due": item.due.description, "done": item.done ?? "", "href": href,
             "outcome": self.labels["outcome.\(item.outcome.rawValue)"] ?? item.outcome.rawValue, "outcome_class": item.outcome.rawValue]
        }
        var view: [String: Any] = [
            "cards": [
                card("inspection_overdue", figures.inspectionOverdueRate,
                     detail: "\(labels["ops.due"]!) \(figures.inspectionsDue) · \(labels["outcome.late"]!) \(figures.inspectionsLate) · \(labels["outcome.missed"]!) \(figures.inspectionsMissed)"),
                card("planned_work_overdue", figures.plannedOverdueRate,
                     detail: "\(labels["ops.due"]!) \(figures.plannedDue) · \(labels["outcome.late"]!) \(figures.plannedLate) · \(labels["outcome.missed"]!) \(figures.plannedOpenOverdue)"),
                ["label": labels["ops.drills_done"]!, "value": "\(figures.drillsDone.count) / \(figures.drillsDue.count)",
                 "detail": labels["ops.drills_due"]! + " \(figures.drillsDue.count)",
                 "status": figures.drillsDone.count >= figures.drillsDue.count ? "ok" : "bad"],
                ["label": labels["ops.below_min"]!, "value": "\(figures.sparesBelowMinimum.count)", "detail": labels["ops.spares"]!,
                 "status": figures.sparesBelowMinimum.isEmpty ? "ok" : "bad"],
            ],
            "inspections": figures.inspections.map { entry($0, urls.folder(OperationsPages.schedule($0.id), from: folder)) },
            "planned": figures.planned.map { entry($0, urls.folder(OperationsPages.planned, from: folder) + "#" + $0.id) },
            "drills": figures.drillsDone.map { ["title": $0.title, "date": $0.day.description, "result": labels["value.\($0.result)"] ?? $0.result,
                                                "href": (graph.ids[$0.id].map { urls.folder(graph.route(of: $0).folder, from: folder) } ?? "")] },
            "spares": figures.sparesBelowMinimum.map { ["name": $0.name, "stock": $0.stock, "min_stock": $0.minimum,
                                                        "href": urls.folder(OperationsPages.spares, from: folder) + "#" + $0.id] },
        ]
        view["has_inspections"] = !figures.inspections.isEmpty
        view["has_planned"] = !figures.planned.isEmpty
        view["has_drills"] = !figures.drillsDone.isEmpty
        view["has_spares"] = !figures.sparesBelowMinimum.isEmpty
        if period.kind == .quarter, graph.content.scorecards.contains(where: { $0.quarter == period }) {
            view["scorecard_href"] = urls.folder(OperationsPages.scorecard(period), from: folder)
        }
        return view
    }

    /// The shorter reports inside a period that its page links to.
    func contained(in period: Period) -> [Period] {
        let kinds: [Period.Kind] = switch period.kind {
        case .year: [.quarter, .month]
        case .quarter: [.month]
        case .month: [.week, .day]
        case .week: [.day]
        case .day: []
        }
        return periods.filter { kinds.contains($0.kind) && $0.first >= period.first && $0.end <= period.end }
    }

    private func link(_ node: Node, from folder: String) -> [String: Any] {
        let route = graph.route(of: node)
        return ["title": graph.title(of: node), "href": urls.folder(route.folder, from: folder, fragment: route.fragment)]
    }

    private func charts(_ period: Period, _ report: Report) -> [[String: Any]] {
        var charts: [[String: Any]] = []
        let types = Ticket.types.filter { type in report.volume.contains { ($0.byType[type] ?? 0) > 0 } }
        if !types.isEmpty {
            charts.append(["title": labels["report.volume"]!, "svg": Charts.stackedColumns(
                title: labels["report.volume"]!, slots: report.volume.map(\.label),
                series: types.map { type in (labels["value.\(type)"] ?? type, report.volume.map { $0.byType[type] ?? 0 }) })])
        }
        var trendPeriods = [period]
        while trendPeriods.count < 6 { trendPeriods.insert(trendPeriods[0].previous, at: 0) }
        let trend = trendPeriods.map { reports.report($0) }
        charts.append(["title": labels["report.trend"]!, "svg": Charts.lines(
            title: labels["report.trend"]!, slots: trendPeriods.map(\.id),
            series: [(labels["kpi.response_on_time"]!, trend.map(\.responseOnTime.rate)),
                     (labels["kpi.resolution_within_sla"]!, trend.map(\.resolutionWithinSLA.rate))],
            target: reports.builder.sla.targets["resolution_within_sla"])])
        let systems = report.breakdowns.first { $0.dimension == "system" }?.rows.filter { $0.key != "(none)" }
            .sorted { ($1.figures.opened, $0.key) < ($0.figures.opened, $1.key) }.prefix(10) ?? []
        if !systems.isEmpty {
            charts.append(["title": labels["report.top_systems"]!, "svg": Charts.bars(
                title: labels["report.top_systems"]!,
                rows: systems.map { (graph.ids[$0.key].map(graph.title(of:)) ?? $0.key, $0.figures.opened) })])
        }
        let priorities = report.breakdowns.first { $0.dimension == "priority" }?.rows ?? []
        if !priorities.isEmpty {
            charts.append(["title": labels["report.priority_mix"]!, "svg": Charts.bars(
                title: labels["report.priority_mix"]!, rows: priorities.map { ($0.key, $0.figures.opened) }, color: Charts.palette[1])])
        }
        charts.append(["title": labels["report.aging"]!, "svg": Charts.bars(
            title: labels["report.aging"]!, rows: report.aging.map { ($0.bucket, $0.count) }, color: Charts.palette[4])])
        return charts
    }

    func indexView() -> [String: Any] {
        let years = Set(periods.map { $0.first.year }).sorted(by: >)
        return ["years": years.map { year -> [String: Any] in
            let inYear = periods.filter { $0.first.year == year && $0.kind != .day }.sorted { $0 > $1 }
            return ["year": year, "groups": [Period.Kind.year, .quarter, .month, .week].compactMap { kind -> [String: Any]? in
                let members = inYear.filter { $0.kind == kind }
                guard !members.isEmpty else { return nil }
                return ["label": kindLabel(kind), "links": members.map { ["title": $0.id, "href": urls.folder(Self.folder($0), from: Self.folder)] }]
            }]
        }, "breadcrumbs": [["title": labels["home"]!, "href": urls.folder("", from: Self.folder)]]]
    }

    /// Atom feed of the monthly reports, newest first; needs absolute URLs, so `base_url`
    /// is used when set and relative links otherwise.
    func feed(siteTitle: String) -> String {
        let base = graph.content.site.baseURL ?? ""
        let months = periods.filter { $0.kind == .month }.sorted(by: >)
        let time = reports.builder.time
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        xml += "  <title>\(HTML.escape(siteTitle)) · \(HTML.escape(labels["kind.month"]!))</title>\n"
        xml += "  <id>\(HTML.escape(base))reports/</id>\n"
        xml += "  <link href=\"\(HTML.escape(base))reports/feed.xml\" rel=\"self\"/>\n"
        if let latest = months.first { xml += "  <updated>\(time.iso(time.instant(latest.end)))</updated>\n" }
        for month in months {
            let report = reports.report(month)
            let href = base + Self.folder(month)
            xml += "  <entry>\n    <title>\(HTML.escape(title(month)))</title>\n    <id>\(HTML.escape(href))</id>\n"
            xml += "    <link href=\"\(HTML.escape(href))\"/>\n    <updated>\(time.iso(time.instant(month.end)))</updated>\n"
            xml += "    <summary>\(HTML.escape("\(labels["report.opened"]!) \(report.opened) · \(labels["kpi.resolution_within_sla"]!) \(percent(report.resolutionWithinSLA.rate))"))</summary>\n  </entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// Latest-month figures for a system or item page, with a link to that report.
    func summary(for id: String, dimension: String, from folder: String, latest: Report?) -> [String: Any]? {
        guard let latest else { return nil }
        let figures: Report.Breakdown
        if dimension == "asset" {
            guard latest.period == reports.latestMonth, let counted = latestMonthByAsset[id] else { return nil }
            figures = counted
        } else {
            guard let row = latest.breakdowns.first(where: { $0.dimension == dimension })?.rows.first(where: { $0.key == id }) else { return nil }
            figures = row.figures
        }
        return ["period": latest.period.id, "href": urls.folder(Self.folder(latest.period), from: folder),
                "opened": figures.opened, "resolved": figures.resolved, "breached": figures.breached]
    }
}
