/// The planned-work, spare-parts and scorecard pages of the operations records.
extension OperationsPages {
    func plannedView() -> View {
        let folder = Self.planned
        let rows = content.plannedWork.sorted { ($0.due, $0.id) > ($1.due, $1.id) }.map { work -> TemplateValue in
            var row: View = ["id": .text(work.id), "title": .text(work.title), "kind": .text(labels["value.\(work.kind)"]),
                             "due": .text(work.due.description), "done": .text(work.done?.description ?? ""),
                             "status": .text(labels["value.\(work.status)"]), "window": .text(work.window),
                             "targets": links(work.targets, from: folder)]
            if let outcome = status.planned(work) { row.merge(self.outcome(outcome)) { _, new in new } }
            if let plan = work.plan { row["plan"] = .object(link(plan.target, from: folder)) }
            if let page = work.page { row["href"] = link(page, from: folder)["href"] }
            return .object(row)
        }
        return ["items": .list(rows), "breadcrumbs": breadcrumbs(folder)]
    }

    func sparesView() -> View {
        let folder = Self.spares
        let today = status.time.day(of: status.asOf).adding(days: 1)
        let parts = content.spares.map { part -> TemplateValue in
            let stock = status.stock(of: part, at: today)
            return ["id": .text(part.id), "name": .text(part.name), "place": .text(part.place), "stock": .int(stock),
                    "min_stock": .int(part.minStock), "below": .bool(stock < part.minStock),
                    "fits": .list(part.fits.map { fit in
                        InventoryClass.byID[fit.target].map { itemClass in
                            ["title": .text(graph.content.site.language == .en ? itemClass.en : itemClass.zh),
                             "href": .text(urls.folder(Routes.inventoryClass(itemClass), from: folder))]
                        } ?? .object(link(fit.target, from: folder))
                    })]
        }
        let usage = content.spareUsage.sorted { $0.day > $1.day }.map { use -> TemplateValue in
            ["date": .text(use.day.description), "part": .text(content.spares.first { $0.id == use.part.target }?.name ?? use.part.target),
             "qty": .int(use.quantity), "ticket": .text(use.ticket)]
        }
        return ["parts": .list(parts), "usage": .list(usage), "breadcrumbs": breadcrumbs(folder)]
    }

    func scorecardView(_ card: Scorecard) -> View {
        let folder = Self.scorecard(card.quarter)
        let engineers = card.engineers.sorted { ($1.total, $0.name) < ($0.total, $1.name) }.map { engineer -> TemplateValue in
            [
                "name": .text(engineer.name), "role": .text(engineer.role), "professional": .int(engineer.professional),
                "service": .int(engineer.service), "bonus": .int(engineer.bonus), "total": .int(engineer.total),
                "grade": .text(engineer.grade),
                "events": .list(
                    engineer.events.map {
                        [
                            "category": .text(labels["value.\($0.category.rawValue)"]), "item": .text($0.item),
                            "points": .text(($0.category == .bonus ? "+" : "−") + String($0.points)),
                            "date": .text($0.day?.description ?? ""),
                            "note": .text($0.note)
                        ]
                    })
            ]
        }
        return ["internal": true, "quarter": .text(card.quarter.id), "engineers": .list(engineers),
                "breadcrumbs": breadcrumbs(folder, [(labels["ops.scorecards"], Self.scorecards)])]
    }
}
