/// report.json's `availability`: overall and per system, with downtime minutes, targets by
/// criticality and verdicts, and every outage counted; null figures with a reason when no
/// outage records exist.
extension ReportEncoding {
    func availabilityJSON() -> JSONValue {
        guard let figures = report.availability else {
            return .object([
                ("overall", .null), ("target", .null), ("verdict", .null),
                ("reason", .string("not measured: no content/outages.yaml and no export maps 'outage'")), ("systems", .array([]))
            ])
        }
        let time = builder.time
        let target = builder.sla.availability["overall"] ?? builder.sla.availability["default"]
        return .object([
            ("overall", .rate(figures.overall)), ("target", target.map { .number($0, places: 4) } ?? .null),
            ("verdict", verdict("availability")),
            ("down_minutes", .int(figures.systems.reduce(0) { $0 + $1.downMinutes })),
            ("unattributed_outage_tickets", .array(figures.unattributed.map(JSONValue.string))),
            (
                "systems",
                .array(
                    figures.systems.map { system in
                        .object([
                            ("id", .string(system.id)), ("title", .string(system.title)), ("criticality", .string(system.criticality)),
                            ("calendar", .string(system.calendar)), ("service_minutes", .int(system.serviceMinutes)),
                            ("down_minutes", .int(system.downMinutes)), ("maintenance_minutes", .int(system.maintenanceMinutes)),
                            ("availability", .rate(system.availability)), ("target", system.target.map { .number($0, places: 4) } ?? .null),
                            ("verdict", verdict("availability.\(system.id)")),
                            (
                                "outages",
                                .array(
                                    system.outages.map { outage in
                                        var pairs: [(String, JSONValue)] = [
                                            ("start", .string(time.iso(outage.start))), ("end", .string(time.iso(outage.end))),
                                            ("minutes", .int(outage.minutes)), ("cause", .string(outage.cause))
                                        ]
                                        switch outage.source {
                                        case let .ticket(id): pairs.append(("ticket", .string(id)))
                                        case .record: pairs.append(("source", .string("outages.yaml")))
                                        case let .plannedWork(id): pairs.append(("planned_work", .string(id)))
                                        }
                                        return .object(pairs)
                                    })
                            )
                        ])
                    })
            )
        ])
    }
}
