/// Reads `content/sla.yaml` (see SLAPolicy). Every malformed calendar, hour range, date or
/// duration is an error at its position.
enum SLALoader {
    static let weekdays = Weekday.numbers

    static func load(text: String, file: String, timezone: String, log: DiagnosticLog) -> SLAPolicy {
        var policy = SLAPolicy(file: file)
        let time = LocalTime(timezone)
        guard
            let fields = YAMLValue.parseMapping(
                text, file: file, shapeID: "sla.shape", shape: "sla.yaml should be a mapping with calendars, policies and targets",
                keys: ["calendars", "policies", "targets", "availability"], what: "sla.yaml", log: log)
        else { return policy }
        if let calendars = fields["calendars"] {
            if let mapping = calendars.mapping {
                for (key, value) in mapping.pairs {
                    guard let name = key.scalar else { continue }
                    if let calendar = calendar(name, value, time: time, log: log) { policy.calendars[name] = calendar }
                }
            } else {
                log.error("yaml.type", at: calendars.location, "'calendars' should be a mapping of calendar names")
            }
        }
        policy.rules = fields.list("policies", log: log).compactMap { rule(from: $0, calendars: policy.calendars, log: log) }
        if let targets = fields["targets"]?.mapping {
            targets.reportUnknownKeys(allowed: SLAPolicy.knownTargets, what: "targets", log: log)
            for (key, value) in targets.pairs {
                guard let name = key.scalar, let text = value.scalar else { continue }
                if let rate = Double(text), rate.isFinite, rate >= 0, SLAPolicy.unboundedTargets.contains(name) || rate <= 1 {
                    policy.targets[name] = rate
                } else {
                    log.error("sla.target", at: value.location, "target '\(name)' should be a rate between 0 and 1, like 0.98")
                }
            }
        }
        if let availability = fields["availability"] { policy.availability = availabilityTargets(availability, log: log) }
        return policy
    }

    /// One entry of `policies`: which tickets it matches, its calendar and its clocks.
    private static func rule(from entry: YAMLValue, calendars: [String: BusinessCalendar], log: DiagnosticLog) -> SLAPolicy.Rule? {
        guard let rule = entry.mapping else { log.error("yaml.type", at: entry.location, "each policy should be a mapping"); return nil }
        rule.reportUnknownKeys(allowed: ["match", "calendar", "response", "onsite", "resolve"], what: "a policy", log: log)
        var match: [(String, [String])] = []
        if let value = rule["match"] {
            if let conditions = value.mapping {
                for (key, condition) in conditions.pairs {
                    guard let field = key.scalar else { continue }
                    if Ticket(id: "", openedAt: 0, location: conditions.location, source: "").field(field) == nil {
                        log.error("sla.match", at: key.location, "unknown ticket field '\(field)' in match",
                                  suggestion: Suggestion.closest(to: field, in: TicketField.textNames))
                    }
                    let values = condition.sequence?.compactMap(\.scalar) ?? condition.scalar.map { [$0] } ?? []
                    match.append((field, values))
                }
            } else {
                log.error("yaml.type", at: value.location, "'match' should be a mapping of field: value")
            }
        }
        let calendarName = rule.string("calendar", log: log) ?? ""
        guard let calendar = calendars[calendarName] else {
            log.error("sla.calendar", at: rule["calendar"]?.location ?? rule.location,
                      calendarName.isEmpty ? "policy has no 'calendar'" : "unknown calendar '\(calendarName)'",
                      suggestion: Suggestion.closest(to: calendarName, in: calendars.keys.sorted()))
            return nil
        }
        func duration(_ key: String) -> Int? {
            guard let text = rule.string(key, log: log) else { return nil }
            guard let seconds = SLADuration.parse(text, secondsPerDay: calendar.secondsPerDay) else {
                log.error("sla.duration", at: rule.location(of: key), "'\(text)' is not a duration (use 15m, 4h, 2d or 1d4h)")
                return nil
            }
            return seconds
        }
        var written: [String: String] = [:]
        for key in ["response", "onsite", "resolve"] { written[key] = rule[key]?.scalar?.trimmingWhitespace }
        return .init(match: match, calendar: calendarName, response: duration("response"),
                     onsite: duration("onsite"), resolve: duration("resolve"), written: written)
    }

    /// `availability`: criticality (high, medium, low, default) → rate.
    private static func availabilityTargets(_ availability: YAMLValue, log: DiagnosticLog) -> [String: Double] {
        guard let mapping = availability.mapping else {
            log.error(
                "yaml.type", at: availability.location, "'availability' should map criticality (high, medium, low, default) to a rate")
            return [:]
        }
        var rates: [String: Double] = [:]
        for (key, value) in mapping.pairs {
            guard let name = key.scalar else { continue }
            if let text = value.scalar, let rate = Double(text), rate.isFinite, rate > 0, rate <= 1 { rates[name] = rate }
            else { log.error("sla.availability", at: value.location, "availability target '\(name)' should be a rate, like 0.999") }
        }
        return rates
    }

    private static func calendar(_ name: String, _ value: YAMLValue, time: LocalTime, log: DiagnosticLog) -> BusinessCalendar? {
        if let text = value.scalar {
            if text == "24x7" { return .twentyFourSeven(name, time: time) }
            log.error("sla.calendar", at: value.location, "a calendar is '24x7' or a mapping with days, hours, holidays and workdays")
            return nil
        }
        guard let fields = value.mapping else {
            log.error("sla.calendar", at: value.location, "a calendar is '24x7' or a mapping with days, hours, holidays and workdays")
            return nil
        }
        fields.reportUnknownKeys(allowed: ["days", "hours", "holidays", "workdays"], what: "a calendar", log: log)
        var calendar = BusinessCalendar(name: name, alwaysOpen: false, time: time)
        let days = fields.strings("days", log: log)
        if !days.isEmpty {
            calendar.days = Set(days.compactMap { entry in
                if let day = weekdays[entry.text.lowercased().prefix(3).description] { return day }
                log.error("sla.day", at: entry.location, "'\(entry.text)' is not a weekday (mon … sun)",
                          suggestion: Suggestion.closest(to: entry.text, in: weekdays.keys.sorted()))
                return nil
            })
        }
        let hours = fields.strings("hours", log: log)
        if !hours.isEmpty {
            var intervals: [(Int, Int)] = []
            for entry in hours {
                let parts = entry.text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, let start = minutes(parts[0]), let end = minutes(parts[1]), start < end else {
                    log.error("sla.hours", at: entry.location, "'\(entry.text)' is not a time range like 08:30-12:00")
                    continue
                }
                intervals.append((start, end))
            }
            intervals.sort { $0.0 < $1.0 }
            for (a, b) in zip(intervals, intervals.dropFirst()) where b.0 < a.1 {
                log.error("sla.hours", at: fields["hours"]!.location, "working hours overlap")
            }
            calendar.hours = intervals.map { (start: $0.0, end: $0.1) }
        }
        func dates(_ key: String) -> Set<Day> {
            Set(fields.strings(key, log: log).compactMap { entry in
                if let day = Day(entry.text) { return day }
                log.error("date.invalid", at: entry.location, "'\(entry.text)' is not a valid date (expected YYYY-MM-DD)")
                return nil
            })
        }
        calendar.holidays = dates("holidays")
        calendar.workdays = dates("workdays")
        return calendar
    }

    private static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m), h * 60 + m <= 1440
        else { return nil }
        return h * 60 + m
    }
}

