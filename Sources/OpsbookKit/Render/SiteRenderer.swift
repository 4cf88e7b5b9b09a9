import Foundation

/// Stage 4: turns the resolved site into files — one template render per page, in a fixed
/// order, so the same input always gives the same bytes. Pure: no file or clock access.
public struct SiteRenderer: Sendable {
    /// Variable so that a preview can swap in an edited page whose interface is unchanged.
    var graph: SiteGraph
    private(set) var theme: Theme
    let urls: URLs
    let labels: [String: String]
    private(set) var templateLabels: [String: String]
    let generatedAt: String?
    /// "数据截至 …" in every footer: the time the reports and statuses are evaluated at.
    let dataAsOf: String?
    /// Pages of each type in display order (by title, then id), for indexes and prev/next.
    let pagesByType: [PageType: [Int]]
    let tags: [(slug: String, name: String, nodes: [Node])]
    let reportPages: ReportPages?
    let latestMonth: Report?
    let operations: OperationsPages?

    /// Pages render on every core; the output is the same as serial (tested).
    let parallel: Bool

    public init(graph: SiteGraph, theme: Theme, reports: ReportSet? = nil, generatedAt: String? = nil, parallel: Bool = true) {
        self.parallel = parallel
        self.graph = graph
        self.theme = theme
        self.generatedAt = generatedAt
        let site = graph.content.site
        urls = URLs(baseURL: site.baseURL)
        labels = Labels.table(for: site.language)
        templateLabels = Dictionary(uniqueKeysWithValues: labels.map { ($0.key.replacingOccurrences(of: ".", with: "_"), $0.value) })
        let pages = graph.content.pages
        let listed = pages.indices.filter { !graph.sectionIntros.values.contains($0) && !graph.content.isNarrative(pages[$0]) }
        pagesByType = Dictionary(grouping: listed, by: { pages[$0].type }).mapValues {
            $0.sorted { (pages[$0].title, pages[$0].id) < (pages[$1].title, pages[$1].id) }
        }
        var bySlug: [String: (name: String, nodes: [Node])] = [:]
        for index in listed { for tag in pages[index].tags { bySlug[Routes.tagSlug(tag), default: (tag, [])].nodes.append(.page(index)) } }
        for (index, item) in graph.content.items.enumerated() {
            for tag in item.tags { bySlug[Routes.tagSlug(tag), default: (tag, [])].nodes.append(.item(index)) }
        }
        tags = bySlug.keys.sorted().map { slug in (slug, bySlug[slug]!.name, Array(Set(bySlug[slug]!.nodes)).sorted()) }
        let narratives = Dictionary(pages.indices.filter { graph.content.isNarrative(pages[$0]) }
            .map { (String(pages[$0].sourcePath.dropFirst(8).dropLast(3)), $0) }, uniquingKeysWith: { first, _ in first })
        let (labels, urls) = (labels, urls)
        dataAsOf = reports.flatMap { $0.periods.isEmpty ? nil : $0.builder.time.short($0.builder.asOf) }
        operations = reports.map { OperationsPages(status: $0.operations, labels: labels, urls: urls, graph: graph) }
        if let reports, !(reports.periods.isEmpty && narratives.isEmpty) {
            reportPages = ReportPages(reports: reports, labels: labels, urls: urls, graph: graph, narratives: narratives)
            latestMonth = reports.latestMonth.map { reports.report($0) }
        } else {
            reportPages = nil
            latestMonth = nil
        }
    }

    /// Pages whose text belongs in the search index, and the type a search result shows.
    private func searchType(_ template: String, _ view: [String: Any]) -> String? {
        switch template {
        case "item": labels["single.item"]
        case "inventory-class", "inventory": labels["inventory"]
        case "report": labels["reports"]
        case "inspection-day", "inspection-schedule", "inspections": labels["ops.inspections"]
        case "planned": labels["ops.planned"]
        case "spares": labels["ops.spares"]
        case "team": labels["team"]
        case "home", "404", "search", "tags", "tag", "reports", "section", "scorecards", "scorecard": nil
        default: (view["page"] as? [String: Any])?["type_label"] as? String
        }
    }

