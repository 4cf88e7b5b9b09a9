/// The default as-of: the newest time the data itself records — a ticket timestamp, an
/// operations record, or an export's `extracted_at` — so a stale export is evaluated at the
/// time it was taken, not at the build's clock, and two builds of the same content agree.
enum DataTime {
    static func newest(in content: Content) -> Int? {
        var newest: Int?
        func see(_ instant: Int?) {
            guard let instant else { return }
            newest = max(newest ?? instant, instant)
        }
        for export in content.ticketImports {
            see(export.extractedAt)
            for ticket in export.tickets {
                see(ticket.openedAt)
                see(ticket.firstResponseAt)
                see(ticket.onsiteArrivedAt)
                see(ticket.resolvedAt)
                see(ticket.closedAt)
                see(ticket.followedUpAt)
                see(ticket.pauses.last.map { $0.end ?? $0.start })
            }
        }
        let time = LocalTime(content.site.timezone)
        // A record with a day and no time is taken at the start of that day: never later than the data says.
        for record in content.records { see(time.instant(record.day, minute: record.minute ?? 0)) }
        for work in content.plannedWork { see(work.done.map { time.instant($0) }) }
        for usage in content.spareUsage { see(time.instant(usage.day)) }
        for page in content.pages { for drill in page.drills { see(time.instant(drill.date)) } }
        return newest
    }

    /// With no timestamps at all, the newest date the plans name, so the result still does
    /// not depend on the clock; 1970 when there is none.
    static func fallback(in content: Content) -> Int {
        let time = LocalTime(content.site.timezone)
        let days = content.plannedWork.map(\.due) + content.schedules.compactMap(\.from)
        return days.max().map { time.instant($0) } ?? 0
    }
}
