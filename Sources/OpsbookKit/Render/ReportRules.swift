/// 统计口径: every rule a report's figures are counted by, on the page and in the PDF — each
/// figure's rule, the SLA targets by policy and calendar, what a working day is, and each
/// system's service calendar. A reader who signs the report can check any figure from here.
extension ReportPages {
    /// The rules of the figures this report prints, in the order it prints them.
    func rulesView(_ report: Report) -> View {
        var keys = KPI.all.map(\.name)
        if let operations = report.operations {
            if !operations.drillsDue.isEmpty { keys.append("drills") }
            if operations.sparesTracked { keys.append("spares") }
            if operations.spareChecksDue > 0 { keys.append("spare_checks") }
        }
        if report.availability != nil { keys.append("availability") }
        if report.people != nil { keys += PeopleFigures.targets.map(\.name) }
        let figures: [TemplateValue] = keys.compactMap { key in
            guard let rule = labels.optional("rule.\(key)") else { return nil }
            let label = key == "mttr_minutes" ? labels["kpi.mttr"] : labels.optional("kpi.\(key)") ?? ruleTitle(key)
            return ["label": .text(label), "rule": .text(rule)]
        }
        let sla = reports.builder.sla
        return [
            "as_of_rule": .text(labels["rule.as_of"]), "figures": .list(figures),
            "policies": .list(sla.rules.map { policyRow($0, sla: sla) }), "has_policies": .bool(!sla.rules.isEmpty),
            "calendars": .list(sla.calendars.keys.sorted().compactMap { sla.calendars[$0].map(calendarRow) }),
            "system_calendars": .list(systemCalendars(report)), "has_system_calendars": .bool(report.availability != nil),
        ]
    }

    private func ruleTitle(_ key: String) -> String {
        switch key {
        case "drills": labels["ops.drills_done"]
        case "spares": labels["ops.below_min"]
        case "spare_checks": labels["ops.spare_checks"]
        case "availability": labels["availability.title"]
        default: key
        }
    }

    /// One SLA policy: what it matches, its calendar, and its targets in the calendar's units.
    private func policyRow(_ rule: SLAPolicy.Rule, sla: SLAPolicy) -> TemplateValue {
        let calendar = sla.calendars[rule.calendar]
        let match = rule.match.map { condition in
            let values = condition.values.map { labels.optional("value.\($0)") ?? $0 }.joined(separator: " / ")
            return "\(labels.optional("dim.\(condition.field)") ?? condition.field) = \(values)"
        }
        let target = { (clock: String, seconds: Int?) -> String in
            seconds.map { durations.target(rule.written[clock], minutes: $0 / 60, on: calendar) } ?? "—"
        }
        return ["match": .text(match.isEmpty ? labels["rules.any"] : match.joined(separator: labels["rules.and"])),
                "calendar": .text(rule.calendar), "response": .text(target("response", rule.response)),
                "onsite": .text(target("onsite", rule.onsite)), "resolve": .text(target("resolve", rule.resolve))]
    }

    /// A calendar's hours and the length of its working day, which every "工作日" on the page means.
    private func calendarRow(_ calendar: BusinessCalendar) -> TemplateValue {
        let hours = calendar.hours.map { "\(Self.clock($0.start))–\(Self.clock($0.end))" }.joined(separator: ", ")
        let weekdays = calendar.days.sorted().map { labels["weekday.\($0)"] }.joined(separator: labels["rules.list"])
        let dayLength = JSONValue.format(Double(calendar.secondsPerDay) / 3600, places: 2)
        return [
            "name": .text(calendar.name),
            "hours": .text(calendar.alwaysOpen ? labels["rules.always_open"] : "\(weekdays) \(hours)"),
            "workday": .text(calendar.alwaysOpen ? labels["rules.day_is_24h"]
                             : labels["rules.workday"].replacingOccurrences(of: "#", with: dayLength)),
            "holidays": .int(calendar.holidays.count), "workdays": .int(calendar.workdays.count),
        ]
    }

    /// Systems grouped by the calendar their availability is counted on.
    private func systemCalendars(_ report: Report) -> [TemplateValue] {
        guard let systems = report.availability?.systems else { return [] }
        let byCalendar = Dictionary(grouping: systems, by: \.calendar)
        return byCalendar.keys.sorted().map { name in
            let members = byCalendar[name, default: []].sorted { $0.id < $1.id }
            return ["calendar": .text(name), "count": .int(members.count),
                    "systems": .text(members.map(\.title).joined(separator: labels["rules.list"]))]
        }
    }

    static func clock(_ minute: Int) -> String {
        let hour = minute / 60, rest = minute % 60
        return "\(hour < 10 ? "0" : "")\(hour):\(rest < 10 ? "0" : "")\(rest)"
    }
}