    private func page(_ folder: String, _ template: String, title: String, section: String?, _ view: [String: Any]) -> String {
        var context = frame(folder: folder, title: title, section: section)
        context.merge(view) { _, new in new }
        if let type = searchType(template, view) {
            context["searchable"] = true
            context["search_type"] = type
            context["search_tags"] = (view["tags"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
        }
        // Mustache cannot ask whether a list is empty; templates wrap lists in has_<key>.
        // (`as? [Any]` would convert every list element by element, on every page.)
        for (key, value) in view where !(value is String) && !(value is [String: Any]) {
            if let list = value as? any Collection { context["has_" + key] = !list.isEmpty }
        }
        return theme.render(template, context)
    }

    /// One report page on its own, as `opsbook report --format html` prints it.
    public func reportPage(_ period: Period) -> String {
        guard let reportPages else { return "" }
        let (view, _) = reportPages.view(period) { index, folder in
            finish(graph.content.pages[index].body, targets: graph.pageLinks[index], from: folder)
        }
        return page(ReportPages.folder(period), "report", title: reportPages.title(period), section: "reports", view)
    }

    /// What rendering Markdown page `index` takes; the view is built only when asked for.
    /// `position`: the page's place in its type's list, when the caller knows it.
    private func pageParts(_ index: Int, position: Int? = nil) -> (folder: String, template: String, title: String, view: @Sendable () -> [String: Any]) {
        let page = graph.content.pages[index]
        let members = pagesByType[page.type] ?? []
        let position = position ?? members.firstIndex(of: index)
        let folder = Routes.pageFolder(page.sourcePath)
        let template = theme.hasTemplate(page.type.rawValue) ? page.type.rawValue : "page"
        return (folder, template, page.title, {
            pageView(index, folder: folder, previous: position.flatMap { $0 > 0 ? members[$0 - 1] : nil },
                     next: position.flatMap { $0 + 1 < members.count ? members[$0 + 1] : nil })
        })
    }

    /// One Markdown page exactly as render() writes it, for a preview re-rendering an edit.
    func renderPage(_ index: Int) -> OutputFile {
        let parts = pageParts(index)
        return OutputFile(path: parts.folder + "index.html",
                          data: Data(page(parts.folder, parts.template, title: parts.title, section: graph.content.pages[index].type.folder,
                                          parts.view()).utf8))
    }

    /// One item page exactly as render() writes it.
    func renderItem(_ index: Int) -> OutputFile {
        let item = graph.content.items[index]
        return OutputFile(path: Routes.item(item) + "index.html",
                          data: Data(page(Routes.item(item), "item", title: item.name, section: "inventory", itemView(index)).utf8))
    }

    /// A renderer for one job at a time, with its own parsed templates and labels (see
    /// Pool): what every page reads is not shared between cores.
    private func unshared() -> SiteRenderer {
        var copy = self
        copy.theme = theme.unshared()
        copy.templateLabels = Dictionary(uniqueKeysWithValues: templateLabels.map {
            (String(decoding: Array($0.key.utf8), as: UTF8.self), String(decoding: Array($0.value.utf8), as: UTF8.self))
        })
        return copy
    }

    public func render() -> [OutputFile] {
        var files: [OutputFile] = []
        // Each page is a job filling its own slot, so the order of files never depends on
        // which core finished first.
        var jobs: [(slot: Int, make: @Sendable (SiteRenderer) -> Data)] = []
        let renderers = Pool { unshared() }
        func emit(_ folder: String, _ template: String, title: String, section: String?,
                  _ view: @autoclosure @escaping @Sendable () -> [String: Any]) {
            files.append(OutputFile(path: folder + "index.html", data: Data()))
            jobs.append((files.count - 1, { renderer in Data(renderer.page(folder, template, title: title, section: section, view()).utf8) }))
        }

        emit("", "home", title: graph.content.site.title, section: "", homeView())
        for type in PageType.allCases {
            let members = pagesByType[type] ?? []
            guard !members.isEmpty || graph.sectionIntros[Routes.typeIndex(type)] != nil else { continue }
            emit(Routes.typeIndex(type), "section", title: Labels.typePlural(type, labels), section: type.folder,
                 sectionView(type, members))
        }
        for type in PageType.allCases {
            for (position, index) in (pagesByType[type] ?? []).enumerated() {
                let page = pageParts(index, position: position)
                emit(page.folder, page.template, title: page.title, section: type.folder, page.view())
            }
        }
        emit(Routes.inventory, "inventory", title: labels["inventory"]!, section: "inventory", inventoryView())
        for itemClass in InventoryClass.all {
            let members = graph.content.items.indices.filter { graph.content.items[$0].itemClass == itemClass }
            guard !members.isEmpty else { continue }
            emit(Routes.inventoryClass(itemClass), "inventory-class", title: className(itemClass), section: "inventory",
                 classView(itemClass, members))
        }
        for index in graph.itemsWithPages.sorted() {
            let item = graph.content.items[index]
            emit(Routes.item(item), "item", title: item.name, section: "inventory", itemView(index))
        }
        if !tags.isEmpty {
            emit(Routes.tags, "tags", title: labels["tags"]!, section: "tags", tagsView())
            for tag in tags {
                emit(Routes.tag(tag.name), "tag", title: tag.name, section: "tags", tagView(tag))
            }
        }
        emit(Routes.team, "team", title: labels["team"]!, section: "team", teamView())
        emit("search/", "search", title: labels["search"]!, section: nil,
             ["pagefind_css": urls.file("pagefind/pagefind-ui.css", from: "search/"), "pagefind_js": urls.file("pagefind/pagefind-ui.js", from: "search/"),
              "search_js": urls.file("assets/search.js", from: "search/"), "search_page": true,
              "breadcrumbs": [["title": labels["home"]!, "href": urls.folder("", from: "search/")]]])
        if let operations {
            let content = graph.content
            if operations.hasInspections {
                emit(OperationsPages.inspections, "inspections", title: labels["ops.inspections"]!, section: "inspections", operations.inspectionsView())
                for index in content.schedules.indices {
                    emit(OperationsPages.schedule(content.schedules[index].id), "inspection-schedule", title: content.schedules[index].title,
                         section: "inspections", operations.scheduleView(index))
                }
                for day in Set(content.records.map(\.day)).sorted() {
                    emit(OperationsPages.day(day), "inspection-day", title: "\(day) \(labels["ops.day_report"]!)", section: "inspections",
                         operations.dayView(day) { findings, index, folder in finish(findings, targets: graph.recordLinks[index] ?? [], from: folder) })
                }
            }
            if !content.plannedWork.isEmpty {
                emit(OperationsPages.planned, "planned", title: labels["ops.planned"]!, section: "planned", operations.plannedView())
            }
            if !content.spares.isEmpty {
                emit(OperationsPages.spares, "spares", title: labels["ops.spares"]!, section: "spares", operations.sparesView())
            }
            if !content.scorecards.isEmpty {
                emit(OperationsPages.scorecards, "scorecards", title: labels["ops.scorecards"]!, section: nil,
                     ["internal": true, "quarters": content.scorecards.map { ["title": $0.quarter.id, "href": urls.folder(OperationsPages.scorecard($0.quarter), from: OperationsPages.scorecards)] },
                      "breadcrumbs": [["title": labels["home"]!, "href": urls.folder("", from: OperationsPages.scorecards)]]])
                for card in content.scorecards {
                    emit(OperationsPages.scorecard(card.quarter), "scorecard", title: "\(card.quarter.id) \(labels["ops.scorecards"]!)", section: nil,
                         operations.scorecardView(card))
                }
            }
        }
        if let reportPages {
            emit(ReportPages.folder, "reports", title: labels["reports"]!, section: "reports", reportPages.indexView())
            // Periods are independent; a year of a large export is most of a build's work.
            let periods = reportPages.periods
            files += parallelMap(periods.count, parallel: parallel) { position -> [OutputFile] in
                let period = periods[position]
                let folder = ReportPages.folder(period)
                let (view, report) = reportPages.view(period) { index, folder in
                    finish(graph.content.pages[index].body, targets: graph.pageLinks[index], from: folder)
                }
                let encoding = ReportEncoding(report: report, builder: reportPages.reports.builder)
                let html = renderers.with { $0.page(folder, "report", title: reportPages.title(period), section: "reports", view) }
                return [OutputFile(path: folder + "index.html", data: Data(html.utf8)),
                        OutputFile(path: folder + "report.json", data: encoding.jsonData),
                        OutputFile(path: folder + "report.csv", data: encoding.csv(labels: labels))]
            }.joined()
            files.append(OutputFile(path: ReportPages.folder + "feed.xml", data: Data(reportPages.feed(siteTitle: graph.content.site.title).utf8)))
        }

        let rendered = parallelMap(jobs.count, parallel: parallel) { index in renderers.with { jobs[index].make($0) } }
        for (job, data) in zip(jobs, rendered) { files[job.slot] = OutputFile(path: files[job.slot].path, data: data) }

        var notFound = frame(folder: "", title: labels["not_found"]!, section: nil)
        notFound["is_404"] = true
        files.append(OutputFile(path: "404.html", data: Data(theme.render("404", notFound).utf8)))
        files.append(OutputFile(path: "sitemap.xml", data: Data(sitemap(files).utf8)))
        for asset in theme.assets { files.append(OutputFile(path: asset.path, data: asset.data)) }
        let root = URL(fileURLWithPath: graph.content.root)
        for path in graph.linkedFiles.sorted() { files.append(OutputFile(path: path, copying: root.appending(path: path))) }
        return files
    }

    // MARK: - Shared parts

    private func frame(folder: String, title: String, section: String?) -> [String: Any] {
        let site = graph.content.site
        var nav: [[String: Any]] = [["title": labels["home"]!, "href": urls.folder("", from: folder), "current": section == ""]]
        for type in PageType.allCases {
            let count = pagesByType[type]?.count ?? 0
            guard count > 0 else { continue }
            nav.append(["title": Labels.typePlural(type, labels), "href": urls.folder(Routes.typeIndex(type), from: folder),
                        "count": count, "current": section == type.folder])
        }
        nav.append(["title": labels["inventory"]!, "href": urls.folder(Routes.inventory, from: folder),
                    "count": graph.content.items.count, "current": section == "inventory"])
        if let operations {
            if operations.hasInspections {
                nav.append(["title": labels["ops.inspections"]!, "href": urls.folder(OperationsPages.inspections, from: folder),
                            "count": graph.content.schedules.count, "current": section == "inspections"])
            }
            if !graph.content.plannedWork.isEmpty {
                nav.append(["title": labels["ops.planned"]!, "href": urls.folder(OperationsPages.planned, from: folder),
                            "count": graph.content.plannedWork.count, "current": section == "planned"])
            }
            if !graph.content.spares.isEmpty {
                nav.append(["title": labels["ops.spares"]!, "href": urls.folder(OperationsPages.spares, from: folder),
                            "count": graph.content.spares.count, "current": section == "spares"])
            }
        }
        if reportPages != nil {
            nav.append(["title": labels["reports"]!, "href": urls.folder(ReportPages.folder, from: folder), "current": section == "reports"])
        }
        nav.append(["title": labels["team"]!, "href": urls.folder(Routes.team, from: folder), "current": section == "team"])
        if !tags.isEmpty {
            nav.append(["title": labels["tags"]!, "href": urls.folder(Routes.tags, from: folder), "count": tags.count,
                        "current": section == "tags"])
        }
        var context: [String: Any] = [
            "site": ["title": site.title, "client": site.client, "language": site.language.rawValue],
            "labels": templateLabels,
            "root": urls.root(from: folder),
            "home_href": urls.folder("", from: folder),
            "search_href": urls.folder("search/", from: folder),
            "title": title,
            "nav": nav,
        ]
        if let generatedAt { context["generated_at"] = generatedAt }
        if let dataAsOf { context["data_as_of"] = dataAsOf }
        return context
    }

    private func link(_ node: Node, from folder: String) -> [String: Any] {
        let route = graph.route(of: node)
        var view: [String: Any] = ["title": graph.title(of: node), "href": urls.folder(route.folder, from: folder, fragment: route.fragment)]
        switch node {
        case let .page(index): view["kind"] = labels["single.\(graph.content.pages[index].type.rawValue)"]
        case let .item(index): view["kind"] = className(graph.content.items[index].itemClass)
        }
        return view
    }

    private func className(_ itemClass: InventoryClass) -> String {
        graph.content.site.language == .en ? itemClass.en : itemClass.zh
    }

    private func display(_ key: String, _ value: String) -> [String: Any] {
        var view: [String: Any] = ["key": key, "label": labels["field.\(key)"] ?? key, "value": labels["value.\(value)"] ?? value]
        if key == "ip", let token = Self.ipSearchToken(value) { view["search_key"] = token }
        return view
    }

    /// Pagefind splits words at dots and underscores; an IPv4 address is also indexed as one
    /// token (10.10.1.11 → ip010010001011), which
    /// the search page's query processing produces from a typed address.
    static func ipSearchToken(_ value: String) -> String? {
        let parts = value.split(separator: ".")
        guard parts.count == 4, parts.allSatisfy({ Int($0).map { (0...255).contains($0) } ?? false }) else { return nil }
        return "ip" + parts.map { String(repeating: "0", count: 3 - $0.count) + $0 }.joined()
    }

    private func tagLinks(_ names: [String], from folder: String) -> [[String: Any]] {
        names.map { ["name": $0, "href": urls.folder(Routes.tag($0), from: folder)] }
    }

    /// Body HTML with its placeholders replaced by hrefs relative to `folder`.
    private func finish(_ body: RenderedMarkdown, targets: [LinkTarget], from folder: String) -> String {
        var texts: [Int: String] = [:]
        let hrefs = targets.enumerated().map { position, target -> String? in
            switch target {
            case let .node(node, fragment):
                if case .wiki(hasLabel: false) = body.links[position].kind { texts[position] = HTML.escape(graph.title(of: node)) }
                let route = graph.route(of: node)
                return HTML.escape(urls.folder(route.folder, from: folder, fragment: fragment ?? route.fragment))
            case let .file(path, fragment): return HTML.escape(urls.file(path, from: folder, fragment: fragment))
            case let .anchor(anchor): return HTML.escape("#" + URLs.encode(anchor))
            case let .external(url): return HTML.escape(url)
            case .unresolved:
                // Reached only under `broken_links: warn` (or in a preview with errors): the
                // text stays, the dead link goes.
                texts[position] = HTML.escape(body.links[position].destination)
                return nil
            case .hidden:
                if case .wiki(hasLabel: false) = body.links[position].kind { texts[position] = HTML.escape(labels["hidden_link"]!) }
                return nil
            }
        }
        return body.finished(hrefs: hrefs, texts: texts)
    }

    /// Outgoing references grouped by field, then incoming ones grouped by the kind of source.
    private func relations(of node: Node, from folder: String) -> (outgoing: [[String: Any]], incoming: [[String: Any]]) {
        let references = graph.references[node] ?? []
        var outgoing: [[String: Any]] = []
        for field in ["runs_on", "systems", "depends_on", "applies_to", "related"] {
            var seen = Set<Node>()
            let targets = references.filter { $0.field == field && seen.insert($0.node).inserted }.map(\.node)
            guard !targets.isEmpty else { continue }
            outgoing.append(["label": labels["rel.\(field)"] ?? field, "links": targets.map { link($0, from: folder) }])
        }
        let sources = graph.backlinks[node] ?? []
        var incoming: [[String: Any]] = []
        for type in PageType.allCases {
            let group = sources.filter { if case let .page(i) = $0 { graph.content.pages[i].type == type } else { false } }
            guard !group.isEmpty else { continue }
            incoming.append(["label": Labels.typePlural(type, labels), "links": group.map { link($0, from: folder) }])
        }
        let items = sources.filter { if case .item = $0 { true } else { false } }
        if !items.isEmpty { incoming.append(["label": labels["referenced_by.item"]!, "links": items.map { link($0, from: folder) }]) }
        return (outgoing, incoming)
    }

    private func intro(_ folder: String) -> String? {
        guard let index = graph.sectionIntros[folder] else { return nil }
        // The generated page has its own heading; a leading `# Title` would repeat it.
        return Self.droppingLeadingH1(finish(graph.content.pages[index].body, targets: graph.pageLinks[index], from: folder))
    }

    static func droppingLeadingH1(_ html: String) -> String {
        guard html.hasPrefix("<h1"), let end = html.range(of: "</h1>\n") else { return html }
        return String(html[end.upperBound...])
    }

    private func quantity(_ indices: [Int]) -> Int { indices.reduce(0) { $0 + graph.content.items[$1].quantity } }

    private func scopes(from folder: String) -> [[String: Any]] {
        Scope.allCases.compactMap { scope in
            let classes = InventoryClass.all.filter { $0.scope == scope }.compactMap { itemClass -> [String: Any]? in
                let members = graph.content.items.indices.filter { graph.content.items[$0].itemClass == itemClass }
                guard !members.isEmpty else { return nil }
                return ["label": className(itemClass), "id": itemClass.id, "count": quantity(members), "entries": members.count,
                        "href": urls.folder(Routes.inventoryClass(itemClass), from: folder)]
            }
            guard !classes.isEmpty else { return nil }
            let total = classes.reduce(0) { $0 + ($1["count"] as! Int) }
            return ["label": labels["scope.\(scope.rawValue)"]!, "classes": classes, "total": total]
        }
    }

    // MARK: - Views

    private func homeView() -> [String: Any] {
        let sections = PageType.allCases.compactMap { type -> [String: Any]? in
            guard let count = pagesByType[type]?.count, count > 0 else { return nil }
            return ["label": Labels.typePlural(type, labels), "count": count, "href": urls.folder(Routes.typeIndex(type), from: "")]
        }
        let drills = graph.content.pages.indices.flatMap { index in graph.content.pages[index].drills.map { (index, $0) } }
            .sorted { ($0.1.date, graph.content.pages[$0.0].title) > ($1.1.date, graph.content.pages[$1.0].title) }
            .prefix(5).map { index, drill -> [String: Any] in
                ["plan": link(.page(index), from: ""), "date": drill.date.description,
                 "result": labels["value.\(drill.result)"] ?? drill.result, "result_class": drill.result]
            }
        var view: [String: Any] = ["is_home": true, "scopes": scopes(from: ""), "sections": sections,
                                   "latest_drills": Array(drills), "has_drills": !drills.isEmpty,
                                   "team_total": graph.content.team.roles.reduce(0) { $0 + $1.headcount },
                                   "team_href": urls.folder(Routes.team, from: "")]
        if let intro = intro("") { view["intro"] = intro }
        if let operations {
            view["attention"] = operations.attention(from: "")
            view["show_attention"] = true
        }
        return view
    }

    private func sectionView(_ type: PageType, _ members: [Int]) -> [String: Any] {
        let folder = Routes.typeIndex(type)
        let entries = members.map { index -> [String: Any] in
            let page = graph.content.pages[index]
            var entry = link(.page(index), from: folder)
            entry["properties"] = page.properties.filter { $0.key != "description" && $0.key != "trigger" }.map { display($0.key, $0.value) }
            entry["description"] = page.property("description") ?? page.property("trigger") ?? ""
            entry["tags"] = tagLinks(page.tags, from: folder)
            return entry
        }
        var view: [String: Any] = ["pages": entries, "count": entries.count, "type": type.rawValue,
                                   "breadcrumbs": [["title": labels["home"]!, "href": urls.folder("", from: folder)]]]
        if let intro = intro(folder) { view["intro"] = intro }
        return view
    }

    private func pageView(_ index: Int, folder: String, previous: Int?, next: Int?) -> [String: Any] {
        let page = graph.content.pages[index]
        let (outgoing, incoming) = relations(of: .page(index), from: folder)
        let toc = page.body.headings.filter { $0.level == 2 || $0.level == 3 }
        let body = finish(page.body, targets: graph.pageLinks[index], from: folder)
        // A body that opens with `# Title` has it moved into the page header (anchor kept).
        let titleHeading = page.body.headings.first.flatMap { first in
            first.level == 1 && first.text == page.title && body.hasPrefix("<h1") ? first : nil
        }
        var properties = page.properties.map { display($0.key, $0.value) }
        if !page.roles.isEmpty { properties.append(["key": "roles", "label": labels["field.roles"]!, "value": page.roles.joined(separator: "、")]) }
        var view: [String: Any] = [
            "page": [
                "id": page.id, "type": page.type.rawValue, "type_label": labels["single.\(page.type.rawValue)"]!,
                "source": page.sourcePath,
            ].merging(titleHeading.map { ["title_anchor": $0.anchor] } ?? [:]) { _, new in new } as [String: Any],
            "content": titleHeading == nil ? body : Self.droppingLeadingH1(body),
            "properties": properties,
            "tags": tagLinks(page.tags, from: folder),
            "relations": outgoing, "backlinks": incoming,
            // A table of contents only pays off on long pages.
            "toc": toc.count < 3 ? [] : toc.map { ["level": $0.level, "text": $0.text, "anchor": $0.anchor, "sub": $0.level == 3] },
            "is_plan": page.type == .emergencyPlan,
            "drills": page.drills.map { ["date": $0.date.description, "result": labels["value.\($0.result)"] ?? $0.result,
                                         "result_class": $0.result, "notes": $0.notes] },
            "breadcrumbs": [["title": labels["home"]!, "href": urls.folder("", from: folder)],
                            ["title": Labels.typePlural(page.type, labels), "href": urls.folder(Routes.typeIndex(page.type), from: folder)]],
        ]
        if let operations {
            view["schedules"] = operations.schedules(for: page.id, from: folder)
            if page.type == .emergencyPlan, let drill = operations.drillStatus(page) { view["drill"] = drill }
        }
        if page.type == .system, let summary = reportPages?.summary(for: page.id, dimension: "system", from: folder, latest: latestMonth) {
            view["tickets"] = summary
        }
        if let previous { view["previous"] = link(.page(previous), from: folder) }
        if let next { view["next"] = link(.page(next), from: folder) }
        return view
    }

    private func inventoryView() -> [String: Any] {
        let folder = Routes.inventory
        return ["scopes": scopes(from: folder),
                "breadcrumbs": [["title": labels["home"]!, "href": urls.folder("", from: folder)]]]
    }

    private func itemRow(_ index: Int, from folder: String) -> [String: Any] {
        let item = graph.content.items[index]
        var row: [String: Any] = ["id": item.id, "name": item.name, "quantity": item.quantity]
        for key in InventoryLoader.displayedKeys { row[key] = item.property(key) ?? "" }
        if let token = item.property("ip").flatMap(Self.ipSearchToken) { row["search_key"] = token }
        if graph.itemsWithPages.contains(index) { row["href"] = urls.folder(Routes.item(item), from: folder) }
        let systems = (graph.references[.item(index)] ?? []).map(\.node)
            + (graph.backlinks[.item(index)] ?? []).filter { if case let .page(i) = $0 { graph.content.pages[i].type == .system } else { false } }
        var seen = Set<Node>()
        row["systems"] = systems.filter { seen.insert($0).inserted }.map { link($0, from: folder) }
        return row
    }

    private func classView(_ itemClass: InventoryClass, _ members: [Int]) -> [String: Any] {
        let folder = Routes.inventoryClass(itemClass)
        let sorted = members.sorted { graph.content.items[$0].id < graph.content.items[$1].id }
        return ["items": sorted.map { itemRow($0, from: folder) }, "count": quantity(members), "entries": members.count,
                "scope": labels["scope.\(itemClass.scope.rawValue)"]!,
                "breadcrumbs": [["title": labels["home"]!, "href": urls.folder("", from: folder)],
                                ["title": labels["inventory"]!, "href": urls.folder(Routes.inventory, from: folder)]]]
    }

    private func itemView(_ index: Int) -> [String: Any] {
        let item = graph.content.items[index]
        let folder = Routes.item(item)
        let (outgoing, incoming) = relations(of: .item(index), from: folder)
        var properties: [[String: Any]] = [["key": "id", "label": labels["id"]!, "value": item.id],
                                           ["key": "class", "label": labels["class"]!, "value": className(item.itemClass)]]
        properties += item.properties.map { display($0.key, $0.value) }
        if item.quantity != 1 { properties.append(["key": "quantity", "label": labels["quantity"]!, "value": String(item.quantity)]) }
        var view: [String: Any] = [
            "item": ["id": item.id, "name": item.name] as [String: Any],
            "properties": properties, "tags": tagLinks(item.tags, from: folder),
            "relations": outgoing, "backlinks": incoming,
            "breadcrumbs": [["title": labels["home"]!, "href": urls.folder("", from: folder)],
                            ["title": labels["inventory"]!, "href": urls.folder(Routes.inventory, from: folder)],
                            ["title": className(item.itemClass), "href": urls.folder(Routes.inventoryClass(item.itemClass), from: folder)]],
        ]
        if let summary = reportPages?.summary(for: item.id, dimension: "asset", from: folder, latest: latestMonth) { view["tickets"] = summary }
        if let operations {
            view["schedules"] = operations.schedules(for: item.id, from: folder)
            view["parts"] = operations.parts(for: item, from: folder)
        }
        if let notes = item.notes { view["content"] = finish(notes, targets: graph.itemLinks[index] ?? [], from: folder) }
        return view
    }

    private func tagsView() -> [String: Any] {
        ["tags": tags.map { ["name": $0.name, "count": $0.nodes.count, "href": urls.folder(Routes.tag($0.name), from: Routes.tags)] },
         "breadcrumbs": [["title": labels["home"]!, "href": urls.folder("", from: Routes.tags)]]]
    }

    private func tagView(_ tag: (slug: String, name: String, nodes: [Node])) -> [String: Any] {
        let folder = Routes.tag(tag.name)
        let entries = tag.nodes.map { link($0, from: folder) }.sorted { ($0["title"] as! String) < ($1["title"] as! String) }
        return ["entries": entries, "count": entries.count,
                "breadcrumbs": [["title": labels["home"]!, "href": urls.folder("", from: folder)],
                                ["title": labels["tags"]!, "href": urls.folder(Routes.tags, from: folder)]]]
    }

    private func teamView() -> [String: Any] {
        let team = graph.content.team
        let tierNames = Dictionary(team.tiers.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let roleNames = Dictionary(team.roles.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return [
            "tiers": team.tiers.map { tier -> [String: Any] in
                ["id": tier.id, "name": tier.name, "description": tier.description,
                 "roles": team.roles.filter { $0.tier == tier.id }.map(\.name).joined(separator: "、")]
            },
            "roles": team.roles.map { role -> [String: Any] in
                ["name": role.name, "group": role.group, "tier": role.tier.flatMap { tierNames[$0] } ?? "",
                 "headcount": role.headcount, "duties": role.duties]
            },
            "people": team.people.map { ["name": $0.name, "role": roleNames[$0.role] ?? $0.role, "phone": $0.phone, "email": $0.email] },
            "has_people": !team.people.isEmpty,
            // Contact details are internal by default: without them, no empty columns.
            "has_contacts": team.people.contains { !$0.phone.isEmpty || !$0.email.isEmpty },
            "total": team.roles.reduce(0) { $0 + $1.headcount },
            "breadcrumbs": [["title": labels["home"]!, "href": urls.folder("", from: Routes.team)]],
        ]
    }

    private func sitemap(_ files: [OutputFile]) -> String {
        let base = graph.content.site.baseURL ?? ""
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for file in files where file.path.hasSuffix("index.html") {
            let folder = String(file.path.dropLast("index.html".count))
            xml += "  <url><loc>\(HTML.escape(base + URLs.encode(folder)))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }
}
