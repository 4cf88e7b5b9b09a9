/// The charts of a report page, as SVG (Charts draws them): volume by type, the trend of the
/// period and the five before it, the systems with most tickets, priority mix and aging.
extension ReportPages {
    func charts(_ period: Period, _ report: Report) -> [TemplateValue] {
        var charts: [TemplateValue] = []
        func add(_ titleKey: String, _ svg: (String) -> String) {
            charts.append(["title": .text(labels[titleKey]), "svg": .text(svg(labels[titleKey]))])
        }
        let types = Ticket.types.filter { type in report.volume.contains { ($0.byType[type] ?? 0) > 0 } }
        if !types.isEmpty {
            add("report.volume") { title in
                Charts.stackedColumns(title: title, slots: report.volume.map(\.label), series: types.map { type in
                    (labels.optional("value.\(type)") ?? type, report.volume.map { $0.byType[type] ?? 0 })
                })
            }
        }
        let trend = reports.trend(period)
        add("report.trend") { title in
            Charts.lines(title: title, slots: trend.map(\.period.id),
                         series: [(labels["kpi.response_on_time"], trend.map(\.responseOnTime.rate)),
                                  (labels["kpi.resolution_within_sla"], trend.map(\.resolutionWithinSLA.rate))],
                         target: reports.builder.sla.targets["resolution_within_sla"])
        }
        let systems = report.breakdowns.first { $0.dimension == "system" }?.rows.filter { $0.key != Report.noValue }
            .sorted { ($1.figures.opened, $0.key) < ($0.figures.opened, $1.key) }.prefix(10) ?? []
        if !systems.isEmpty {
            add("report.top_systems") { title in
                Charts.bars(title: title, rows: systems.map { (graph.ids[$0.key].map(graph.title(of:)) ?? $0.key, $0.figures.opened) })
            }
        }
        let priorities = report.breakdowns.first { $0.dimension == "priority" }?.rows ?? []
        if !priorities.isEmpty {
            add("report.priority_mix") { title in
                Charts.bars(title: title, rows: priorities.map { ($0.key, $0.figures.opened) }, color: Charts.palette[1])
            }
        }
        add("report.aging") { title in Charts.bars(title: title, rows: report.aging.map { ($0.bucket, $0.count) }, color: Charts.palette[4]) }
        return charts
    }
}
