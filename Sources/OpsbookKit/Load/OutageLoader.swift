/// Reads `content/outages.yaml`: a list (or `outages:`) of `{system, start, end, planned,
/// cause}`; times in the site's time zone (`2026-10-08 09:00` or ISO 8601). A planned entry
/// is a maintenance window: left out of downtime and of service time. Systems are checked
/// once every page is read (AvailabilityChecks).
enum OutageLoader {
    static func load(text: String, file: String, timezone: String, log: DiagnosticLog) -> [Outage] {
        guard let value = YAMLValue.parse(text, file: file, lineOffset: 0, log: log) else { return [] }
        let entries: [YAMLValue]
        if let list = value.sequence { entries = list }
        else if let mapping = value.mapping {
            mapping.reportUnknownKeys(allowed: ["outages"], what: "outages.yaml", log: log)
            entries = mapping.list("outages", log: log)
        } else {
            log.error("outages.shape", at: value.location, "outages.yaml should be a list of outages (or a mapping with 'outages')")
            return []
        }
        let parser = TimestampParser(patterns: [], time: LocalTime(timezone))
        return entries.compactMap { entry in
            guard let fields = entry.mapping else {
                log.error("yaml.type", at: entry.location, "each outage should be a mapping"); return nil
            }
            fields.reportUnknownKeys(allowed: ["system", "start", "end", "planned", "cause", "ticket"], what: "an outage", log: log)
            guard let system = fields.string("system", log: log) else {
                log.error("outage.system", at: fields.location, "outage has no 'system'"); return nil
            }
            // nil both when the key is absent and when its time is invalid (logged here).
            func instant(_ key: String) -> Int? {
                guard let text = fields.string(key, log: log) else { return nil }
                if let time = parser.parse(Substring(text)) { return time }
                log.error(
                    "outage.time", at: fields[key]?.location ?? fields.location, "'\(text)' is not a time (2026-10-08 09:00 or ISO 8601)")
                return nil
            }
            guard let start = instant("start") else {
                if fields["start"] == nil { log.error("outage.start", at: fields.location, "outage has no 'start'") }
                return nil
            }
            let end = instant("end")
            if end == nil, fields.string("end", log: DiagnosticLog()) != nil { return nil }
            if let end, end <= start {
                log.error("outage.order", at: fields["end"]?.location ?? fields.location, "'end' is not after 'start'")
                return nil
            }
            let planned = ["true", "yes"].contains(fields.string("planned", log: log)?.lowercased() ?? "")
            return Outage(system: system, start: start, end: end, planned: planned, cause: fields.string("cause", log: log) ?? "",
                          source: .record, location: fields.location)
        }
    }
}

/// Resolves the systems outages name and turns planned work with a window
/// (`window_start` / `window_end`) into maintenance windows of its target systems.
enum AvailabilityChecks {
    static func check(_ content: inout Content, log: DiagnosticLog) {
        let systems = content.pages.filter { $0.type == .system }
        let ids = Set(systems.map(\.id))
        for outage in content.outages where !ids.contains(outage.system) {
            log.error("outage.system", at: outage.location, "'\(outage.system)' is not a system of the knowledge base",
                      suggestion: Suggestion.closest(to: outage.system, in: ids.sorted()))
        }
        content.outages = content.outages.filter { ids.contains($0.system) }
        let calendars = Set(content.sla.calendars.keys)
        for page in systems {
            guard let calendar = page.properties.first(where: { $0.key == "service_calendar" })?.value,
                calendar != "24x7", !calendars.contains(calendar)
            else { continue }
            log.error(
                "system.service_calendar", at: SourceLocation(file: page.file, line: 1, column: 1),
                "service_calendar '\(calendar)' is not a calendar of sla.yaml",
                suggestion: Suggestion.closest(to: calendar, in: calendars.sorted()))
        }
        let parser = TimestampParser(patterns: [], time: LocalTime(content.site.timezone))
        for work in content.plannedWork where work.windowStart != nil || work.windowEnd != nil {
            guard let startText = work.windowStart, let endText = work.windowEnd,
                let start = parser.parse(Substring(startText)), let end = parser.parse(Substring(endText)), end > start
            else {
                log.error(
                    "planned.window", at: work.location,
                    "a maintenance window needs 'window_start' and a later 'window_end' (2026-10-17 22:00)")
                continue
            }
            for target in work.targets where ids.contains(target.target) {
                content.outages.append(Outage(system: target.target, start: start, end: end, planned: true, cause: work.title,
                                              source: .plannedWork(work.id), location: work.location))
            }
        }
    }
}
