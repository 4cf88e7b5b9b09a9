/// report.json's executive-summary keys: the largest KPI changes, the period's major
/// incidents and the improvement actions still open.
extension ReportEncoding {
    func summaryJSON() -> [(String, JSONValue)] {
        let time = builder.time
        let day = report.actionsDay
        return [
            (
                "largest_changes",
                .array(
                    report.largestChanges.map { result in
                        .object([
                            ("kpi", .string(result.kpi.name)), ("change", .number(result.change ?? 0, places: 4)),
                            ("better", .string(result.kpi.better.rawValue)), ("improved", result.improved.map(JSONValue.bool) ?? .null)
                        ])
                    })
            ),
            (
                "major_incidents",
                .array(
                    report.majorIncidents.map { index in
                        let ticket = builder.tickets[index]
                        return .object([
                            ("id", .string(ticket.id)), ("title", .string(ticket.title)), ("priority", .string(ticket.priority)),
                            ("system", .string(ticket.system)), ("asset", .string(ticket.asset)),
                            ("opened_at", .string(time.iso(ticket.openedAt))),
                            ("resolved_at", ticket.resolvedAt.map { .string(time.iso($0)) } ?? .null)
                        ])
                    })
            ),
            (
                "recurring_incidents",
                .array(
                    report.recurring.map { entry in
                        .object([
                            ("dimension", .string(entry.dimension)), ("id", .string(entry.key)), ("incidents", .int(entry.tickets.count)),
                            ("tickets", .array(entry.tickets.map { .string(builder.tickets[$0].id) }))
                        ])
                    })
            ),
            (
                "improvement_actions",
                .array(
                    report.actions.map { action in
                        .object([
                            ("title", .string(action.title)), ("owner", .string(action.owner)),
                            ("due", action.due.map { .string($0.description) } ?? .null),
                            ("status", .string(action.status.rawValue)), ("source", .string(action.source)),
                            ("raised_on", .string(action.raisedOn.description)), ("overdue", .bool(day.map(action.isOverdue) ?? false))
                        ])
                    })
            )
        ]
    }
}
