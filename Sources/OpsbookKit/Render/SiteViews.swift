/// The site's own pages: tags, the team, search, and the operations records' pages
/// (whose views OperationsPages builds).
extension SiteRenderer {
    func emitSitePages(_ jobs: inout Jobs) {
        if !tags.isEmpty {
            jobs.emit(.tags, Routes.tags, title: labels["tags"], section: "tags") { $0.tagsView() }
            for tag in tags { jobs.emit(.tag, Routes.tag(tag.name), title: tag.name, section: "tags") { $0.tagView(tag) } }
        }
        jobs.emit(.team, Routes.team, title: labels["team"], section: "team") { $0.teamView() }
        jobs.emit(.search, PageKind.search.folder, title: labels["search"], section: nil) { $0.searchView() }
    }

    func emitOperationsPages(_ operations: OperationsPages, _ jobs: inout Jobs) {
        let content = graph.content
        if operations.hasInspections {
            jobs.emit(.inspections, OperationsPages.inspections, title: labels["ops.inspections"], section: "inspections") { _ in
                operations.inspectionsView()
            }
            for index in content.schedules.indices {
                jobs.emit(.inspectionSchedule, OperationsPages.schedule(content.schedules[index].id), title: content.schedules[index].title,
                          section: "inspections") { _ in operations.scheduleView(index) }
            }
            for day in Set(content.records.map(\.day)).sorted() {
                let title = "\(day) \(labels["ops.day_report"])"
                jobs.emit(.inspectionDay, OperationsPages.day(day), title: title, section: "inspections") { renderer in
                    operations.dayView(day) { findings, index, folder in
                        renderer.finish(findings, targets: renderer.graph.recordLinks[index] ?? [], from: folder)
                    }
                }
            }
        }
        if !content.plannedWork.isEmpty {
            jobs.emit(.planned, OperationsPages.planned, title: labels["ops.planned"], section: "planned") { _ in operations.plannedView() }
        }
        if !content.spares.isEmpty {
            jobs.emit(.spares, OperationsPages.spares, title: labels["ops.spares"], section: "spares") { _ in operations.sparesView() }
        }
        if !content.scorecards.isEmpty {
            jobs.emit(.scorecards, OperationsPages.scorecards, title: labels["ops.scorecards"], section: nil) { $0.scorecardsView() }
            for card in content.scorecards {
                jobs.emit(.scorecard, OperationsPages.scorecard(card.quarter), title: "\(card.quarter.id) \(labels["ops.scorecards"])",
                          section: nil) { _ in operations.scorecardView(card) }
            }
        }
    }

    private func tagsView() -> View {
        ["tags": .list(tags.map {
            ["name": .text($0.name), "count": .int($0.nodes.count), "href": .text(urls.folder(Routes.tag($0.name), from: Routes.tags))]
         }),
         "breadcrumbs": breadcrumbs(Routes.tags)]
    }

    private func tagView(_ tag: Tag) -> View {
        let folder = Routes.tag(tag.name)
        let entries = tag.nodes.map { link($0, from: folder) }.sorted { ($0["title"]?.text ?? "") < ($1["title"]?.text ?? "") }
        return ["entries": .list(entries.map(TemplateValue.object)), "count": .int(entries.count),
                "breadcrumbs": breadcrumbs(folder, [(labels["tags"], Routes.tags)])]
    }

    private func teamView() -> View {
        let team = graph.content.team
        let tierNames = Dictionary(team.tiers.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let roleNames = Dictionary(team.roles.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let view: View = [
            "tiers": .list(
                team.tiers.map { tier -> TemplateValue in
                    [
                        "id": .text(tier.id), "name": .text(tier.name), "description": .text(tier.description),
                        "roles": .text(team.roles.filter { $0.tier == tier.id }.map(\.name).joined(separator: "、"))
                    ]
                }),
            "roles": .list(
                team.roles.map { role -> TemplateValue in
                    [
                        "name": .text(role.name), "group": .text(role.group), "tier": .text(role.tier.flatMap { tierNames[$0] } ?? ""),
                        "headcount": .int(role.headcount), "duties": .list(role.duties.map(TemplateValue.text))
                    ]
                }),
            "people": .list(
                team.people.map { person -> TemplateValue in
                    [
                        "name": .text(person.name), "role": .text(roleNames[person.role] ?? person.role), "phone": .text(person.phone),
                        "email": .text(person.email),
                        "certifications": .list(person.certifications.map { certificationView($0, of: person.name) })
                    ]
                }),
            "has_certifications": .bool(team.people.contains { !$0.certifications.isEmpty }),
            "has_people": .bool(!team.people.isEmpty),
            // Contact details are internal by default: without them, no empty columns.
            "has_contacts": .bool(team.people.contains { !$0.phone.isEmpty || !$0.email.isEmpty }),
            "total": .int(team.roles.reduce(0) { $0 + $1.headcount }),
            "breadcrumbs": breadcrumbs(Routes.team),
        ]
        return view.merging(rosterView(roleNames: roleNames)) { first, _ in first }
    }

    /// The roster against the contract, as of the data's time (staffing.yaml).
    private func rosterView(roleNames: [String: String]) -> View {
        guard let people = operations?.people, !graph.content.staffing.contracted.isEmpty else { return [:] }
        var view: View = [
            "roster": .list(
                people.roles.map { entry in
                    [
                        "role": .text(roleNames[entry.role] ?? entry.role), "contracted": .int(entry.contracted),
                        "on_site": .int(entry.onSite),
                        "short": .bool(entry.onSite < entry.contracted)
                    ]
                }),
            "roster_day": .text(people.reference.description), "roster_contracted": .int(people.contracted),
            "roster_on_site": .int(people.onSite)
        ]
        if let backup = people.backup, let available = people.backupAvailable {
            view["backup"] = ["name": .text(backup), "available": .bool(available)]
        }
        return view
    }

    private func certificationView(_ certification: Certification, of person: String) -> TemplateValue {
        let expiring = operations?.people.expiring.first { $0.person == person && $0.certification == certification.name }
        return [
            "name": .text(certification.name), "vendor": .text(certification.vendor),
            "expires": .text(certification.expires?.description ?? ""),
            "expiring": .bool(expiring.map { $0.daysLeft >= 0 } ?? false), "expired": .bool(expiring.map { $0.daysLeft < 0 } ?? false)
        ]
    }

    private func searchView() -> View {
        let folder = PageKind.search.folder
        return ["search_meta": .text(urls.file(folder + "meta.json", from: folder)),
                "search_js": .text(urls.file("assets/search.js", from: folder)), "search_page": true, "breadcrumbs": breadcrumbs(folder)]
    }

    private func scorecardsView() -> View {
        let folder = OperationsPages.scorecards
        return ["internal": true,
                "quarters": .list(graph.content.scorecards.map {
                    ["title": .text($0.quarter.id), "href": .text(urls.folder(OperationsPages.scorecard($0.quarter), from: folder))]
                }),
                "breadcrumbs": breadcrumbs(folder)]
    }
}
