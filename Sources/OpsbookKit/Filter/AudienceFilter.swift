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
        var pass = Pass(input: input, content: input, audience: audience, log: log, explain: explain)
        // Where engineers edit the pages: an internal address, and client staff only read.
        if audience < .internal { pass.content.site.editURL = nil }
        pass.filterPagesAndFiles()
        pass.filterItems()
        pass.filterReferences()
        let hiddenPeople = pass.filterPeople()
        pass.filterTicketSources()
        pass.filterOperations()
        pass.filterSpares()
        pass.filterScorecards()
        if !hiddenPeople.isEmpty { keepUnnamed(hiddenPeople, in: &pass.content) }
        if audience < .internal { dropPersonalRecords(&pass.content, drop: pass.drop) }
        return (pass.content, pass.hidden)
    }

    /// One filtering run: what is left so far, and what has been hidden. Later steps read what
    /// earlier ones hid (references to hidden pages are dropped, so pages and items go first).
    private struct Pass {
        let input: Content
        var content: Content
        let audience: Audience
        let log: DiagnosticLog
        let explain: Bool
        var hidden = HiddenContent()
        var visibleNames: Set<String> = []

        func visible(_ explicit: Audience?, path: String) -> Bool { (explicit ?? content.defaultAudience(of: path)) <= audience }

        func why(_ explicit: Audience?, path: String) -> String {
            if let explicit { return "its audience is \(explicit.rawValue)" }
            if let folder = content.audienceFolder(of: path) {
                return "\(folder)_folder.yaml sets audience \(content.defaultAudience(of: path).rawValue)"
            }
            return path.hasPrefix("internal/")
                ? "everything under content/internal/ is internal" : "its audience is \(content.defaultAudience(of: path).rawValue)"
        }

        func drop(_ location: SourceLocation, _ what: String, _ reason: String) {
            if explain { log.note("audience.dropped", at: location, "the \(audience.rawValue) build leaves out \(what): \(reason)") }
        }

        /// References to what is gone are dropped quietly: the referring page stays valid.
        func keep(_ reference: Reference) -> Bool {
            visibleNames.contains(reference.target) || visibleNames.contains(reference.target.lowercased())
                || !hidden.contains(reference: reference.target)
        }

        mutating func filterPagesAndFiles() {
            var pages: [Page] = []
            for page in content.pages {
                let explicit = page.audience ?? (page.draft ? .internal : nil)
                if visible(explicit, path: page.sourcePath) { pages.append(page); continue }
                hidden.ids.insert(page.id)
                hidden.paths.insert(page.sourcePath)
                hidden.names.insert(page.sourcePath.linkName)
                drop(page.audienceLocation ?? SourceLocation(file: page.file, line: 1, column: 1), "page '\(page.title)'",
                     page.audience == nil && page.draft ? "it is a draft" : why(explicit, path: page.sourcePath))
            }
            content.pages = pages
            for path in content.files where !visible(nil, path: path) {
                content.files.remove(path)
                hidden.paths.insert(path)
                drop(SourceLocation(file: content.root + "/" + path, line: 1, column: 1), "file '\(path)'", why(nil, path: path))
            }
        }

        /// Inventory items and their internal fields.
        mutating func filterItems() {
            var items: [InventoryItem] = []
            for item in content.items {
                let path = content.relativePath(item.location.file)
                if visible(item.audience, path: path) { items.append(item); continue }
                hidden.ids.insert(item.id)
                drop(item.location, "inventory item '\(item.id)'", why(item.audience, path: path))
            }
            content.items = items
            for index in content.items.indices where !content.items[index].internalProperties.isEmpty {
                if audience >= .internal {
                    content.items[index].properties += content.items[index].internalProperties
                } else {
                    drop(content.items[index].location, "the internal fields of '\(content.items[index].id)'", "they are under 'internal:'")
                }
                content.items[index].internalProperties = []
            }
        }

        mutating func filterReferences() {
            visibleNames = Set(content.pages.map(\.id) + content.items.map(\.id) + content.pages.map(\.sourcePath.linkName))
            for index in content.pages.indices { content.pages[index].references = content.pages[index].references.filter(keep) }
            for index in content.items.indices { content.items[index].systems = content.items[index].systems.filter(keep) }
        }

        /// People: whole entries, and contact details (internal unless marked otherwise). Returns the hidden people.
        mutating func filterPeople() -> [Team.Person] {
            let teamPath = content.relativePath(content.team.file ?? content.root + "/team.yaml")
            var people: [Team.Person] = [], hiddenPeople: [Team.Person] = []
            for var person in content.team.people {
                guard visible(person.audience, path: teamPath) else {
                    hiddenPeople.append(person)
                    drop(person.location, "person '\(person.name)'", why(person.audience, path: teamPath))
                    continue
                }
                if person.contactAudience > audience, !(person.phone.isEmpty && person.email.isEmpty) {
                    person.phone = ""
                    person.email = ""
                    drop(
                        person.location, "the phone and e-mail of '\(person.name)'",
                        "contact details are \(person.contactAudience.rawValue)")
                }
                people.append(person)
            }
            content.team.people = people
            return hiddenPeople
        }

        /// Ticket sources, personal ticket fields, and names of hidden systems and items.
        mutating func filterTicketSources() {
            var sources: [TicketImport] = []
            for var source in content.ticketImports {
                let path = content.relativePath(source.source)
                guard visible(source.audience, path: path) else {
                    drop(
                        SourceLocation(file: source.source, line: 1, column: 1), "ticket source '\(path)'", why(source.audience, path: path)
                    )
                    continue
                }
                let showAssignee = (source.fieldAudience["assignee"] ?? .internal) <= audience
                // Written only where something changes: a million tickets are not copied to
                // blank fields that are already empty.
                for index in source.tickets.indices {
                    if !showAssignee, !source.tickets[index].assignee.isEmpty { source.tickets[index].assignee = "" }
                    if !source.tickets[index].system.isEmpty, hidden.ids.contains(source.tickets[index].system) {
                        source.tickets[index].system = ""
                    }
                    if !source.tickets[index].asset.isEmpty, hidden.ids.contains(source.tickets[index].asset) {
                        source.tickets[index].asset = ""
                    }
                }
                sources.append(source)
            }
            content.ticketImports = sources
        }

        /// Inspection schedules and records, and planned work.
        mutating func filterOperations() {
            let pass = self
            content.schedules = content.schedules.compactMap { schedule in
                let path = pass.content.relativePath(schedule.location.file)
                guard pass.visible(schedule.audience, path: path) else {
                    pass.drop(schedule.location, "inspection schedule '\(schedule.id)'", pass.why(schedule.audience, path: path))
                    return nil
                }
                var schedule = schedule
                if let procedure = schedule.procedure, !pass.keep(procedure) { schedule.procedure = nil }
                schedule.targets = schedule.targets.filter(pass.keep)
                return schedule
            }
            let schedules = Set(content.schedules.map(\.id))
            content.records = content.records.filter { record in
                let path = pass.content.relativePath(record.location.file)
                guard pass.visible(record.audience, path: path) else {
                    pass.drop(record.location, "an inspection record", pass.why(record.audience, path: path))
                    return false
                }
                return schedules.contains(record.schedule.target) || !pass.input.schedules.contains { $0.id == record.schedule.target }
            }
            content.plannedWork = content.plannedWork.compactMap { work in
                let path = pass.content.relativePath(work.location.file)
                guard pass.visible(work.audience, path: path), work.page.map({ !pass.hidden.ids.contains($0) }) ?? true else {
                    pass.drop(work.location, "planned work '\(work.id)'", pass.why(work.audience, path: path))
                    return nil
                }
                var work = work
                work.targets = work.targets.filter(pass.keep)
                if let plan = work.plan, !pass.keep(plan) { work.plan = nil }
                return work
            }
        }

        mutating func filterSpares() {
            let pass = self
            content.spares = content.spares.compactMap { part in
                let path = pass.content.relativePath(part.location.file)
                guard pass.visible(part.audience, path: path) else {
                    pass.drop(part.location, "spare part '\(part.id)'", pass.why(part.audience, path: path))
                    return nil
                }
                var part = part
                part.fits = part.fits.filter { InventoryClass.byID[$0.target] != nil || pass.keep($0) }
                return part
            }
            let parts = Set(content.spares.map(\.id))
            let allParts = Set(input.spares.map(\.id))
            // Usage of a hidden part goes with it; usage of an unknown part stays, for the checker to report.
            content.spareUsage = content.spareUsage.filter { parts.contains($0.part.target) || !allParts.contains($0.part.target) }
        }

        mutating func filterScorecards() {
            let pass = self
            content.scorecards = content.scorecards.filter { card in
                if card.audience <= pass.audience { return true }
                pass.drop(
                    SourceLocation(file: card.file, line: 1, column: 1), "the \(card.quarter.id) scorecards",
                    "scorecards are \(card.audience.rawValue)")
                return false
            }
        }
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
