import Foundation

/// Stage 2: resolves every id, front-matter reference and Markdown link against the loaded
/// content, reporting each one that leads nowhere at its exact place with the closest
/// valid alternative, and builds the reverse edges.
public enum Resolver {
    public static func resolve(_ content: Content, hidden: HiddenContent = HiddenContent(), asOf: Int? = nil, log: DiagnosticLog)
        -> SiteGraph
    {
        var graph = SiteGraph(content: content)
        let resolver = LinkResolver(content: content, hidden: hidden, log: log)
        graph.ids = resolver.ids
        graph.pageFolders = content.pages.map { Routes.pageFolder($0.sourcePath) }

        var edges: [(from: Node, to: Node)] = []
        for (index, page) in content.pages.enumerated() {
            let source = Node.page(index)
            for reference in page.references {
                guard let target = resolver.reference(reference) else { continue }
                graph.references[source, default: []].append((reference.field, target))
                edges.append((source, target))
            }
        }
        graph.pageLinks = pageLinks(content, resolver)
        for (index, item) in content.items.enumerated() {
            let source = Node.item(index)
            for reference in item.systems {
                guard let target = resolver.reference(reference) else { continue }
                graph.references[source, default: []].append((reference.field, target))
                edges.append((source, target))
            }
            if let notes = item.notes {
                graph.itemLinks[index] = notes.links.map {
                    resolver.link(
                        $0, from: "inventory/_.md", anchors: notes.headings, file: item.location.file, lineOffset: item.notesLineOffset)
                }
            }
        }
        for (index, record) in content.records.enumerated() {
            guard let findings = record.findings else { continue }
            graph.recordLinks[index] = findings.links.map {
                resolver.link(
                    $0, from: "inspections/_.md", anchors: findings.headings, file: record.location.file,
                    lineOffset: record.findingsLineOffset)
            }
        }
        for case let .file(path, _) in graph.recordLinks.values.joined() { graph.linkedFiles.insert(path) }
        let linkEdges = graph.pageLinks.enumerated().flatMap { index, targets in targets.map { (Node.page(index), $0) } }
            + graph.itemLinks.flatMap { index, targets in targets.map { (Node.item(index), $0) } }
        for (source, target) in linkEdges {
            switch target {
            case let .node(node, _): edges.append((source, node))
            case let .file(path, _): graph.linkedFiles.insert(path)
            default: break
            }
        }

        var backlinks: [Node: Set<Node>] = [:]
        for edge in edges where edge.from != edge.to { backlinks[edge.to, default: []].insert(edge.from) }
        graph.backlinks = backlinks.mapValues { $0.sorted() }
        graph.itemsWithPages = Set(content.items.indices.filter {
            content.items[$0].notes != nil || !content.items[$0].systems.isEmpty || backlinks[.item($0)] != nil
        })
        checkOutputPaths(&graph, log: log)
        graph.named = resolver.names(LinkResolver.operationsNames(content))
        OperationsChecker.check(graph, asOf: asOf, log: log)
        return graph
    }

    /// Every page's Markdown links, resolved in blocks on every core (the resolver only reads its
    /// indexes; the log sorts what it is told): the resolve step at 10,000 pages, 0.14 s on one core, is 0.12 s this way.
    private static func pageLinks(_ content: Content, _ resolver: LinkResolver) -> [[LinkTarget]] {
        Array(parallelRanges(content.pages.count, chunk: 256) { range in
            range.map { index in
                let page = content.pages[index]
                return page.body.links.map {
                    resolver.link($0, from: page.sourcePath, anchors: page.body.headings, file: page.file, lineOffset: page.bodyLineOffset)
                }
            }
        }.joined())
    }

