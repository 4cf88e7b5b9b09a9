import Foundation

/// A page's view: the typed values its template reads (see TemplateValue).
typealias View = TemplateFields

/// Stage 4: turns the resolved site into files — one template render per page, in a fixed
/// order, so the same input always gives the same bytes. Pure: no file or clock access.
/// Each page family's view is built in its own file (KnowledgeViews, InventoryViews,
/// SiteViews, OperationsPages, ReportPages); every page is emitted through its PageKind.
public struct SiteRenderer: Sendable {
    /// Variable so that a preview can swap in an edited page whose interface is unchanged.
    var graph: SiteGraph
    private(set) var theme: Theme
    private(set) var urls: URLs
    let labels: UILabels
    private(set) var templateLabels: TemplateValue
    let generatedAt: String?
    /// "数据截至 …" in every footer: the time the reports and statuses are evaluated at.
    let dataAsOf: String?
    /// Pages of each type in display order (by title, then id), for indexes and prev/next.
    let pagesByType: [PageType: [Int]]
    let tags: [Tag]
    let reportPages: ReportPages?
    let latestMonth: Report?
    let operations: OperationsPages?

    struct Tag: Sendable {
        var slug: String
        var name: String
        var nodes: [Node]
    }

    /// Pages render on every core; the output is the same as serial (tested).
    let parallel: Bool

    public init(graph: SiteGraph, theme: Theme, reports: ReportSet? = nil, generatedAt: String? = nil, parallel: Bool = true) {
        self.parallel = parallel
        self.graph = graph
        self.theme = theme
        self.generatedAt = generatedAt
        let site = graph.content.site
        urls = URLs(baseURL: site.baseURL)
        labels = UILabels(site.language)
        templateLabels = labels.templateValue
        let pages = graph.content.pages
        let listed = pages.indices.filter { !graph.sectionIntros.values.contains($0) && !graph.content.isNarrative(pages[$0]) }
        pagesByType = Dictionary(grouping: listed, by: { pages[$0].type }).mapValues {
            // Hugo's order: by weight, lighter first, then the pages without one; then by title.
            $0.sorted {
                (pages[$0].weight ?? Int.max, pages[$0].title, pages[$0].id) < (pages[$1].weight ?? Int.max, pages[$1].title, pages[$1].id)
            }
        }
        tags = Self.tags(graph, listed: listed)
        let narratives = Dictionary(
            pages.indices.compactMap { index in Content.narrativePeriod(pages[index].sourcePath).map { ($0.id, index) } },
            uniquingKeysWith: { first, _ in first })
        let (labels, urls) = (labels, urls)
        dataAsOf = reports.flatMap { $0.periods.isEmpty ? nil : $0.builder.time.short($0.builder.asOf) }
        operations = reports.map { OperationsPages(status: $0.operations, people: $0.peopleNow, labels: labels, urls: urls, graph: graph) }
        if let reports, !(reports.periods.isEmpty && narratives.isEmpty) {
            reportPages = ReportPages(reports: reports, labels: labels, urls: urls, graph: graph, narratives: narratives)
            latestMonth = reports.latestMonth.map { reports.report($0) }
        } else {
            reportPages = nil
            latestMonth = nil
        }
    }

    private static func tags(_ graph: SiteGraph, listed: [Int]) -> [Tag] {
        var bySlug: [String: Tag] = [:]
        func add(_ tag: String, _ node: Node) {
            let slug = Routes.tagSlug(tag)
            bySlug[slug, default: Tag(slug: slug, name: tag, nodes: [])].nodes.append(node)
        }
        for index in listed { for tag in graph.content.pages[index].tags { add(tag, .page(index)) } }
        for (index, item) in graph.content.items.enumerated() { for tag in item.tags { add(tag, .item(index)) } }
        return bySlug.values.sorted { $0.slug < $1.slug }.map { Tag(slug: $0.slug, name: $0.name, nodes: Array(Set($0.nodes)).sorted()) }
    }

