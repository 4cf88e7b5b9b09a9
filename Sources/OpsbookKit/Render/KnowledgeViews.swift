/// The knowledge base: the home page, one index per page type, and the Markdown pages.
extension SiteRenderer {
    func emitKnowledgePages(_ jobs: inout Jobs) {
        jobs.emit(.home, "", title: graph.content.site.title, section: "") { $0.homeView() }
        for type in PageType.allCases {
            let members = pagesByType[type] ?? []
            guard !members.isEmpty || graph.sectionIntros[Routes.typeIndex(type)] != nil else { continue }
            jobs.emit(.section, Routes.typeIndex(type), title: labels.typePlural(type), section: type.folder) {
                $0.sectionView(type, members)
            }
        }
        for type in PageType.allCases {
            for (position, index) in (pagesByType[type] ?? []).enumerated() {
                let page = pageParts(index, position: position)
                jobs.emit(.page, page.folder, template: page.template, title: page.title, section: type.folder, page.view)
            }
        }
    }

    typealias PageParts = (folder: String, template: String, title: String, view: @Sendable (SiteRenderer) -> View)

    /// What rendering Markdown page `index` takes; the view is built only when asked for, by
    /// the renderer that renders it. `position`: the page's place in its type's list, when the caller knows it.
    func pageParts(_ index: Int, position: Int? = nil) -> PageParts {
        let page = graph.content.pages[index]
        let members = pagesByType[page.type] ?? []
        let position = position ?? members.firstIndex(of: index)
        let folder = graph.route(of: .page(index)).folder
        let template = theme.hasTemplate(page.type.rawValue) ? page.type.rawValue : PageKind.page.template
        return (folder, template, page.title, { renderer in
            renderer.pageView(index, folder: folder, previous: position.flatMap { $0 > 0 ? members[$0 - 1] : nil },
                              next: position.flatMap { $0 + 1 < members.count ? members[$0 + 1] : nil })
        })
    }

    private func homeView() -> View {
        let sections = PageType.allCases.compactMap { type -> TemplateValue? in
            guard let count = pagesByType[type]?.count, count > 0 else { return nil }
            return [
                "label": .text(labels.typePlural(type)), "count": .int(count), "href": .text(urls.folder(Routes.typeIndex(type), from: ""))
            ]
        }
        let drills = graph.content.pages.indices.flatMap { index in graph.content.pages[index].drills.map { (index, $0) } }
            .sorted { ($0.1.date, graph.content.pages[$0.0].title) > ($1.1.date, graph.content.pages[$1.0].title) }
            .prefix(5).map { index, drill -> TemplateValue in
                ["plan": .object(link(.page(index), from: "")), "date": .text(drill.date.description),
                 "result": .text(labels.optional("value.\(drill.result)") ?? drill.result), "result_class": .text(drill.result)]
            }
        var view: View = ["is_home": true, "scopes": scopes(from: ""), "sections": .list(sections),
                          "latest_drills": .list(Array(drills)), "has_drills": .bool(!drills.isEmpty),
                          "team_total": .int(graph.content.team.roles.reduce(0) { $0 + $1.headcount }),
                          "team_href": .text(urls.folder(Routes.team, from: ""))]
        if let intro = intro("") { view["intro"] = .text(intro) }
        if let reportPages, let month = latestMonth?.period { view["latest_report"] = reportPages.indexEntry(month, from: "") }
        if let operations {
            view["attention"] = operations.attention(from: "")
            view["show_attention"] = true
        }
        return view
    }

    private func sectionView(_ type: PageType, _ members: [Int]) -> View {
        let folder = Routes.typeIndex(type)
        let entries = members.map { index -> TemplateValue in
            let page = graph.content.pages[index]
            var entry = link(.page(index), from: folder)
            entry["properties"] = .list(
                page.properties.filter { $0.key != "description" && $0.key != "trigger" }.map { display($0.key, $0.value) })
            entry["description"] = .text(page.property("description") ?? page.property("trigger") ?? "")
            entry["tags"] = tagLinks(page.tags, from: folder)
            return .object(entry)
        }
        var view: View = [
            "pages": .list(entries), "count": .int(entries.count), "type": .text(type.rawValue), "breadcrumbs": breadcrumbs(folder)
        ]
        if let intro = intro(folder) { view["intro"] = .text(intro) }
        return view
    }

    private func pageView(_ index: Int, folder: String, previous: Int?, next: Int?) -> View {
        let page = graph.content.pages[index]
        let (outgoing, incoming) = relations(of: .page(index), from: folder)
        let toc = page.body.headings.filter { $0.level == 2 || $0.level == 3 }
        let body = finishedHTML(page.body, targets: graph.pageLinks[index], from: folder)
        // A body that opens with `# Title` has it moved into the page header (anchor kept).
        let titleHeading = page.body.headings.first.flatMap { first in
            first.level == 1 && first.text == page.title && body.starts(with: "<h1".utf8) ? first : nil
        }
        var properties = page.properties.map { display($0.key, $0.value) }
        if !page.roles.isEmpty {
            properties.append(["key": "roles", "label": .text(labels["field.roles"]), "value": .text(page.roles.joined(separator: "、"))])
        }
        var header: View = [
            "id": .text(page.id), "type": .text(page.type.rawValue), "type_label": .text(labels["single.\(page.type.rawValue)"]),
            "source": .text(page.sourcePath)
        ]
        if let titleHeading { header["title_anchor"] = .text(titleHeading.anchor) }
        if let updated = page.lastUpdated { header["updated"] = .text(updated.description) }
        if let edit = graph.content.site.editURL { header["edit_href"] = .text(URLs.editLink(edit, sourcePath: page.sourcePath)) }
        var view: View = [
            "page": .object(header),
            "content": .html(titleHeading == nil ? body : Self.droppingLeadingH1(body)),
            "properties": .list(properties),
            "tags": tagLinks(page.tags, from: folder),
            "relations": outgoing, "backlinks": incoming,
            // A table of contents only pays off on long pages.
            "toc": .list(toc.count < 3 ? [] : toc.map {
                ["level": .int($0.level), "text": .text($0.text), "anchor": .text($0.anchor), "sub": .bool($0.level == 3)]
            }),
            "is_plan": .bool(page.type == .emergencyPlan),
            "drills": .list(page.drills.map {
                ["date": .text($0.date.description), "result": .text(labels.optional("value.\($0.result)") ?? $0.result),
                 "result_class": .text($0.result), "notes": .text($0.notes)]
            }),
            "breadcrumbs": breadcrumbs(folder, [(labels.typePlural(page.type), Routes.typeIndex(page.type))]),
        ]
        if let operations {
            view["schedules"] = operations.schedules(for: page.id, from: folder)
            if page.type == .emergencyPlan, let drill = operations.drillStatus(page) { view["drill"] = drill }
            if let review = operations.reviewStatus(page) { view["review"] = review }
        }
        if page.type == .system, let summary = reportPages?.summary(for: page.id, dimension: "system", from: folder, latest: latestMonth) {
            view["tickets"] = summary
        }
        if let previous { view["previous"] = .object(link(.page(previous), from: folder)) }
        if let next { view["next"] = .object(link(.page(next), from: folder)) }
        return view
    }
}
