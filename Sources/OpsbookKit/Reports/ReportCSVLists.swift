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
        // Fields read in place: a ticket copy retains every string it holds, and a year of a
        // million tickets lists 125,000 major incidents here.
        let tickets = builder.tickets
        lines.reserveCapacity(lines.count + report.majorIncidents.count + report.recurring.count + report.slaUnmatched.count + 6)
        for (index, paused) in zip(report.majorIncidents, report.majorIncidentPausedMinutes) {
            lines.append([tickets[index].id, tickets[index].title, tickets[index].priority, tickets[index].system,
                          time.iso(tickets[index].openedAt), tickets[index].resolvedAt.map(time.iso) ?? "", "\(paused)"])
        }
        lines.append([])
        lines.append([label("report.dimension", "dimension"), "id", label("summary.count", "incidents"), label("summary.tickets", "tickets")])
        for entry in report.recurring {
            lines.append([entry.dimension, entry.key, "\(entry.tickets.count)", entry.tickets.map { tickets[$0].id }.joined(separator: " ")])
        }
        guard !report.slaUnmatched.isEmpty else { return lines }
        lines.append([])
        lines.append(["id", label("report.title", "title"), label("dim.type", "type"), label("dim.priority", "priority"),
                      label("summary.opened", "opened")])
        for index in report.slaUnmatched {
            lines.append([tickets[index].id, tickets[index].title, tickets[index].type, tickets[index].priority,
                          time.iso(tickets[index].openedAt)])
        }
        return lines
    }
}
