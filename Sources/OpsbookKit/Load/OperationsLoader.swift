/// Reads the operations records: `inspections/*.yaml` (schedules and records),
/// `planned/*.yaml`, `spares.yaml` and `scorecards/QUARTER.yaml`. Shapes and values are
/// checked here; ids are checked by OperationsChecker once everything is loaded.
enum OperationsLoader {
    static func references(_ fields: YAMLMapping, _ key: String, log: DiagnosticLog) -> [Reference] {
        fields.strings(key, log: log).map { Reference(target: $0.text, location: $0.location, field: key) }
    }

    static func inspections(
        text: String, file: String, options: LoadOptions = LoadOptions(), into content: inout Content, log: DiagnosticLog
    ) {
        guard
            let fields = YAMLValue.parseMapping(
                text, file: file, shapeID: "inspections.shape", shape: "an inspections file is a mapping with 'schedules' and/or 'records'",
                keys: ["schedules", "records"], what: "an inspections file", log: log)
        else { return }
        content.schedules += fields.list("schedules", log: log).compactMap { schedule(from: $0, log: log) }
        content.records += fields.list("records", log: log).compactMap { record(from: $0, file: file, options: options, log: log) }
    }

    private static func schedule(from entry: YAMLValue, log: DiagnosticLog) -> InspectionSchedule? {
        guard let schedule = entry.mapping else {
            log.error("yaml.type", at: entry.location, "each schedule should be a mapping"); return nil
        }
        schedule.reportUnknownKeys(
            allowed: ["id", "title", "procedure", "targets", "frequency", "grace", "at", "role", "calendar", "from", "until", "audience"],
            what: "an inspection schedule", log: log)
        guard let id = schedule.string("id", log: log) else {
            log.error("inspections.id", at: schedule.location, "schedule has no 'id'"); return nil
        }
        guard PageLoader.isValidID(id) else {
            log.error(
                "id.invalid", at: schedule.location(of: "id"),
                "id '\(id)' must be lowercase letters, digits, '.', '_' or '-', starting with a letter or digit")
            return nil
        }
        let frequencyText = schedule.string("frequency", log: log) ?? "daily"
        guard let frequency = Frequency(frequencyText) else {
            log.error("inspections.frequency", at: schedule.location(of: "frequency"),
                      "'\(frequencyText)' is not a frequency (daily, workdays, weekly:mon, monthly:1, quarterly, yearly:12-31)")
            return nil
        }
        var grace = 0
        if let text = schedule.string("grace", log: log) {
            if let seconds = SLADuration.parse(text, secondsPerDay: 86_400) { grace = seconds }
            else { log.error("sla.duration", at: schedule.location(of: "grace"), "'\(text)' is not a duration (use 4h, 1d or 30m)") }
        }
        var at = 9 * 60
        if let text = schedule.string("at", log: log) {
            let parts = text.split(separator: ":").compactMap { Int($0) }
            if parts.count == 2, (0..<24).contains(parts[0]), (0..<60).contains(parts[1]) { at = parts[0] * 60 + parts[1] }
            else { log.error("inspections.at", at: schedule.location(of: "at"), "'\(text)' is not a time of day like 09:00") }
        }
        return InspectionSchedule(
            id: id, location: schedule.location(of: "id"), title: schedule.string("title", log: log) ?? id,
            procedure: schedule["procedure"].flatMap { _ in schedule.string("procedure", log: log) }
                .map { Reference(target: $0, location: schedule.location(of: "procedure"), field: "procedure") },
            targets: references(schedule, "targets", log: log), frequency: frequency, grace: grace, at: at,
            role: schedule.string("role", log: log) ?? "", calendar: schedule.string("calendar", log: log),
            from: schedule.day("from", log: log), until: schedule.day("until", log: log),
            audience: AudienceKey.read(schedule, log: log).0)
    }

