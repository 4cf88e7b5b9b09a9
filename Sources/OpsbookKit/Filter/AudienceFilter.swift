/// What a build at one audience level leaves out, so links to it can render as plain text
/// instead of failing.
public struct HiddenContent: Sendable {
    public var ids: Set<String> = []
    /// Paths under content/ of hidden pages and files.
    public var paths: Set<String> = []
    /// Lowercased file names (without .md) of hidden pages, for `[[name]]` links.
    public var names: Set<String> = []

    public init() {}

    func contains(reference name: String) -> Bool {
        ids.contains(name) || paths.contains(name) || names.contains((name.hasSuffix(".md") ? String(name.dropLast(3)) : name).lowercased())
    }
}

/// Stage 1b: removes from the loaded content everything not visible at the build's
/// audience. Every later stage — links, indexes, back-links, tags, sitemap, feeds,
/// reports, downloads — sees only what is left, so nothing hidden can reach any output.
/// With `explain`, each removal is reported as a note (`opsbook check --audience client`).
public enum AudienceFilter {
    public static func apply(_ input: Content, audience: Audience, log: DiagnosticLog, explain: Bool = false) -> (Content, HiddenContent) {
        var content = input
        var hidden = HiddenContent()
        func visible(_ explicit: Audience?, path: String) -> Bool { (explicit ?? content.defaultAudience(of: path)) <= audience }
        func why(_ explicit: Audience?, path: String) -> String {
            if let explicit { return "its audience is \(explicit.rawValue)" }
            if let folder = content.audienceFolder(of: path) {
                return "\(folder)_folder.yaml sets audience \(content.defaultAudience(of: path).rawValue)"
            }
            return path.hasPrefix("internal/") ? "everything under content/internal/ is internal" : "its audience is \(content.defaultAudience(of: path).rawValue)"
        }
        func drop(_ location: SourceLocation, _ what: String, _ reason: String) {
            if explain { log.note("audience.dropped", at: location, "the \(audience.rawValue) build leaves out \(what): \(reason)") }
        }

        // Where engineers edit the pages: an internal address, and client staff only read.
        if audience < .internal { content.site.editURL = nil }

        // Pages and files.
        var pages: [Page] = []
        for page in content.pages {
            let explicit = page.audience ?? (page.draft ? .internal : nil)
            if visible(explicit, path: page.sourcePath) { pages.append(page); continue }
            hidden.ids.insert(page.id)
            hidden.paths.insert(page.sourcePath)
            hidden.names.insert(String(page.sourcePath.split(separator: "/").last!.dropLast(3)).lowercased())
            drop(page.audienceLocation ?? SourceLocation(file: page.file, line: 1, column: 1), "page '\(page.title)'",
                 page.audience == nil && page.draft ? "it is a draft" : why(explicit, path: page.sourcePath))
        }
        content.pages = pages
        for path in content.files where !visible(nil, path: path) {
            content.files.remove(path)
            hidden.paths.insert(path)
            drop(SourceLocation(file: content.root + "/" + path, line: 1, column: 1), "file '\(path)'", why(nil, path: path))
        }

        // Inventory items and their internal fields.
        content.items = content.items.filter { item in
            let path = content.relativePath(item.location.file)
            if visible(item.audience, path: path) { return true }
            hidden.ids.insert(item.id)
            drop(item.location, "inventory item '\(item.id)'", why(item.audience, path: path))
            return false
        }
        for index in content.items.indices where !content.items[index].internalProperties.isEmpty {
            if audience >= .internal {
                content.items[index].properties += content.items[index].internalProperties
            } else {
                drop(content.items[index].location, "the internal fields of '\(content.items[index].id)'", "they are under 'internal:'")
            }
            content.items[index].internalProperties = []
        }

        // References to what is gone are dropped quietly: the referring page stays valid.
        let visibleNames = Set(content.pages.map(\.id) + content.items.map(\.id)
            + content.pages.map { String($0.sourcePath.split(separator: "/").last!.dropLast(3)).lowercased() })
        func keep(_ reference: Reference) -> Bool {
            visibleNames.contains(reference.target) || visibleNames.contains(reference.target.lowercased()) || !hidden.contains(reference: reference.target)
        }
        for index in content.pages.indices { content.pages[index].references = content.pages[index].references.filter(keep) }
        for index in content.items.indices { content.items[index].systems = content.items[index].systems.filter(keep) }

        // People: whole entries, and contact details (internal unless marked otherwise).
        let teamFile = content.team.file ?? content.root + "/team.yaml"
        let hiddenPeople = content.team.people.filter { !visible($0.audience, path: content.relativePath(teamFile)) }
        content.team.people = content.team.people.compactMap { person in
            guard visible(person.audience, path: content.relativePath(teamFile)) else {
                drop(person.location, "person '\(person.name)'", why(person.audience, path: content.relativePath(teamFile)))
                return nil
            }
            var person = person
            if person.contactAudience > audience, !(person.phone.isEmpty && person.email.isEmpty) {
                person.phone = ""
                person.email = ""
                drop(person.location, "the phone and e-mail of '\(person.name)'", "contact details are \(person.contactAudience.rawValue)")
            }
            return person
        }

        // Ticket sources, personal ticket fields, and names of hidden systems and items.
        content.ticketImports = content.ticketImports.compactMap { source in
            let path = content.relativePath(source.source)
            guard visible(source.audience, path: path) else {
                drop(SourceLocation(file: source.source, line: 1, column: 1), "ticket source '\(path)'", why(source.audience, path: path))
                return nil
            }
            var source = source
            let showAssignee = (source.fieldAudience["assignee"] ?? .internal) <= audience
            // Written only where something changes: a million tickets are not copied to
            // blank fields that are already empty.
            for index in source.tickets.indices {
                if !showAssignee, !source.tickets[index].assignee.isEmpty { source.tickets[index].assignee = "" }
                if !source.tickets[index].system.isEmpty, hidden.ids.contains(source.tickets[index].system) { source.tickets[index].system = "" }
                if !source.tickets[index].asset.isEmpty, hidden.ids.contains(source.tickets[index].asset) { source.tickets[index].asset = "" }
            }
            return source
        }

        // Operations records.
        content.schedules = content.schedules.compactMap { schedule in
            guard visible(schedule.audience, path: content.relativePath(schedule.location.file)) else {
                drop(schedule.location, "inspection schedule '\(schedule.id)'", why(schedule.audience, path: content.relativePath(schedule.location.file)))
                return nil
            }
            var schedule = schedule
            if let procedure = schedule.procedure, !keep(procedure) { schedule.procedure = nil }
            schedule.targets = schedule.targets.filter(keep)
            return schedule
        }
        let schedules = Set(content.schedules.map(\.id))
        content.records = content.records.filter { record in
            let path = content.relativePath(record.location.file)
            guard visible(record.audience, path: path) else {
                drop(record.location, "an inspection record", why(record.audience, path: path))
                return false
            }
            return schedules.contains(record.schedule.target) || !input.schedules.contains { $0.id == record.schedule.target }
        }
        content.plannedWork = content.plannedWork.compactMap { work in
            let path = content.relativePath(work.location.file)
            guard visible(work.audience, path: path), work.page.map({ !hidden.ids.contains($0) }) ?? true else {
                drop(work.location, "planned work '\(work.id)'", why(work.audience, path: path))
                return nil
            }
            var work = work
            work.targets = work.targets.filter(keep)
            if let plan = work.plan, !keep(plan) { work.plan = nil }
            return work
        }
        content.spares = content.spares.compactMap { part in
            let path = content.relativePath(part.location.file)
            guard visible(part.audience, path: path) else {
                drop(part.location, "spare part '\(part.id)'", why(part.audience, path: path))
                return nil
            }
            var part = part
            part.fits = part.fits.filter { InventoryClass.byID[$0.target] != nil || keep($0) }
            return part
        }
        let parts = Set(content.spares.map(\.id))
        let allParts = Set(input.spares.map(\.id))
        // Usage of a hidden part goes with it; usage of an unknown part stays, for the checker to report.
        content.spareUsage = content.spareUsage.filter { parts.contains($0.part.target) || !allParts.contains($0.part.target) }
        content.scorecards = content.scorecards.filter { card in
            if card.audience <= audience { return true }
            drop(SourceLocation(file: card.file, line: 1, column: 1), "the \(card.quarter.id) scorecards", "scorecards are \(card.audience.rawValue)")
            return false
        }
        if !hiddenPeople.isEmpty { keepUnnamed(hiddenPeople, in: &content) }
        if audience < .internal { dropPersonalRecords(&content, drop: drop) }
        return (content, hidden)
    }