    /// One page: the layout's frame for `folder`, then the view on top of it.
    func page(_ kind: PageKind, _ folder: String, template: String? = nil, title: String, section: String?, _ view: View) -> Data {
        var context = frame(folder: folder, title: title, section: section)
        context.merge(view) { _, new in new }
        if let type = kind.searchLabel.map({ labels[$0] }) ?? (kind == .page ? view["page"]?["type_label"] : nil).flatMap(\.text) {
            context["searchable"] = true
            context["search_type"] = .text(type)
            context["search_tags"] = .list((view["tags"]?.items ?? []).compactMap { $0["name"] })
        }
        // Mustache cannot ask whether a list is empty; templates wrap lists in has_<key>.
        for (key, value) in view { if case let .list(items) = value { context["has_" + key] = .bool(!items.isEmpty) } }
        return theme.render(template ?? kind.template, .object(context))
    }

    /// One report page on its own, as `opsbook report --format html` prints it.
    public func reportPage(_ period: Period) -> String {
        guard let reportPages else { return "" }
        let (view, _) = reportPages.view(period) { index, folder in
            finish(graph.content.pages[index].body, targets: graph.pageLinks[index], from: folder)
        }
        return String(
            decoding: page(.report, ReportPages.folder(period), title: reportPages.title(period), section: "reports", view), as: UTF8.self)
    }

    /// One Markdown page exactly as render() writes it, for a preview re-rendering an edit.
    func renderPage(_ index: Int) -> OutputFile {
        let parts = pageParts(index)
        let html = page(.page, parts.folder, template: parts.template, title: parts.title, section: graph.content.pages[index].type.folder,
                        parts.view(self))
        return OutputFile(path: parts.folder + "index.html", data: html)
    }

    /// One item page exactly as render() writes it.
    func renderItem(_ index: Int) -> OutputFile {
        let item = graph.content.items[index]
        let html = page(.item, Routes.item(item), title: item.name, section: "inventory", itemView(index))
        return OutputFile(path: Routes.item(item) + "index.html", data: html)
    }

    /// A renderer for one job at a time, with its own parsed templates and labels (see
    /// Pool): what every page reads is not shared between cores.
    private func unshared() -> SiteRenderer {
        var copy = self
        copy.theme = theme.unshared()
        copy.templateLabels = UILabels(graph.content.site.language).templateValue
        return copy
    }

    /// The pages to render, in output order; each renders on whichever core is free.
    struct Jobs {
        var files: [OutputFile] = []
        var slots: [(slot: Int, make: @Sendable (SiteRenderer) -> Data)] = []
        /// Which kind of page each slot is, for the registry test.
        var kinds: [(kind: PageKind, folder: String)] = []

        mutating func emit(_ kind: PageKind, _ folder: String, template: String? = nil, title: String, section: String?,
                           _ view: @escaping @Sendable (SiteRenderer) -> View) {
            assert(kind.owns(folder), "page kind '\(kind.template)' does not own '\(folder)': add the route to PageKind")
            files.append(OutputFile(path: folder + "index.html", data: Data()))
            kinds.append((kind, folder))
            slots.append((files.count - 1, { renderer in
                renderer.page(kind, folder, template: template, title: title, section: section, view(renderer))
            }))
        }
    }

    /// Every page rendered from a template, in output order, not yet rendered.
    func jobs() -> Jobs {
        var jobs = Jobs()
        emitKnowledgePages(&jobs)
        emitInventoryPages(&jobs)
        emitSitePages(&jobs)
        if let operations { emitOperationsPages(operations, &jobs) }
        if let reportPages {
            jobs.emit(.reports, ReportPages.folder, title: labels["reports"], section: "reports") { _ in reportPages.indexView() }
        }
        return jobs
    }

