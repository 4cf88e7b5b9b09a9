/// What holds for an export's tickets whatever tool wrote it, once its rows are read: a
/// ticket closed without a resolved time was resolved when it closed, and the export was
/// taken no earlier than its newest state change. Then the data-sanity warnings, each once
/// per export with a count and the first tickets, at the first one's row.
enum TicketClocks {
    /// How many tickets a sanity warning names.
    static let namedInWarning = 3

    static func finish(_ result: inout TicketImport, source: TicketSource, log: DiagnosticLog) {
        var newest = result.lastStateChange
        func see(_ instant: Int?) {
            if let instant { newest = max(newest ?? instant, instant) }
        }
        for index in result.tickets.indices {
            if result.tickets[index].resolvedAt == nil, let closed = result.tickets[index].closedAt {
                result.tickets[index].resolvedAt = closed
            }
            let ticket = result.tickets[index]
            see(ticket.openedAt)
            see(ticket.firstResponseAt)
            see(ticket.onsiteArrivedAt)
            see(ticket.resolvedAt)
            see(ticket.closedAt)
            see(ticket.pauses.last.map { $0.end ?? $0.start })
        }
        result.lastStateChange = newest
        warnInsane(result, source: source, log: log)
    }

    /// The checks a reader of the report would make of the export before trusting it.
    private static func warnInsane(_ result: TicketImport, source: TicketSource, log: DiagnosticLog) {
        guard let asOf = result.asOf else { return }
        let time = LocalTime(source.timezone)
        warn(result.tickets, "tickets.unresolved_feedback", log: log,
             "carry a satisfaction score or a follow-up call but are not resolved by \(time.iso(asOf))") { ticket in
            (ticket.satisfaction != nil || ticket.followedUpAt != nil) && (ticket.resolvedAt ?? .max) > asOf
        }
        warn(result.tickets, "tickets.before_opening", log: log, "were responded to or arrived at before they were opened") {
            ticket in
            (ticket.firstResponseAt ?? .max) < ticket.openedAt || (ticket.onsiteArrivedAt ?? .max) < ticket.openedAt
        }
        guard let extracted = result.extractedAt else { return }
        warn(result.tickets, "tickets.after_extraction", log: log,
             "change state after extracted_at \(time.iso(extracted)): is extracted_at the time the export was taken?") { ticket in
            [ticket.openedAt, ticket.firstResponseAt, ticket.onsiteArrivedAt, ticket.resolvedAt, ticket.closedAt]
                .contains { ($0 ?? .min) > extracted }
        }
        if let last = result.lastStateChange, extracted - last > 86_400 {
            log.warning("tickets.stale_extraction", at: source.extractedAtLocation ?? source.location,
                        "extracted_at \(time.iso(extracted)) is more than a day after the export's last state change, "
                            + "\(time.iso(last)): tickets still open are clocked up to extracted_at; is the export complete?")
        }
    }

    private static func warn(_ tickets: [Ticket], _ id: String, log: DiagnosticLog, _ what: String, when test: (Ticket) -> Bool) {
        var count = 0
        var first: [Ticket] = []
        for ticket in tickets where test(ticket) {
            count += 1
            if first.count < namedInWarning { first.append(ticket) }
        }
        guard let location = first.first?.location else { return }
        let names = first.map { "'\($0.id)'" }.joined(separator: ", ")
        log.warning(id, at: location, "\(count) ticket\(count == 1 ? "" : "s") \(what) (first: \(names)\(count > first.count ? ", …" : ""))")
    }
}