    /// A hidden person still counts in the staffing figures (headcount, rotation), under an
    /// alias: the alias replaces their name wherever the people records use it.
    private static func keepUnnamed(_ hidden: [Team.Person], in content: inout Content) {
        let word = Labels.table(for: content.site.language)["hidden_link"] ?? "(hidden)"
        var aliases: [String: String] = [:]
        for (index, person) in hidden.enumerated() {
            let alias = "\(word) \(index + 1)"
            aliases[person.name] = alias
            content.team.unlisted.append(Team.Person(name: alias, role: person.role, phone: "", email: "", location: person.location))
        }
        func alias(_ name: String) -> String { aliases[name] ?? name }
        for index in content.staffing.changes.indices {
            content.staffing.changes[index].person = alias(content.staffing.changes[index].person)
            content.staffing.changes[index].replaces = content.staffing.changes[index].replaces.map(alias)
        }
        content.staffing.backup = content.staffing.backup.map(alias)
        for index in content.training.indices {
            content.training[index].attendees = content.training[index].attendees.map { (alias($0.name), $0.location) }
        }
        for visit in content.visits.indices {
            for action in content.visits[visit].actions.indices {
                content.visits[visit].actions[action].owner = alias(content.visits[visit].actions[action].owner)
            }
        }
    }

    /// Reasons for leaving, survey respondents and their individual answers, and visit
    /// feedback are internal: the client build keeps names, roles, dates and the figures.
    private static func dropPersonalRecords(_ content: inout Content, drop: (SourceLocation, String, String) -> Void) {
        for index in content.staffing.changes.indices where content.staffing.changes[index].reason != nil {
            content.staffing.changes[index].reason = nil
            drop(content.staffing.changes[index].location, "the reason of a staffing change", "reasons for leaving are internal")
        }
        for index in content.surveys.indices where !content.surveys[index].responses.isEmpty {
            content.surveys[index].responses = []
            drop(content.surveys[index].location, "the individual answers of survey \(content.surveys[index].period)",
                 "respondents and their answers are internal; the figures stay")
        }
        for index in content.visits.indices where content.visits[index].feedback != nil {
            content.visits[index].feedback = nil
            drop(content.visits[index].location, "the feedback of visit \(content.visits[index].id)", "visit feedback is internal")
        }
    }
}