    /// Every file of the site in output order. With a session each file goes to it as soon as
    /// it is rendered and only its path is kept; the search index keeps each page's text.
    public func render(into session: OutputSession? = nil) -> [OutputFile] {
        let jobs = jobs()
        session?.prepareFolders(for: jobs.files.map(\.path))
        let renderers = Pool(first: self) { unshared() }
        var files = jobs.files
        var texts: [(path: String, text: SearchText)] = []
        if let reportPages {
            let reports = periodReports(reportPages, renderers, into: session)
            files += reports.files
            texts += reports.texts
        }
        let rendered = parallelMap(jobs.slots.count, parallel: parallel) { index -> (OutputFile, SearchText?) in
            let job = jobs.slots[index]
            let data = renderers.with { job.make($0) }
            return (OutputFile(path: files[job.slot].path, data: data).delivered(to: session), SearchText(html: data))
        }
        for (job, (file, text)) in zip(jobs.slots, rendered) {
            files[job.slot] = file
            if let text { texts.append((file.path, text)) }
        }
        files += SearchIndex(texts: texts, parallel: parallel, href: searchHref).files { $0.delivered(to: session) }
        var rest = [OutputFile(path: "404.html", data: notFoundPage()), OutputFile(path: "sitemap.xml", data: Data(sitemap(files).utf8))]
        for alias in graph.aliases {
            let href = urls.folder(graph.pageFolders[alias.page], from: RedirectPage.folder(of: alias.file))
            rest.append(OutputFile(path: alias.file, data: RedirectPage.html(to: href, title: graph.content.pages[alias.page].title,
                                                                            language: labels["lang"])))
        }
        for asset in theme.assets { rest.append(OutputFile(path: asset.path, data: asset.data)) }
        let root = URL(fileURLWithPath: graph.content.root)
        for path in graph.linkedFiles.sorted() { rest.append(OutputFile(path: path, copying: root.appending(path: path))) }
        return files + rest.map { $0.delivered(to: session) }
    }

    /// Periods are independent; a year of a large export is most of a build's work.
    private func periodReports(_ reportPages: ReportPages, _ renderers: Pool<SiteRenderer>,
                               into session: OutputSession?) -> (files: [OutputFile], texts: [(path: String, text: SearchText)]) {
        let periods = reportPages.periods
        let rendered = parallelMap(periods.count, parallel: parallel) { position -> ([OutputFile], SearchText?) in
            let period = periods[position]
            let folder = ReportPages.folder(period)
            let (view, report) = reportPages.view(period) { index, folder in
                finish(graph.content.pages[index].body, targets: graph.pageLinks[index], from: folder)
            }
            let encoding = ReportEncoding(report: report, builder: reportPages.reports.builder)
            // A day's report is a record of the day: in the site, not in the search results.
            let html = renderers.with {
                $0.page(period.kind == .day ? .dayReport : .report, folder, title: reportPages.title(period), section: "reports", view)
            }
            let files = [
                OutputFile(path: folder + "index.html", data: html),
                OutputFile(
                    path: folder + "print.css", data: Data(reportPages.printStyle(period, siteTitle: graph.content.site.title).utf8)),
                OutputFile(path: folder + "report.json", data: encoding.jsonData),
                OutputFile(path: folder + "report.csv", data: encoding.csv(labels: labels.table))
            ]
            return (files.map { $0.delivered(to: session) }, SearchText(html: html))
        }
        var files = rendered.flatMap(\.0)
        let texts = zip(periods, rendered).compactMap { period, page in page.1.map { (ReportPages.folder(period) + "index.html", $0) } }
        files.append(
            OutputFile(path: ReportPages.folder + "feed.xml", data: Data(reportPages.feed(siteTitle: graph.content.site.title).utf8))
                .delivered(to: session))
        return (files, texts)
    }

    /// A page's link from the search page.
    private func searchHref(_ folder: String) -> String { urls.folder(folder, from: PageKind.search.folder) }

    /// The search index of these rendered pages (`search/meta.json`, shards and records).
    func searchIndex(of files: [OutputFile]) -> [OutputFile] {
        SearchIndex(files: files, parallel: parallel, href: searchHref).files { $0 }
    }

    /// Served for a missing URL at any depth, so its links start at the server root (or
    /// base_url): relative ones would lead nowhere from /a/b/missing (#16).
    private func notFoundPage() -> Data {
        var fromRoot = self
        fromRoot.urls = URLs(baseURL: graph.content.site.baseURL ?? "/")
        var context = fromRoot.frame(folder: "", title: labels["not_found"], section: nil)
        context["is_404"] = true
        return theme.render(PageKind.notFound.template, .object(context))
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
