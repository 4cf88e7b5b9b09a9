import Foundation

/// Reads the people and client records: `staffing.yaml`, `training.yaml`, `visits/*.yaml`
/// and `surveys/YYYY-Hn.yaml`. Shapes and dates are checked here; names and roles are
/// resolved against team.yaml once everything is read (PeopleChecks).
enum PeopleLoader {
    static func staffing(text: String, file: String, log: DiagnosticLog) -> Staffing {
        var staffing = Staffing(file: file)
        guard
            let fields = YAMLValue.parseMapping(
                text, file: file, shapeID: "staffing.shape",
                shape: "staffing.yaml should be a mapping with contracted, backup, former and changes",
                keys: ["contracted", "backup", "former", "changes"], what: "staffing.yaml", log: log)
        else { return staffing }
        if let contracted = fields["contracted"] {
            if let mapping = contracted.mapping {
                for (key, value) in mapping.pairs {
                    guard let role = key.scalar else { continue }
                    guard let text = value.scalar, let count = Int(text), (0...YAMLMapping.largestCount).contains(count) else {
                        log.error(
                            "staffing.headcount", at: value.location, "the contracted headcount of '\(role)' should be a whole number")
                        continue
                    }
                    staffing.contracted.append((role, count, key.location))
                }
            } else {
                log.error("yaml.type", at: contracted.location, "'contracted' should map each role id to its contracted headcount")
            }
        }
        staffing.backup = fields.string("backup", log: log)
        staffing.backupLocation = fields["backup"]?.location
        for entry in fields.list("former", log: log) {
            guard let person = entry.mapping else {
                log.error("yaml.type", at: entry.location, "each former engineer should be a mapping"); continue
            }
            person.reportUnknownKeys(allowed: ["name", "role"], what: "a former engineer", log: log)
            guard let name = person.string("name", log: log) else {
                log.error("staffing.person", at: person.location, "former engineer has no 'name'"); continue
            }
            staffing.former.append(.init(name: name, role: person.string("role", log: log) ?? "", location: person.location))
        }
        for entry in fields.list("changes", log: log) {
            if let change = change(entry, log: log) { staffing.changes.append(change) }
        }
        return staffing
    }

    private static let changeKeys = ["type", "person", "replaces", "role", "requested_on", "approved_on", "client_notice_on",
                                     "start_on", "end_on", "reason"]

    private static func change(_ entry: YAMLValue, log: DiagnosticLog) -> Staffing.Change? {
        guard let fields = entry.mapping else { log.error("yaml.type", at: entry.location, "each change should be a mapping"); return nil }
        fields.reportUnknownKeys(allowed: changeKeys, what: "a staffing change", log: log)
        let typeText = fields.string("type", log: log) ?? ""
        guard let kind = Staffing.ChangeKind(rawValue: typeText) else {
            log.error(
                "staffing.type", at: fields["type"]?.location ?? fields.location,
                typeText.isEmpty
                    ? "change has no 'type' (join, leave or replace)" : "unknown change type '\(typeText)' (join, leave or replace)",
                suggestion: Suggestion.closest(to: typeText, in: Staffing.ChangeKind.allCases.map(\.rawValue)))
            return nil
        }
        guard let person = fields.string("person", log: log) else {
            log.error("staffing.person", at: fields.location, "change has no 'person'")
            return nil
        }
        let change = Staffing.Change(
            kind: kind, person: person, replaces: fields.string("replaces", log: log), role: fields.string("role", log: log) ?? "",
            requestedOn: fields.day("requested_on", log: log), approvedOn: fields.day("approved_on", log: log),
            clientNoticeOn: fields.day("client_notice_on", log: log), startOn: fields.day("start_on", log: log),
            endOn: fields.day("end_on", log: log), reason: fields.string("reason", log: log), location: fields.location)
        checkDates(change, fields, log: log)
        return change
    }

    /// What each kind needs, and dates in the order they can happen.
    private static func checkDates(_ change: Staffing.Change, _ fields: YAMLMapping, log: DiagnosticLog) {
        let at = fields.location
        if change.kind != .leave, change.startOn == nil {
            log.error("staffing.date", at: at, "a \(change.kind.rawValue) needs 'start_on' (the newcomer's first day)")
        }
        if change.kind != .join, change.endOn == nil {
            log.error("staffing.date", at: at, "a \(change.kind.rawValue) needs 'end_on' (the leaver's last day)")
        }
        if change.kind == .replace, change.replaces == nil {
            log.error("staffing.replace", at: at, "a replace needs 'replaces': the engineer who leaves")
        }
        if change.kind != .replace, let replaces = fields["replaces"] {
            log.error("staffing.replace", at: replaces.location, "only a replace names whom it 'replaces'")
        }
        func order(_ earlier: String, _ later: String) {
            guard let first = fields.day(earlier, log: DiagnosticLog()), let second = fields.day(later, log: DiagnosticLog()),
                second < first
            else { return }
            log.error("staffing.order", at: fields[later]?.location ?? at, "'\(later)' (\(second)) is before '\(earlier)' (\(first))")
        }
        order("requested_on", "approved_on")
        order("client_notice_on", "approved_on")
    }

