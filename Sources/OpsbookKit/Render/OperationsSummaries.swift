/// What other pages show of the operations records: the schedules that inspect a system or
/// item, the spare parts that fit an item, a plan's drill status, and the home page's
/// "needs attention" list.
extension OperationsPages {
    /// Schedules that use a procedure, or that inspect an item or system.
    func schedules(for id: String, from folder: String) -> TemplateValue {
        let node = graph.node(named: id)
        return .list(content.schedules.filter { schedule in
            ([schedule.procedure].compactMap { $0 } + schedule.targets).contains { graph.node(named: $0.target) == node }
        }.map { schedule in
            let last = content.records.filter { $0.schedule.target == schedule.id }.map(\.day).max()
            return ["title": .text(schedule.title), "href": .text(urls.folder(Self.schedule(schedule.id), from: folder)),
                    "frequency": .text(frequencyText(schedule.frequency)), "last": .text(last?.description ?? "")]
        })
    }

    func parts(for item: InventoryItem, from folder: String) -> TemplateValue {
        .list(content.spares.filter { $0.fits.contains { $0.target == item.id || $0.target == item.itemClass.id } }.map { part in
            ["title": .text(part.name), "href": .text(urls.folder(Self.spares, from: folder) + "#" + part.id), "stock": .int(part.stock)]
        })
    }

    func drillStatus(_ page: Page) -> TemplateValue? {
        guard let due = status.drillDue(page) else { return nil }
        var view: View = ["overdue": .bool(status.drillOverdue(page))]
        switch due {
        case let .on(day): view["due"] = .text(day.description)
        case .never: view["due"] = .text(labels["ops.never_drilled"])
        }
        return .object(view)
    }

    /// A page's review: when it was last reviewed, when the next is due, and whether it is late.
    func reviewStatus(_ page: Page) -> TemplateValue? {
        guard let due = status.reviewDue(page) else { return page.reviewed.map { ["reviewed": .text($0.description)] } }
        let today = status.time.day(of: status.asOf)
        var view: View = ["overdue": .bool(status.reviewOverdue(page, on: today)), "owner": .text(page.owner ?? "")]
        if let reviewed = page.reviewed { view["reviewed"] = .text(reviewed.description) }
        if case let .on(day) = due { view["due"] = .text(day.description) }
        return .object(view)
    }

    /// What is due or overdue as of the build, for the home page.
    func attention(from folder: String) -> TemplateValue {
        var items: [TemplateValue] = []
        func add(_ title: String, _ href: String, level: String, note: String) {
            items.append(["title": .text(title), "href": .text(href), "level": .text(level), "note": .text(note)])
        }
        let today = status.time.day(of: status.asOf)
        for page in content.pages where page.type == .emergencyPlan && status.drillOverdue(page) {
            var item = link(page.id, from: folder)
            let due = status.drillDue(page).flatMap { if case let .on(day) = $0 { " · \(day)" } else { nil } } ?? ""
            item["note"] = .text(labels["ops.drill_overdue"] + due)
            item["level"] = "bad"
            items.append(.object(item))
        }
        let now = today.adding(days: 1)
        for page in content.pages where status.reviewOverdue(page, on: today) {
            var item = link(page.id, from: folder)
            let due: String = if case let .on(day)? = status.reviewDue(page) { " · \(labels["ops.due"]) \(day)" } else { "" }
            item["note"] = .text(labels["review.overdue"] + due + (page.owner.map { " · \($0)" } ?? ""))
            item["level"] = "warn"
            items.append(.object(item))
        }
        for part in content.spares where status.stock(of: part, at: now) < part.minStock {
            add(part.name, urls.folder(Self.spares, from: folder) + "#" + part.id, level: "bad",
                note: "\(labels["ops.below_min"]) · \(status.stock(of: part, at: now)) / \(part.minStock)")
        }
        for work in content.plannedWork where status.planned(work) == .missed {
            add(work.title, urls.folder(Self.planned, from: folder) + "#" + work.id, level: "bad",
                note: "\(labels["ops.overdue_planned"]) · \(labels["ops.due"]) \(work.due)")
        }
        let nextWeek = today..<today.adding(days: 7)
        for work in content.plannedWork where work.done == nil && work.status != "cancelled" && nextWeek.contains(work.due) {
            add(
                work.title, urls.folder(Self.planned, from: folder) + "#" + work.id, level: "warn",
                note: "\(labels["ops.upcoming"]) · \(work.due)")
        }
        let recentMissed = Dictionary(grouping: status.occurrences.filter { $0.outcome == .missed && $0.due >= today.adding(days: -7) },
                                      by: \.schedule)
        for (index, missed) in recentMissed.sorted(by: { $0.key < $1.key }) {
            let schedule = content.schedules[index]
            let latest = missed.map(\.due).max().map { " · \($0)" } ?? ""
            add(schedule.title, urls.folder(Self.schedule(schedule.id), from: folder), level: "bad",
                note: "\(labels["ops.missed_recent"]) · \(missed.count)\(latest)")
        }
        return .list(items + peopleAttention(from: folder, today: today))
    }

    /// Roles below contract, a missing backup engineer, certifications expired or expiring
    /// within 90 days, and improvement actions past their due date (PeopleFigures at as-of).
    private func peopleAttention(from folder: String, today: Day) -> [TemplateValue] {
        let team = urls.folder(Routes.team, from: folder)
        let roleNames = Dictionary(content.team.roles.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var items: [TemplateValue] = []
        func add(_ title: String, _ href: String, level: String, note: String) {
            items.append(["title": .text(title), "href": .text(href), "level": .text(level), "note": .text(note)])
        }
        for entry in people.roles where entry.onSite < entry.contracted {
            add(
                roleNames[entry.role] ?? entry.role, team, level: "bad",
                note: "\(labels["people.short"]) · \(entry.onSite) / \(entry.contracted)")
        }
        if let backup = people.backup, people.backupAvailable == false {
            add(backup, team, level: "bad", note: "\(labels["people.backup"]) · \(labels["people.missing"])")
        }
        for entry in people.expiring {
            add("\(entry.person) · \(entry.certification)", team, level: entry.daysLeft < 0 ? "bad" : "warn",
                note: "\(labels[entry.daysLeft < 0 ? "people.cert_expired" : "people.cert_expiring"]) · \(entry.expires)")
        }
        let quarter = Period.containing(today)[3]
        for action in people.openActions where action.isOverdue(on: today) {
            add(action.title, urls.folder(ReportPages.folder(quarter), from: folder), level: "bad",
                note: "\(labels["people.action_overdue"]) · \(action.owner) · \(labels["ops.due"]) \(action.due?.description ?? "")")
        }
        return items
    }
}
