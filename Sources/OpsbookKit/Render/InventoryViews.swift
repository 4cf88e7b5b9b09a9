/// The inventory: the overview by scope, one page per class, and a page for each item that
/// has notes or references.
extension SiteRenderer {
    func emitInventoryPages(_ jobs: inout Jobs) {
        jobs.emit(.inventory, Routes.inventory, title: labels["inventory"], section: "inventory") { $0.inventoryView() }
        for itemClass in InventoryClass.all {
            let members = graph.content.items.indices.filter { graph.content.items[$0].itemClass == itemClass }
            guard !members.isEmpty else { continue }
            jobs.emit(.inventoryClass, Routes.inventoryClass(itemClass), title: className(itemClass), section: "inventory") {
                $0.classView(itemClass, members)
            }
        }
        for index in graph.itemsWithPages.sorted() {
            let item = graph.content.items[index]
            jobs.emit(.item, Routes.item(item), title: item.name, section: "inventory") { $0.itemView(index) }
        }
    }

    /// Counts sum `quantity` (bounded at load, so the sum of a site's items cannot overflow).
    private func quantity(_ indices: [Int]) -> Int { indices.reduce(0) { $0 + graph.content.items[$1].quantity } }

    func scopes(from folder: String) -> TemplateValue {
        .list(Scope.allCases.compactMap { scope -> TemplateValue? in
            var total = 0
            let classes = InventoryClass.all.filter { $0.scope == scope }.compactMap { itemClass -> TemplateValue? in
                let members = graph.content.items.indices.filter { graph.content.items[$0].itemClass == itemClass }
                guard !members.isEmpty else { return nil }
                total += quantity(members)
                return ["label": .text(className(itemClass)), "id": .text(itemClass.id), "count": .int(quantity(members)),
                        "entries": .int(members.count), "href": .text(urls.folder(Routes.inventoryClass(itemClass), from: folder))]
            }
            guard !classes.isEmpty else { return nil }
            return ["label": .text(labels["scope.\(scope.rawValue)"]), "classes": .list(classes), "total": .int(total)]
        })
    }

    private func inventoryView() -> View {
        ["scopes": scopes(from: Routes.inventory), "breadcrumbs": breadcrumbs(Routes.inventory)]
    }

    private func itemRow(_ index: Int, from folder: String) -> TemplateValue {
        let item = graph.content.items[index]
        var row: View = ["id": .text(item.id), "name": .text(item.name), "quantity": .int(item.quantity)]
        for key in InventoryLoader.displayedKeys { row[key] = .text(item.property(key) ?? "") }
        if graph.itemsWithPages.contains(index) { row["href"] = .text(urls.folder(Routes.item(item), from: folder)) }
        let systems =
            (graph.references[.item(index)] ?? []).map(\.node)
            + (graph.backlinks[.item(index)] ?? []).filter {
                if case let .page(i) = $0 { graph.content.pages[i].type == .system } else { false }
            }
        var seen = Set<Node>()
        row["systems"] = .list(systems.filter { seen.insert($0).inserted }.map { .object(link($0, from: folder)) })
        return .object(row)
    }

    private func classView(_ itemClass: InventoryClass, _ members: [Int]) -> View {
        let folder = Routes.inventoryClass(itemClass)
        let sorted = members.sorted { graph.content.items[$0].id < graph.content.items[$1].id }
        return ["items": .list(sorted.map { itemRow($0, from: folder) }), "count": .int(quantity(members)), "entries": .int(members.count),
                "scope": .text(labels["scope.\(itemClass.scope.rawValue)"]),
                "breadcrumbs": breadcrumbs(folder, [(labels["inventory"], Routes.inventory)])]
    }

    func itemView(_ index: Int) -> View {
        let item = graph.content.items[index]
        let folder = Routes.item(item)
        let (outgoing, incoming) = relations(of: .item(index), from: folder)
        var properties: [TemplateValue] = [["key": "id", "label": .text(labels["id"]), "value": .text(item.id)],
                                           ["key": "class", "label": .text(labels["class"]), "value": .text(className(item.itemClass))]]
        properties += item.properties.map { display($0.key, $0.value) }
        if item.quantity != 1 {
            properties.append(["key": "quantity", "label": .text(labels["quantity"]), "value": .text(String(item.quantity))])
        }
        var view: View = [
            "item": ["id": .text(item.id), "name": .text(item.name)],
            "properties": .list(properties), "tags": tagLinks(item.tags, from: folder),
            "relations": outgoing, "backlinks": incoming,
            "breadcrumbs": breadcrumbs(folder, [(labels["inventory"], Routes.inventory),
                                                (className(item.itemClass), Routes.inventoryClass(item.itemClass))]),
        ]
        if let summary = reportPages?.summary(for: item.id, dimension: "asset", from: folder, latest: latestMonth) {
            view["tickets"] = summary
        }
        if let operations {
            view["schedules"] = operations.schedules(for: item.id, from: folder)
            view["parts"] = operations.parts(for: item, from: folder)
        }
        if let notes = item.notes { view["content"] = .text(finish(notes, targets: graph.itemLinks[index] ?? [], from: folder)) }
        return view
    }
}
