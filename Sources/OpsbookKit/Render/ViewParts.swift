import Foundation

/// Pieces several page families' views share: links to nodes, property rows, tag links,
/// relation groups, finished Markdown bodies, breadcrumbs.
extension SiteRenderer {
    func link(_ node: Node, from folder: String) -> View {
        let route = graph.route(of: node)
        var view: View = [
            "title": .text(graph.title(of: node)), "href": .text(urls.folder(route.folder, from: folder, fragment: route.fragment))
        ]
        switch node {
        case let .page(index): view["kind"] = .text(labels["single.\(graph.content.pages[index].type.rawValue)"])
        case let .item(index): view["kind"] = .text(className(graph.content.items[index].itemClass))
        }
        return view
    }

    func className(_ itemClass: InventoryClass) -> String {
        graph.content.site.language == .en ? itemClass.en : itemClass.zh
    }

    func breadcrumbs(_ folder: String, _ trail: [(title: String, folder: String)] = []) -> TemplateValue {
        urls.breadcrumbs(folder, home: labels["home"], trail)
    }

    func display(_ key: String, _ value: String) -> TemplateValue {
        let view: View = ["key": .text(key), "label": .text(labels.optional("field.\(key)") ?? key),
                          "value": .text(labels.optional("value.\(value)") ?? value)]
        return .object(view)
    }

    func tagLinks(_ names: [String], from folder: String) -> TemplateValue {
        .list(names.map { ["name": .text($0), "href": .text(urls.folder(Routes.tag($0), from: folder))] })
    }

    /// Body HTML with its placeholders replaced by hrefs relative to `folder`.
    func finish(_ body: RenderedMarkdown, targets: [LinkTarget], from folder: String) -> String {
        String(decoding: finishedHTML(body, targets: targets, from: folder), as: UTF8.self)
    }

    /// `finish` as the bytes a page's `.html` value holds.
    func finishedHTML(_ body: RenderedMarkdown, targets: [LinkTarget], from folder: String) -> [UInt8] {
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
                if case .wiki(hasLabel: false) = body.links[position].kind { texts[position] = HTML.escape(labels["hidden_link"]) }
                return nil
            }
        }
        return body.finishedBytes(hrefs: hrefs, texts: texts)
    }

    /// Outgoing references grouped by field, then incoming ones grouped by the kind of source.
    func relations(of node: Node, from folder: String) -> (outgoing: TemplateValue, incoming: TemplateValue) {
        let references = graph.references[node] ?? []
        var outgoing: [TemplateValue] = []
        for field in Reference.fields {
            var seen = Set<Node>()
            let targets = references.filter { $0.field == field && seen.insert($0.node).inserted }.map(\.node)
            guard !targets.isEmpty else { continue }
            outgoing.append(["label": .text(labels.optional("rel.\(field)") ?? field),
                             "links": .list(targets.map { .object(link($0, from: folder)) })])
        }
        let sources = graph.backlinks[node] ?? []
        var incoming: [TemplateValue] = []
        for type in PageType.allCases {
            let group = sources.filter { if case let .page(i) = $0 { graph.content.pages[i].type == type } else { false } }
            guard !group.isEmpty else { continue }
            incoming.append(["label": .text(labels.typePlural(type)), "links": .list(group.map { .object(link($0, from: folder)) })])
        }
        let items = sources.filter { if case .item = $0 { true } else { false } }
        if !items.isEmpty {
            incoming.append(["label": .text(labels["referenced_by.item"]), "links": .list(items.map { .object(link($0, from: folder)) })])
        }
        return (.list(outgoing), .list(incoming))
    }

    func intro(_ folder: String) -> String? {
        guard let index = graph.sectionIntros[folder] else { return nil }
        // The generated page has its own heading; a leading `# Title` would repeat it.
        let html = finishedHTML(graph.content.pages[index].body, targets: graph.pageLinks[index], from: folder)
        return String(decoding: Self.droppingLeadingH1(html), as: UTF8.self)
    }

    static func droppingLeadingH1(_ html: [UInt8]) -> [UInt8] {
        guard html.starts(with: "<h1".utf8), let end = html.offset(of: Self.headingEnd) else { return html }
        return Array(html[(end + headingEnd.count)...])
    }

    private static let headingEnd = Array("</h1>\n".utf8)
}
