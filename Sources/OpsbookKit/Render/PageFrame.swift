/// What the layout of every page reads: the site, the interface words, the navigation with
/// the current section marked, and the paths back to the root from the page's folder.
extension SiteRenderer {
    func frame(folder: String, title: String, section: String?) -> View {
        let site = graph.content.site
        var context: View = [
            "site": ["title": .text(site.title), "client": .text(site.client), "language": .text(site.language.rawValue),
                     "contractor": .text(site.contractor), "contract_number": .text(site.contractNumber)],
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

    /// The side menu, in PageKind.menuOrder: each kind with a menu entry that has a page in
    /// this build, and one entry per page type with pages.
    private func navigation(section: String?) -> [NavEntry] {
        var nav: [NavEntry] = []
        for kind in PageKind.menuOrder {
            if kind == .section {
                for type in PageType.allCases {
                    guard let count = pagesByType[type]?.count, count > 0 else { continue }
                    nav.append(NavEntry(title: labels.typePlural(type), folder: Routes.typeIndex(type), section: type.folder, count: count))
                }
            } else if let menu = kind.menu, case let .shown(count) = menuState(kind) {
                nav.append(NavEntry(title: labels[menu.label], folder: kind.folder, section: menu.section, count: count))
            }
        }
        return nav
    }

    private enum MenuState {
        case hidden
        /// With the count shown beside it, if any.
        case shown(Int?)
    }

    private func menuState(_ kind: PageKind) -> MenuState {
        let content = graph.content
        let recorded = { (count: Int) in operations != nil && count > 0 ? MenuState.shown(count) : .hidden }
        switch kind {
        case .home, .team: return .shown(nil)
        case .inventory: return .shown(content.items.count)
        case .inspections: return recorded(content.schedules.count)
        case .planned: return recorded(content.plannedWork.count)
        case .spares: return recorded(content.spares.count)
        case .reports: return reportPages == nil ? .hidden : .shown(nil)
        case .tags: return tags.isEmpty ? .hidden : .shown(tags.count)
        default: return .hidden
        }
    }
}
