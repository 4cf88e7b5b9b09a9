/// Resolves every name and role the people records use, like links: against team.yaml's
/// people and roles and staffing.yaml's former engineers, with the closest name as a fix.
/// Runs once everything is read, before the audience filter (so a person hidden from the
/// client build is still known).
enum PeopleChecks {
    static func check(_ content: Content, log: DiagnosticLog) {
        let staffing = content.staffing
        let roles = content.team.roles.map(\.id)
        let current = content.team.people.map(\.name)
        let known = Set(current + staffing.former.map(\.name))
        func person(_ name: String, at location: SourceLocation, what: String) {
            guard !known.contains(name) else { return }
            log.error("people.unknown", at: location, "\(what) '\(name)' is neither in team.yaml's people nor in staffing.yaml's former",
                      suggestion: Suggestion.closest(to: name, in: known.sorted()))
        }
        func role(_ id: String, at location: SourceLocation) {
            guard !roles.contains(id) else { return }
            log.error(
                "people.role", at: location, id.isEmpty ? "no 'role'" : "unknown role '\(id)'",
                suggestion: Suggestion.closest(to: id, in: roles))
        }
        for entry in staffing.contracted { role(entry.role, at: entry.location) }
        for former in staffing.former {
            role(former.role, at: former.location)
            if current.contains(former.name) {
                log.error("staffing.former", at: former.location, "'\(former.name)' is listed as former and is still in team.yaml's people")
            }
        }
        if let backup = staffing.backup, let location = staffing.backupLocation { person(backup, at: location, what: "backup engineer") }
        for change in staffing.changes {
            person(change.person, at: change.location, what: "person")
            if let replaces = change.replaces {
                person(replaces, at: change.location, what: "replaced engineer")
                if replaces == change.person {
                    log.error("staffing.replace", at: change.location, "'\(replaces)' cannot replace themselves")
                }
            }
            role(change.role, at: change.location)
        }
        checkTimeline(staffing, log: log)
        let roster = Roster(content)
        for session in content.training {
            for attendee in session.attendees {
                person(attendee.name, at: attendee.location, what: "attendee")
                if known.contains(attendee.name), !roster.isOnSite(attendee.name, on: session.date) {
                    log.warning("training.attendee", at: attendee.location, "'\(attendee.name)' was not on site on \(session.date)")
                }
            }
        }
        for person in content.team.people {
            for certification in person.certifications where certification.expires == nil {
                log.warning("team.certification", at: certification.location, "certification '\(certification.name)' has no 'expires' date")
            }
        }
    }

    /// One person arrives at most once and leaves at most once, and not before arriving.
    private static func checkTimeline(_ staffing: Staffing, log: DiagnosticLog) {
        var arrivals: [String: Day] = [:], departures: [String: Day] = [:]
        for change in staffing.changes {
            if let newcomer = change.newcomer {
                if arrivals[newcomer.name] != nil {
                    log.error("staffing.twice", at: change.location, "'\(newcomer.name)' already joined earlier")
                }
                arrivals[newcomer.name] = newcomer.day
            }
            if let leaver = change.leaver {
                if departures[leaver.name] != nil {
                    log.error("staffing.twice", at: change.location, "'\(leaver.name)' already left earlier")
                }
                departures[leaver.name] = leaver.day
            }
        }
        for change in staffing.changes {
            guard let leaver = change.leaver, let arrived = arrivals[leaver.name], leaver.day < arrived else { continue }
            log.error("staffing.order", at: change.location, "'\(leaver.name)' leaves on \(leaver.day), before joining on \(arrived)")
        }
    }
}
