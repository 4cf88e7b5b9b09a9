/// What the layout of every page reads: the site, the interface words, the navigation with
/// the current section marked, and the paths back to the root from the page's folder.
extension SiteRenderer {
    func frame(folder: String, title: String, section: String?) -> View {
        let site = graph.content.site
        var context: View = [
            "site": ["title": .text(site.title), "client": .text(site.client), "language": .text(site.language.rawValue)],
            "labels": templateLabels,
            "root": .text(urls.root(from: folder)),
            "home_href": .text(urls.folder("", from: folder)),
            "search_href": .text(urls.folder(PageKind.search.folder, from: folder)),
            "title": .text(title),
            "nav": .list(navigation(section: section).map { entry in
                var view: View = ["title": .text(entry.title), "href": .text(urls.folder(entry.folder, from: folder)),
                                  "current": .bool(section == entry.section)]
                // Null, not absent: an absent key would be looked up in the page's own view,
                // and a section index's `count` showed beside 首页.
                view["count"] = entry.count.map(TemplateValue.int) ?? .null
                return .object(view)
            }),
        ]
        if let generatedAt { context["generated_at"] = .text(generatedAt) }
        if let dataAsOf { context["data_as_of"] = .text(dataAsOf) }
        return context
    }

    private struct NavEntry {
        var title: String
        var folder: String
        var section: String
        var count: Int?
    }

    /// The side menu: home, each page type that has pages, the inventory, the operations
    /// records there are, reports, the team and the tags.
    private func navigation(section: String?) -> [NavEntry] {
        let content = graph.content
        var nav = [NavEntry(title: labels["home"], folder: PageKind.home.folder, section: "")]
        for type in PageType.allCases {
            guard let count = pagesByType[type]?.count, count > 0 else { continue }
            nav.append(NavEntry(title: labels.typePlural(type), folder: Routes.typeIndex(type), section: type.folder, count: count))
        }
        nav.append(NavEntry(title: labels["inventory"], folder: PageKind.inventory.folder, section: "inventory", count: content.items.count))
        if let operations {
            if operations.hasInspections {
                nav.append(NavEntry(title: labels["ops.inspections"], folder: PageKind.inspections.folder, section: "inspections",
                                    count: content.schedules.count))
            }
            if !content.plannedWork.isEmpty {
                nav.append(NavEntry(title: labels["ops.planned"], folder: PageKind.planned.folder, section: "planned",
                                    count: content.plannedWork.count))
            }
            if !content.spares.isEmpty {
                nav.append(NavEntry(title: labels["ops.spares"], folder: PageKind.spares.folder, section: "spares", count: content.spares.count))
            }
        }
        if reportPages != nil { nav.append(NavEntry(title: labels["reports"], folder: PageKind.reports.folder, section: "reports")) }
        nav.append(NavEntry(title: labels["team"], folder: PageKind.team.folder, section: "team"))
        if !tags.isEmpty { nav.append(NavEntry(title: labels["tags"], folder: PageKind.tags.folder, section: "tags", count: tags.count)) }
        return nav
    }
}
