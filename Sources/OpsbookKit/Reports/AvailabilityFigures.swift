/// System availability (系统可用率) of one period: per system, service time on the system's
/// calendar (`service_calendar`, default 24×7) less its maintenance windows, downtime = the
/// union of its outages within that service time, availability = 1 − downtime ÷ service
/// time; overall = 1 − total downtime ÷ total service time. Outages come from outages.yaml
/// and from tickets an export marks as outages; with neither, availability is not measured.
public struct AvailabilityFigures: Sendable {
    public struct System: Sendable {
        public var id: String
        public var title: String
        public var criticality: String
        public var calendar: String
        public var serviceMinutes: Int
        public var downMinutes: Int
        public var maintenanceMinutes: Int
        public var outages: [(start: Int, end: Int, minutes: Int, cause: String, source: Outage.Source)]
        public var target: Double?
        public var availability: Double? { serviceMinutes > 0 ? 1 - Double(downMinutes) / Double(serviceMinutes) : nil }
        public var verdict: Verdict? {
            guard let availability, let target else { return nil }
            return availability >= target ? .met : .missed
        }
    }

    public var systems: [System] = []
    /// Outage tickets without a system: counted nowhere, named in report.json.
    public var unattributed: [String] = []
    public var overall: Double?

    /// nil when nothing records outages (not measured, never 100 %).
    init?(content: Content, tickets: [Ticket], period: Period, start: Int, end: Int, asOf: Int, sla: SLAPolicy) {
        guard content.hasOutageRecords || content.ticketImports.contains(where: \.mapsOutage) else { return nil }
        let stop = min(end, asOf)
        var bySystem = Dictionary(grouping: content.outages, by: \.system)
        for ticket in tickets where ticket.outage && ticket.openedAt < stop {
            guard !ticket.system.isEmpty else { unattributed.append(ticket.id); continue }
            let outage = Outage(
                system: ticket.system, start: ticket.outageStart ?? ticket.openedAt, end: ticket.outageEnd ?? ticket.resolvedAt,
                planned: false, cause: ticket.title, source: .ticket(ticket.id), location: ticket.location)
            bySystem[ticket.system, default: []].append(outage)
        }
        let time = LocalTime(content.site.timezone)
        for page in content.pages where page.type == .system {
            let property = { (key: String) in page.properties.first { $0.key == key }?.value }
            let calendarName = property("service_calendar") ?? "24x7"
            // A calendar caches what it has computed: each report uses its own copy.
            let calendar = (content.sla.calendars[calendarName] ?? .twentyFourSeven("24x7", time: time)).unshared()
            let criticality = property("criticality") ?? ""
            let outages = bySystem[page.id] ?? []
            let clip = { (outage: Outage) -> (Int, Int)? in
                let from = max(outage.start, start), to = min(outage.end ?? stop, stop)
                return to > from ? (from, to) : nil
            }
            let maintenance = Self.union(outages.filter(\.planned).compactMap(clip))
            let down = Self.subtract(maintenance, from: Self.union(outages.filter { !$0.planned }.compactMap(clip)))
            let seconds = { (spans: [(Int, Int)]) in spans.reduce(0) { $0 + calendar.seconds(from: $1.0, to: $1.1) } }
            let maintenanceSeconds = seconds(maintenance)
            let listed = outages.filter { !$0.planned }.compactMap { outage -> (Int, Int, Int, String, Outage.Source)? in
                guard let span = clip(outage) else { return nil }
                return (span.0, span.1, seconds(Self.subtract(maintenance, from: [span])) / 60, outage.cause, outage.source)
            }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
            systems.append(System(id: page.id, title: page.title, criticality: criticality, calendar: calendarName,
                                  serviceMinutes: max(0, calendar.seconds(from: start, to: stop) - maintenanceSeconds) / 60,
                                  downMinutes: seconds(down) / 60, maintenanceMinutes: maintenanceSeconds / 60, outages: listed,
                                  target: sla.availability[criticality] ?? sla.availability["default"]))
        }
        systems.sort { ($0.availability ?? 2, $0.id) < ($1.availability ?? 2, $1.id) }
        let service = systems.reduce(0) { $0 + $1.serviceMinutes }, down = systems.reduce(0) { $0 + $1.downMinutes }
        overall = service > 0 ? 1 - Double(down) / Double(service) : nil
    }

    /// Sorted, non-overlapping spans covering the same time.
    static func union(_ spans: [(Int, Int)]) -> [(Int, Int)] {
        var merged: [(Int, Int)] = []
        for span in spans.sorted(by: { $0.0 < $1.0 }) {
            if let last = merged.last, span.0 <= last.1 { merged[merged.count - 1].1 = max(last.1, span.1) } else { merged.append(span) }
        }
        return merged
    }

    /// `spans` less the time in `holes` (both as union returns them).
    static func subtract(_ holes: [(Int, Int)], from spans: [(Int, Int)]) -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        for span in spans {
            var pieces = [span]
            for hole in holes where hole.1 > span.0 && hole.0 < span.1 {
                pieces = pieces.flatMap { piece -> [(Int, Int)] in
                    [(piece.0, min(piece.1, hole.0)), (max(piece.0, hole.1), piece.1)].filter { $0.1 > $0.0 }
                }
            }
            result += pieces
        }
        return result
    }
}