    /// Two things written to the same folder would overwrite each other: a page there is
    /// an error, except a section file (README.md, index.md) over a generated index, which
    /// becomes that index's introduction.
    private static func checkOutputPaths(_ graph: inout SiteGraph, log: DiagnosticLog) {
        let generated = generatedFolders(graph)
        // Read from the registry once, not once a page.
        let withoutIntroduction = Routes.generatedWithoutIntroduction, reservedFolders = Routes.reservedFolders
        var owners: [String: Int] = [:]
        for (index, page) in graph.content.pages.enumerated() where !graph.content.isNarrative(page) {
            let folder = graph.pageFolders[index]
            let fileName = page.sourcePath.linkName
            if generated.contains(folder) {
                if Routes.sectionFileNames.contains(fileName), graph.sectionIntros[folder] == nil {
                    graph.sectionIntros[folder] = index
                    continue
                }
                log.error("output.collision", at: SourceLocation(file: page.file, line: 1, column: 1),
                          "page would be written to '\(folder)index.html', which Opsbook generates itself; rename the file")
            } else if let generator = withoutIntroduction.first(where: { $0.folder == folder }) {
                log.error("output.collision", at: SourceLocation(file: page.file, line: 1, column: 1),
                          "page would be written to '\(folder)index.html', which is Opsbook's \(generator.what); rename the file")
            } else if let reserved = reservedFolders.first(where: { folder.utf8.starts(with: $0.folder.utf8) }) {
                log.error("output.collision", at: SourceLocation(file: page.file, line: 1, column: 1),
                          "page would be written to '\(folder)index.html', under '\(reserved.folder)', which holds Opsbook's "
                              + "\(reserved.what); move the file")
            } else if let other = owners[folder] {
                let first = graph.content.pages[other]
                log.error("output.collision", at: SourceLocation(file: page.file, line: 1, column: 1),
                          "page would be written to '\(folder)index.html', as is \(first.sourcePath); rename one of them")
            } else {
                owners[folder] = index
            }
        }
        checkAliases(&graph, generated: generated, owners: owners, log: log)
    }

    /// The folders of generated pages that a section file may introduce: the registry's single
    /// pages that take one (home, inventory, tags, team), and the pages made per type, class,
    /// item and tag. A test checks every generated folder the renderer emits is known here.
    static func generatedFolders(_ graph: SiteGraph) -> Set<String> {
        var generated = Set(PageKind.all.filter { $0.single && $0.generatedPage == nil }.map(\.folder))
        for type in PageType.allCases { generated.insert(Routes.typeIndex(type)) }
        for itemClass in InventoryClass.all { generated.insert(Routes.inventoryClass(itemClass)) }
        for index in graph.itemsWithPages { generated.insert(Routes.item(graph.content.items[index])) }
        for page in graph.content.pages { for tag in page.tags { generated.insert(Routes.tag(tag)) } }
        for item in graph.content.items { for tag in item.tags { generated.insert(Routes.tag(tag)) } }
        return generated
    }

    /// Each alias writes one redirect page, and owns its path like every output: one that
    /// another page, alias or generated page writes too is an error at its line.
    private static func checkAliases(_ graph: inout SiteGraph, generated: Set<String>, owners: [String: Int], log: DiagnosticLog) {
        var taken: [String: String] = [:]
        for (folder, index) in owners { taken[folder + "index.html"] = graph.content.pages[index].sourcePath }
        for folder in generated { taken[folder + "index.html"] = "Opsbook's generated page" }
        for (index, page) in graph.content.pages.enumerated() {
            for alias in page.aliases {
                guard let file = aliasFile(alias.path, from: page.sourcePath) else {
                    log.warning("page.alias", at: alias.location, "alias '\(alias.path)' leads outside the site; it is ignored")
                    continue
                }
                if file == graph.pageFolders[index] + "index.html" { continue }
                let folder = file.hasSuffix("/index.html") ? String(file.dropLast("index.html".count)) : file
                if let owner = taken[file] ?? Routes.generatedWithoutIntroduction.first(where: { $0.folder == folder }).map({
                    "Opsbook's " + $0.what
                })
                    ?? Routes.reservedFolders.first(where: { folder.utf8.starts(with: $0.folder.utf8) }).map({ "Opsbook's " + $0.what })
                {
                    log.error(
                        "output.collision", at: alias.location, "alias '\(alias.path)' would write '\(file)', as does \(owner); remove one")
                    continue
                }
                taken[file] = "the alias of \(page.sourcePath)"
                graph.aliases.append((file, index))
            }
        }
    }

    /// `/old/path/` (from the site's root) or `old/` (from the page's folder) → `old/path/index.html`;
    /// `old.html` stays a file. Nil when it climbs above the root.
    static func aliasFile(_ alias: String, from sourcePath: String) -> String? {
        let folder = alias.hasPrefix("/") ? "" : sourcePath.pathFolder
        guard let path = LinkResolver.normalize(alias.removingPercentEncoding ?? alias, under: folder) else { return nil }
        if path.hasSuffix(".html") || path.hasSuffix(".htm") { return path }
        return path.isEmpty ? "index.html" : path + "/index.html"
    }
}