    private static func record(from entry: YAMLValue, file: String, options: LoadOptions, log: DiagnosticLog) -> InspectionRecord? {
        guard let record = entry.mapping else { log.error("yaml.type", at: entry.location, "each record should be a mapping"); return nil }
        record.reportUnknownKeys(
            allowed: ["schedule", "date", "by", "result", "findings", "tickets", "audience"], what: "an inspection record", log: log)
        guard let schedule = record.string("schedule", log: log) else {
            log.error("inspections.schedule", at: record.location, "record has no 'schedule'")
            return nil
        }
        guard let dateText = record.string("date", log: log) else {
            log.error("date.invalid", at: record.location, "record has no 'date'"); return nil
        }
        guard let (day, minute) = recordTime(dateText, at: record.location(of: "date"), log: log) else { return nil }
        let resultText = record.string("result", log: log) ?? "ok"
        guard let result = InspectionRecord.Result(rawValue: resultText) else {
            log.error("inspections.result", at: record.location(of: "result"), "result must be ok, findings or missed",
                      suggestion: Suggestion.closest(to: resultText, in: InspectionRecord.Result.allCases.map(\.rawValue)))
            return nil
        }
        var item = InspectionRecord(schedule: Reference(target: schedule, location: record.location(of: "schedule"), field: "schedule"),
                                    location: record.location, day: day, minute: minute, by: record.string("by", log: log) ?? "",
                                    result: result, tickets: references(record, "tickets", log: log),
                                    audience: AudienceKey.read(record, log: log).0)
        if let findings = record.string("findings", log: log) {
            item.findingsLineOffset = record.location(of: "findings").line - 1 + (findings.contains("\n") ? 1 : 0)
            let visible = InternalSections.apply(findings, keep: options.audience >= .internal, file: file,
                                                 lineOffset: item.findingsLineOffset, log: log)
            item.findings = MarkdownRenderer.render(visible, rawHTML: options.rawHTML)
        }
        return item
    }

    /// A record's `date`: YYYY-MM-DD, with a time of day after a space or a `T`.
    private static func recordTime(_ dateText: String, at location: SourceLocation, log: DiagnosticLog) -> (Day, Int?)? {
        let parts = dateText.split(separator: " ", maxSplits: 1).map(String.init)
        let dateOnly = dateText.split(separator: "T", maxSplits: 1).first.map(String.init) ?? dateText
        guard let day = Day(parts.count == 2 ? parts[0] : dateOnly) else {
            log.error("date.invalid", at: location, "'\(dateText)' is not a valid date (YYYY-MM-DD or YYYY-MM-DD HH:MM)")
            return nil
        }
        let afterT = dateText.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().first.map(String.init)
        guard let timeText = parts.count == 2 ? parts[1] : afterT else { return (day, nil) }
        let hm = timeText.split(separator: ":").compactMap { Int($0) }
        guard hm.count >= 2, (0..<24).contains(hm[0]), (0..<60).contains(hm[1]) else {
            log.error("date.invalid", at: location, "'\(dateText)' has no valid time of day")
            return nil
        }
        return (day, hm[0] * 60 + hm[1])
    }

    static let plannedKeys = [
        "id", "title", "kind", "targets", "due", "done", "status", "plan", "window", "window_start", "window_end", "audience"
    ]

    static func planned(text: String, file: String, into content: inout Content, log: DiagnosticLog) {
        guard let root = YAMLValue.parse(text, file: file, lineOffset: 0, log: log) else { return }
        let entries = root.sequence ?? root.mapping.map { $0.list("items", log: log) } ?? []
        for entry in entries {
            guard let work = entry.mapping else {
                log.error("yaml.type", at: entry.location, "each planned work item should be a mapping"); continue
            }
            work.reportUnknownKeys(allowed: plannedKeys, what: "planned work", log: log)
            plannedItem(work, page: nil, into: &content, log: log)
        }
    }

