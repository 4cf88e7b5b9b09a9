/// The charts of a report page, as SVG (Charts draws them): volume by type, the trend of the
/// period and the five before it, the systems with most tickets, priority mix and aging.
extension ReportPages {
    func charts(_ period: Period, _ report: Report) -> [TemplateValue] {
        var charts: [TemplateValue] = []
        func add(_ titleKey: String, _ svg: (String, Charts.Size) -> String) {
            charts.append(["title": .text(labels[titleKey]), "svg": .text(svg(labels[titleKey], .wide)),
                           "svg_narrow": .text(svg(labels[titleKey], .narrow))])
        }
        let types = Ticket.types.filter { type in report.volume.contains { ($0.byType[type] ?? 0) > 0 } }
        if !types.isEmpty {
            add("report.volume") { title, size in
                Charts.stackedColumns(title: title, slots: report.volume.map(\.label), series: types.map { type in
                    (labels.optional("value.\(type)") ?? type, report.volume.map { $0.byType[type] ?? 0 })
                }, size: size)
            }
        }
        let trend = reports.trend(period)
        let targets = reports.builder.sla.targets
        add("report.trend") { title, size in
            Charts.lines(
                title: title, slots: trend.map(\.period.id),
                series: [
                    .init(
                        name: labels["kpi.response_on_time"], values: trend.map(\.responseOnTime.rate), target: targets["response_on_time"]),
                    .init(
                        name: labels["kpi.resolution_within_sla"], values: trend.map(\.resolutionWithinSLA.rate),
                        target: targets["resolution_within_sla"])
                ],
                targetLabel: labels["report.target"], size: size)
        }
        let systems = report.breakdowns.first { $0.dimension == "system" }?.rows.filter { $0.key != Report.noValue }
            .sorted { ($1.figures.opened, $0.key) < ($0.figures.opened, $1.key) }.prefix(10) ?? []
        if !systems.isEmpty {
            add("report.top_systems") { title, size in
                Charts.bars(
                    title: title, rows: systems.map { (graph.ids[$0.key].map(graph.title(of:)) ?? $0.key, $0.figures.opened) }, size: size)
            }
        }
        let priorities = report.breakdowns.first { $0.dimension == "priority" }?.rows ?? []
        if !priorities.isEmpty {
            add("report.priority_mix") { title, size in
                Charts.bars(title: title, rows: priorities.map { ($0.key, $0.figures.opened) }, color: Charts.palette[1], size: size)
            }
        }
        add("report.aging") { title, size in
            Charts.bars(title: title, rows: report.aging.map { ($0.bucket, $0.count) }, color: Charts.palette[4], size: size)
        }
        return charts
    }
}
