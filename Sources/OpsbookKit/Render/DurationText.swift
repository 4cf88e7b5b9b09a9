/// Business time as people read it: on a working-hours calendar, its working days and
/// hours (`2 工作日 3 小时`); wall-clock days only on a 24×7 calendar. Targets read as
/// sla.yaml writes them, in the same units.
struct DurationText {
    let labels: [String: String]

    private func unit(_ key: String) -> String { labels["unit.\(key)"] ?? key }

    private func join(_ parts: [(Int, String)]) -> String {
        let shown = parts.filter { $0.0 > 0 }
        guard !shown.isEmpty else { return "0 \(unit("minute"))" }
        return shown.map { "\($0.0) \(unit($0.1))" }.joined(separator: " ")
    }

    /// Elapsed business minutes on `calendar` (nil: wall-clock time).
    func elapsed(minutes: Int, on calendar: BusinessCalendar?) -> String {
        let minutes = max(0, minutes)
        let perDay = calendar.map { $0.alwaysOpen ? 1440 : $0.secondsPerDay / 60 } ?? 1440
        let dayUnit = calendar.map { $0.alwaysOpen ? "day" : "workday" } ?? "day"
        guard perDay > 0 else { return join([(minutes / 60, "hour"), (minutes % 60, "minute")]) }
        let rest = minutes % perDay
        return join([(minutes / perDay, dayUnit), (rest / 60, "hour"), (rest % 60, "minute")])
    }

    /// A target as written in sla.yaml (`5d`, `1d4h`, `30m`), its days read as the calendar's
    /// days; `fallback` minutes when the text is not at hand.
    func target(_ written: String?, minutes fallback: Int, on calendar: BusinessCalendar?) -> String {
        guard let written, !written.isEmpty else { return elapsed(minutes: fallback, on: calendar) }
        guard let parts = SLADuration.parts(written) else { return written }
        let dayUnit = calendar.map { $0.alwaysOpen ? "day" : "workday" } ?? "day"
        return join(parts.map { ($0.number, $0.unit == "d" ? dayUnit : $0.unit == "h" ? "hour" : "minute") })
    }

    /// A mean over tickets on different calendars: hours and minutes, never days.
    func hours(minutes: Int) -> String {
        let minutes = max(0, minutes)
        return join([(minutes / 60, "hour"), (minutes % 60, "minute")])
    }
}
