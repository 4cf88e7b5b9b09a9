import Foundation

/// The report part of the site: a page per period with report.json and report.csv beside
/// it, an index by year, an Atom feed of monthly reports, and the KB ↔ report links.
struct ReportPages: Sendable {
    let reports: ReportSet
    let labels: UILabels
    let urls: URLs
    let graph: SiteGraph
    /// Period id → narrative page index.
    let narratives: [String: Int]
    /// Every period with a page: those with tickets and those with a narrative.
    let periods: [Period]

    init(reports: ReportSet, labels: UILabels, urls: URLs, graph: SiteGraph, narratives: [String: Int]) {
        self.reports = reports
        self.labels = labels
        self.urls = urls
        self.graph = graph
        self.narratives = narratives
        periods = Array(Set(reports.periods + narratives.keys.compactMap(Period.init))).sorted()
    }

    static let folder = "reports/"
    static let breachesShown = Report.pageListLimit
    static func folder(_ period: Period) -> String { "reports/\(period.id)/" }

    func kindLabel(_ kind: Period.Kind) -> String { labels.optional("kind.\(kind.rawValue)") ?? kind.rawValue }

    func title(_ period: Period) -> String { "\(period.id) \(kindLabel(period.kind))" }

    func percent(_ rate: Double?) -> String {
        rate.map { JSONValue.format($0 * 100, places: 1) + "%" } ?? labels["report.none"]
    }

    var durations: DurationText { DurationText(labels: labels.table) }

    /// The shorter reports inside a period that its page links to.
    func contained(in period: Period) -> [Period] {
        let kinds: [Period.Kind] = switch period.kind {
        case .year: [.half, .quarter, .month]
        case .half: [.quarter, .month]
        case .quarter: [.month]
        case .month: [.week, .day]
        case .week: [.day]
        case .day: []
        }
        return periods.filter { kinds.contains($0.kind) && $0.first >= period.first && $0.end <= period.end }
    }

    func link(_ node: Node, from folder: String) -> View {
        let route = graph.route(of: node)
        return ["title": .text(graph.title(of: node)), "href": .text(urls.folder(route.folder, from: folder, fragment: route.fragment))]
    }

    func breadcrumbs(_ folder: String, _ trail: [(title: String, folder: String)] = []) -> TemplateValue {
        urls.breadcrumbs(folder, home: labels["home"], trail)
    }

    func indexView() -> View {
        let years = Set(periods.map { $0.first.year }).sorted(by: >)
        return [
            "years": .list(
                years.map { year -> TemplateValue in
                    let inYear = periods.filter { $0.first.year == year && $0.kind != .day }.sorted { $0 > $1 }
                    return [
                        "year": .int(year),
                        "groups": .list(
                            [Period.Kind.year, .half, .quarter, .month, .week].compactMap { kind -> TemplateValue? in
                                let members = inYear.filter { $0.kind == kind }
                                guard !members.isEmpty else { return nil }
                                return [
                                    "label": .text(kindLabel(kind)), "weeks": .bool(kind == .week),
                                    "links": .list(members.map { indexEntry($0, from: Self.folder) })
                                ]
                            })
                    ]
                }), "breadcrumbs": breadcrumbs(Self.folder)
        ]
    }

    /// One period on the reports index: its headline figures and how many KPIs met their
    /// target; a week with its dates.
    func indexEntry(_ period: Period, from folder: String) -> TemplateValue {
        let report = reports.report(period)
        let verdicts = report.verdicts
        var dates = ""
        if period.kind == .week {
            let last = period.end.adding(days: -1)
            dates = String(period.first.description.dropFirst(5)) + " – " + String(last.description.dropFirst(5))
        }
        return ["title": .text(period.kind == .month || period.kind == .week ? period.id : title(period)), "dates": .text(dates),
                "full_title": .text(title(period)),
                "href": .text(urls.folder(Self.folder(period), from: folder)), "opened": .int(report.opened),
                "sla": .text(percent(report.resolutionWithinSLA.rate)), "met": .int(verdicts.met),
                "missed": .int(verdicts.missed), "all_met": .bool(verdicts.missed == 0), "provisional": .bool(report.provisional)]
    }

    /// The printed report's page rules: A4, the running header (site and report) and
    /// "第 x 页 / 共 y 页" on every page but the cover. A file, not inline CSS: the pages'
    /// policy allows style sheets from the site only.
    func printStyle(_ period: Period, siteTitle: String) -> String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: " ") + "\""
        }
        let number = labels["print.page"].split(separator: "#", omittingEmptySubsequences: false).map(String.init)
        let pages = number.count == 3 ? "\(quoted(number[0])) counter(page) \(quoted(number[1])) counter(pages) \(quoted(number[2]))"
            : "counter(page) \" / \" counter(pages)"
        let font = "font: 8.5pt \"WenQuanYi Zen Hei\", \"Noto Sans CJK SC\", sans-serif; color: #555;"
        return """
            @page {
              size: A4; margin: 18mm 15mm 16mm;
              @top-left { content: \(quoted(siteTitle)); \(font) }
              @top-right { content: \(quoted(title(period))); \(font) }
              @bottom-center { content: \(pages); \(font) }
            }
            @page :first { @top-left { content: none; } @top-right { content: none; } @bottom-center { content: none; } }

            """
    }

    /// Atom feed of the monthly reports, newest first; needs absolute URLs, so `base_url`
    /// is used when set and relative links otherwise.
    func feed(siteTitle: String) -> String {
        let base = graph.content.site.baseURL ?? ""
        let months = periods.filter { $0.kind == .month }.sorted(by: >)
        let time = reports.builder.time
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        xml += "  <title>\(HTML.escape(siteTitle)) · \(HTML.escape(labels["kind.month"]))</title>\n"
        xml += "  <id>\(HTML.escape(base))reports/</id>\n"
        xml += "  <link href=\"\(HTML.escape(base))reports/feed.xml\" rel=\"self\"/>\n"
        if let latest = months.first { xml += "  <updated>\(time.iso(time.instant(latest.end)))</updated>\n" }
        for month in months {
            let report = reports.report(month)
            let href = base + Self.folder(month)
            xml += "  <entry>\n    <title>\(HTML.escape(title(month)))</title>\n    <id>\(HTML.escape(href))</id>\n"
            xml += "    <link href=\"\(HTML.escape(href))\"/>\n    <updated>\(time.iso(time.instant(month.end)))</updated>\n"
            let resolution = percent(report.resolutionWithinSLA.rate)
            let summary = "\(labels["report.opened"]) \(report.opened) · \(labels["kpi.resolution_within_sla"]) \(resolution)"
            xml += "    <summary>\(HTML.escape(summary))</summary>\n  </entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// Latest-month figures for a system or item page, with a link to that report.
    func summary(for id: String, dimension: String, from folder: String, latest: Report?) -> TemplateValue? {
        guard let latest else { return nil }
        let figures: Report.Breakdown
        if dimension == "asset" {
            guard latest.period == reports.latestMonth, let counted = reports.latestMonthByAsset[id] else { return nil }
            figures = counted
        } else {
            guard let row = latest.breakdowns.first(where: { $0.dimension == dimension })?.rows.first(where: { $0.key == id }) else {
                return nil
            }
            figures = row.figures
        }
        return ["period": .text(latest.period.id), "href": .text(urls.folder(Self.folder(latest.period), from: folder)),
                "opened": .int(figures.opened), "resolved": .int(figures.resolved), "breached": .int(figures.breached)]
    }
}