    static func training(text: String, file: String, log: DiagnosticLog) -> [TrainingSession] {
        guard
            let fields = YAMLValue.parseMapping(
                text, file: file, shapeID: "training.shape", shape: "training.yaml should be a mapping with sessions",
                keys: ["sessions"], what: "training.yaml", log: log)
        else { return [] }
        return fields.list("sessions", log: log).compactMap { entry in
            guard let session = entry.mapping else {
                log.error("yaml.type", at: entry.location, "each session should be a mapping"); return nil
            }
            session.reportUnknownKeys(allowed: ["date", "topic", "hours", "attendees"], what: "a training session", log: log)
            guard let date = session.day("date", log: log) else {
                log.error("training.date", at: session.location, "session has no 'date'"); return nil
            }
            let hoursText = session.string("hours", log: log) ?? ""
            guard let hours = Double(hoursText), hours.isFinite, hours > 0, hours <= 24 * 31 else {
                log.error("training.hours", at: session["hours"]?.location ?? session.location,
                          hoursText.isEmpty ? "session has no 'hours'" : "'hours' should be a number of hours, like 2 or 1.5")
                return nil
            }
            let attendees = session.strings("attendees", log: log).map { (name: $0.text, location: $0.location) }
            if attendees.isEmpty { log.error("training.attendees", at: session.location, "session has no 'attendees'") }
            return TrainingSession(date: date, topic: session.string("topic", log: log) ?? "", hours: hours, attendees: attendees,
                                   location: session.location)
        }
    }

    static func visit(text: String, file: String, id: String, log: DiagnosticLog) -> ClientVisit? {
        guard
            let fields = YAMLValue.parseMapping(
                text, file: file, shapeID: "visit.shape",
                shape: "a visit should be a mapping with date, title, attendees, topics, feedback and actions",
                keys: ["date", "title", "attendees", "topics", "feedback", "actions"], what: "a visit", log: log)
        else { return nil }
        guard let date = fields.day("date", log: log) else {
            log.error("visit.date", at: fields.location, "visit has no 'date'")
            return nil
        }
        let title = fields.string("title", log: log) ?? id
        return ClientVisit(id: id, date: date, title: title, attendees: fields.strings("attendees", log: log).map(\.text),
                           topics: fields.strings("topics", log: log).map(\.text), feedback: fields.string("feedback", log: log),
                           actions: actions(fields, source: "\(date) \(title)", raisedOn: date, log: log), location: fields.location)
    }

    /// A period narrative's `actions:`, agreed for that period (raised on its first day).
    static func narrativeActions(_ page: Page, text: String, period: Period, log: DiagnosticLog) -> [ImprovementAction] {
        let split = FrontMatterSplit(text, file: page.file, log: DiagnosticLog())
        guard let yaml = split.yaml,
            let fields = YAMLValue.parse(yaml, file: page.file, lineOffset: split.yamlLineOffset, log: DiagnosticLog())?.mapping
        else { return [] }
        return actions(fields, source: page.title, raisedOn: period.first, log: log)
    }

    /// `actions:` — the shape visits and report narratives share.
    static func actions(_ fields: YAMLMapping, source: String, raisedOn: Day, log: DiagnosticLog) -> [ImprovementAction] {
        fields.list("actions", log: log).compactMap { entry in
            guard let action = entry.mapping else {
                log.error("yaml.type", at: entry.location, "each action should be a mapping"); return nil
            }
            action.reportUnknownKeys(allowed: ["title", "owner", "due", "status", "closed_on"], what: "an action", log: log)
            guard let title = action.string("title", log: log) else {
                log.error("action.title", at: action.location, "action has no 'title'"); return nil
            }
            let statusText = action.string("status", log: log) ?? "open"
            guard let status = ImprovementAction.Status(rawValue: statusText) else {
                log.error(
                    "action.status", at: action["status"]?.location ?? action.location,
                    "unknown status '\(statusText)' (open, doing or closed)",
                    suggestion: Suggestion.closest(to: statusText, in: ImprovementAction.Status.allCases.map(\.rawValue)))
                return nil
            }
            let due = action.day("due", log: log)
            if let due, due < raisedOn {
                log.error(
                    "action.due", at: action["due"]?.location ?? action.location,
                    "'due' (\(due)) is before the action was raised (\(raisedOn))")
            }
            let closedOn = action.day("closed_on", log: log)
            if closedOn != nil, status != .closed {
                log.error(
                    "action.status", at: action["closed_on"]?.location ?? action.location,
                    "'closed_on' is set but the status is \(status.rawValue)")
            }
            return ImprovementAction(
                title: title, owner: action.string("owner", log: log) ?? "", due: due, status: status, closedOn: closedOn,
                source: source, raisedOn: raisedOn, location: action.location)
        }
    }
}