    /// `planned/*.md`: the front matter is the planned work item, the page its description.
    static func plannedPage(_ page: Page, text: String, into content: inout Content, log: DiagnosticLog) {
        let split = FrontMatterSplit(text, file: page.file, log: DiagnosticLog())
        guard let yaml = split.yaml,
            let work = YAMLValue.parse(yaml, file: page.file, lineOffset: split.yamlLineOffset, log: DiagnosticLog())?.mapping
        else { return }
        plannedItem(work, page: page, into: &content, log: log)
    }

    private static func plannedItem(_ work: YAMLMapping, page: Page?, into content: inout Content, log: DiagnosticLog) {
        guard let id = work.string("id", log: log) ?? page?.id.pathParts.last.map(String.init) else {
            log.error("planned.id", at: work.location, "planned work has no 'id'")
            return
        }
        guard let due = work.day("due", log: log) else {
            if work["due"] == nil { log.error("planned.due", at: work.location, "planned work '\(id)' has no 'due' date") }
            return
        }
        let kind = work.string("kind", log: log) ?? "change"
        if !PlannedWork.kinds.contains(kind) {
            log.warning(
                "value.unknown", at: work["kind"]!.location, "'\(kind)' is not a known kind (\(PlannedWork.kinds.joined(separator: ", ")))",
                suggestion: Suggestion.closest(to: kind, in: PlannedWork.kinds))
        }
        let done = work.day("done", log: log)
        let status = work.string("status", log: log) ?? (done == nil ? "planned" : "done")
        if !PlannedWork.statuses.contains(status) {
            log.error("planned.status", at: work["status"]!.location, "status must be \(PlannedWork.statuses.joined(separator: ", "))",
                      suggestion: Suggestion.closest(to: status, in: PlannedWork.statuses))
        }
        content.plannedWork.append(PlannedWork(
            id: id, location: work["id"]?.location ?? work.location, title: work.string("title", log: log) ?? page?.title ?? id, kind: kind,
            targets: references(work, "targets", log: log), due: due, done: done, status: status,
            plan: work.string("plan", log: log).map { Reference(target: $0, location: work["plan"]!.location, field: "plan") },
            window: work.string("window", log: log) ?? "", windowStart: work.string("window_start", log: log),
            windowEnd: work.string("window_end", log: log), page: page?.id, audience: AudienceKey.read(work, log: log).0 ?? page?.audience))
    }

    static func spares(text: String, file: String, into content: inout Content, log: DiagnosticLog) {
        guard
            let fields = YAMLValue.parseMapping(
                text, file: file, shapeID: "spares.shape", shape: "spares.yaml is a mapping with 'parts', 'usage' and 'checks'",
                keys: ["parts", "usage", "checks"], what: "spares.yaml", log: log)
        else { return }
        for entry in fields.list("parts", log: log) {
            guard let part = entry.mapping else { log.error("yaml.type", at: entry.location, "each part should be a mapping"); continue }
            part.reportUnknownKeys(
                allowed: ["id", "name", "fits", "location", "stock", "min_stock", "audience"], what: "a spare part", log: log)
            guard let id = part.string("id", log: log) else { log.error("spares.id", at: part.location, "part has no 'id'"); continue }
            let stock = part.int("stock", log: log) ?? 0
            if stock < 0 { log.error("spares.stock", at: part["stock"]!.location, "stock of '\(id)' cannot be negative") }
            content.spares.append(SparePart(id: id, location: part["id"]!.location, name: part.string("name", log: log) ?? id,
                                            fits: references(part, "fits", log: log), place: part.string("location", log: log) ?? "",
                                            stock: stock, minStock: part.int("min_stock", log: log) ?? 0,
                                            audience: AudienceKey.read(part, log: log).0))
        }
        for entry in fields.list("usage", log: log) {
            guard let use = entry.mapping else {
                log.error("yaml.type", at: entry.location, "each usage record should be a mapping"); continue
            }
            use.reportUnknownKeys(allowed: ["date", "part", "qty", "ticket"], what: "a usage record", log: log)
            guard let day = use.day("date", log: log), let part = use.string("part", log: log) else {
                if use["date"] == nil || use["part"] == nil { log.error("spares.usage", at: use.location, "usage needs 'date' and 'part'") }
                continue
            }
            let quantity = use.int("qty", log: log) ?? 1
            if quantity <= 0 { log.error("spares.qty", at: use["qty"]!.location, "qty must be a positive number") }
            content.spareUsage.append(SpareUsage(location: use.location, day: day,
                                                 part: Reference(target: part, location: use["part"]!.location, field: "part"),
                                                 quantity: max(quantity, 0), ticket: use.string("ticket", log: log) ?? ""))
        }
        for entry in fields.list("checks", log: log) {
            guard let check = entry.mapping else { log.error("yaml.type", at: entry.location, "each check should be a mapping"); continue }
            check.reportUnknownKeys(allowed: ["date", "by", "findings"], what: "a spare-parts check", log: log)
            guard let day = check.day("date", log: log) else {
                if check["date"] == nil { log.error("spares.check", at: check.location, "a check needs its 'date'") }
                continue
            }
            content.spareChecks.append(SpareCheck(location: check.location, day: day, by: check.string("by", log: log) ?? "",
                                                  findings: check.string("findings", log: log) ?? ""))
        }
    }

