/// What report.csv carries after its tables: every judged figure with its verdict (the list the
/// page's summary counts) and, when the printed report attaches it (Report.attachesLists), every
/// major incident, every recurring system or item and every ticket no SLA policy matches.
extension ReportEncoding {
    func csvLists(labels: [String: String]) -> [[String]] {
        let time = builder.time
        let label = { (key: String, fallback: String) in labels[key] ?? fallback }
        var lines: [[String]] = [[]]
        lines.append([label("report.figure", "figure"), label("report.value", "value"), label("report.target", "target"),
                      label("report.direction", "better"), label("report.verdict", "verdict"), label("report.note", "note")])
        for figure in report.judged {
            lines.append([figure.key, figure.value.map { JSONValue.format($0, places: 4) } ?? "",
                          JSONValue.format(figure.target, places: 4), figure.better.rawValue,
                          figure.verdict.map { labels["verdict.\($0.rawValue)"] ?? $0.rawValue } ?? "", figure.reason ?? ""])
        }
        guard report.attachesLists else { return lines }
        lines.append([])
        lines.append(["id", label("report.title", "title"), label("dim.priority", "priority"), label("dim.system", "system"),
                      label("summary.opened", "opened"), label("summary.resolved", "resolved"), "paused_minutes"])
        for (index, paused) in zip(report.majorIncidents, report.majorIncidentPausedMinutes) {
            let ticket = builder.tickets[index]
            lines.append([ticket.id, ticket.title, ticket.priority, ticket.system, time.iso(ticket.openedAt),
                          ticket.resolvedAt.map(time.iso) ?? "", "\(paused)"])
        }
        lines.append([])
        lines.append([label("report.dimension", "dimension"), "id", label("summary.count", "incidents"), label("summary.tickets", "tickets")])
        for entry in report.recurring {
            lines.append([entry.dimension, entry.key, "\(entry.tickets.count)", entry.tickets.map { builder.tickets[$0].id }.joined(separator: " ")])
        }
        guard !report.slaUnmatched.isEmpty else { return lines }
        lines.append([])
        lines.append(["id", label("report.title", "title"), label("dim.type", "type"), label("dim.priority", "priority"),
                      label("summary.opened", "opened")])
        for index in report.slaUnmatched {
            let ticket = builder.tickets[index]
            lines.append([ticket.id, ticket.title, ticket.type, ticket.priority, time.iso(ticket.openedAt)])
        }
        return lines
    }
}