    static let categoryNames: [String: Scorecard.Event.Category] = [
        "professional": .professional, "专业基本行为": .professional, "service": .service, "运维服务实施": .service,
        "bonus": .bonus, "加分": .bonus,
    ]

    static func scorecard(text: String, file: String, quarter: Period, into content: inout Content, log: DiagnosticLog) {
        guard
            let fields = YAMLValue.parseMapping(
                text, file: file, shapeID: "scorecard.shape", shape: "a scorecard is a mapping with 'engineers'",
                keys: ["engineers", "audience"], what: "a scorecard", log: log)
        else { return }
        var engineers: [Scorecard.Engineer] = []
        for entry in fields.list("engineers", log: log) {
            guard let engineer = entry.mapping else {
                log.error("yaml.type", at: entry.location, "each engineer should be a mapping"); continue
            }
            engineer.reportUnknownKeys(allowed: ["name", "role", "events"], what: "an engineer", log: log)
            guard let name = engineer.string("name", log: log) else {
                log.error("scorecard.name", at: engineer.location, "engineer has no 'name'"); continue
            }
            var events: [Scorecard.Event] = []
            for item in engineer.list("events", log: log) {
                guard let event = item.mapping else {
                    log.error("yaml.type", at: item.location, "each event should be a mapping"); continue
                }
                event.reportUnknownKeys(allowed: ["category", "item", "points", "date", "note"], what: "a scorecard event", log: log)
                let categoryText = event.string("category", log: log) ?? ""
                guard let category = categoryNames[categoryText] else {
                    log.error("scorecard.category", at: event["category"]?.location ?? event.location,
                              "category must be professional (专业基本行为), service (运维服务实施) or bonus (加分)",
                              suggestion: Suggestion.closest(to: categoryText, in: ["professional", "service", "bonus"]))
                    continue
                }
                let points = event.int("points", log: log) ?? 0
                if points < 0 {
                    log.error(
                        "scorecard.points", at: event["points"]!.location,
                        "points are written as positive numbers; the category says whether they count for or against")
                }
                let day = event.day("date", log: log)
                if let day, !(day >= quarter.first && day < quarter.end) {
                    log.error("scorecard.date", at: event["date"]!.location, "\(day) is outside \(quarter.id)")
                }
                events.append(.init(category: category, item: event.string("item", log: log) ?? "", points: max(points, 0), day: day,
                                    note: event.string("note", log: log) ?? ""))
            }
            engineers.append(.init(name: name, role: engineer.string("role", log: log) ?? "", events: events, location: engineer.location))
        }
        content.scorecards.append(Scorecard(quarter: quarter, file: file, engineers: engineers,
                                            audience: AudienceKey.read(fields, log: log).0 ?? .internal))
    }
}
