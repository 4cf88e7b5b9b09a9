import Foundation

/// The site as `opsbook serve` holds it: built once in memory, then updated after each
/// change with as little work as the change needs —
/// - one Markdown page whose body changed but nothing other pages see of it (id, title,
///   tags, references, headings): that page is re-read, its links resolved and it is
///   re-rendered, with the pages its links newly reach or no longer reach (their
///   "referenced by" lists);
/// - templates only: the site is re-rendered from the content already resolved;
/// - anything else: a full build, in memory.
/// While the content has errors the last good site stays served and the errors are kept
/// for the terminal and the page overlay.
public final class LiveSite: @unchecked Sendable {
    public struct Update: Sendable {
        public enum Kind: String, Sendable { case page, templates, full }
        public var kind: Kind
        /// Output paths whose bytes changed.
        public var changedPaths: [String]
        public var seconds: Double
        public var diagnostics: [Diagnostic]
        public var succeeded: Bool { !diagnostics.hasErrors }
    }

    public let build: Build
    private let lock = NSLock()
    private var files: [String: OutputFile] = [:]
    private var state: BuildState?
    /// After a failed update the kept state may be behind other files; only a full build
    /// can clear that.
    private var needsFullBuild = true
    private var currentVersion = 0
    private var currentDiagnostics: [Diagnostic] = []
    /// The search index is rebuilt off the watcher's thread; each update makes the index work
    /// of earlier ones stale, so only the newest is installed.
    private let indexQueue = DispatchQueue(label: "opsbook.search-index")
    private var indexGeneration = 0

    public init(build: Build) {
        self.build = build
    }

    /// The served file at an output path (`index.html`, `systems/erp/index.html`).
    public func file(at path: String) -> OutputFile? {
        lock.lock(); defer { lock.unlock() }
        return files[path]
    }

    /// Bumped whenever the site or its diagnostics change; browsers reload on a new version.
    public var status: (version: Int, diagnostics: [Diagnostic]) {
        lock.lock(); defer { lock.unlock() }
        return (currentVersion, currentDiagnostics)
    }

    /// Rebuilds after the files at these absolute paths changed (or, empty, from scratch).
    @discardableResult
    public func update(changed: [String] = []) -> Update {
        let start = DispatchTime.now().uptimeNanoseconds
        var outcome: (kind: Update.Kind, files: [OutputFile], state: BuildState?, diagnostics: [Diagnostic], replacesAll: Bool)
        if !needsFullBuild, let page = pageUpdate(changed) {
            outcome = (.page, page.files, page.state, page.state.diagnostics, false)
        } else if !needsFullBuild, let state, let rendered = templateUpdate(changed, state) {
            outcome = (.templates, rendered.files, rendered.state, rendered.state.diagnostics, true)
        } else {
            let (result, built) = build.runKeepingState(writingTo: nil)
            var state = built
            // Indexing links takes a while on a large site: do it now, not on the first edit.
            if let built {
                state?.linkResolver = LinkResolver(content: built.graph.content, hidden: built.hidden, log: DiagnosticLog())
                // The index shares the page array; give the renderer its own copy now, so the
                // first edit does not pay for copying every page.
                state?.graph.content.pages.reserveCapacity(built.graph.content.pages.count + 1)
            }
            outcome = (.full, result.files, state, result.diagnostics, true)
        }
        let succeeded = !outcome.diagnostics.hasErrors
        var changedPaths: [String] = []
        lock.lock()
        if succeeded {
            var next = outcome.replacesAll ? [:] : files
            for file in outcome.files {
                if files[file.path]?.data != file.data { changedPaths.append(file.path) }
                next[file.path] = file
            }
            if outcome.replacesAll { changedPaths += files.keys.filter { next[$0] == nil } }
            files = next
            state = outcome.state
        }
        // A page that failed on its own is retried on its own; any other failure needs everything.
        needsFullBuild = !succeeded && outcome.kind != .page
        if !changedPaths.isEmpty || currentDiagnostics != outcome.diagnostics { currentVersion += 1 }
        currentDiagnostics = outcome.diagnostics
        indexGeneration += 1
        let generation = indexGeneration
        lock.unlock()
        if succeeded, outcome.kind == .page, let renderer = outcome.state?.renderer { reindex(renderer, generation: generation) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Update(kind: outcome.kind, changedPaths: changedPaths.sorted(), seconds: seconds, diagnostics: outcome.diagnostics)
    }

    /// A page edit changes the search index too. On a large site that takes seconds, so it
    /// runs on its own queue: the edited page is served at once and the next edit is not
    /// held up (the 10,000-page bench measured 2.5 s per edit while it ran in line). No new
    /// version: open pages need no second reload, and the search page reads the index afresh.
    private func reindex(_ renderer: SiteRenderer, generation: Int) {
        indexQueue.async { [self] in
            lock.lock()
            let current = generation == indexGeneration
            let pages = current ? files.values.filter { $0.path.hasSuffix("index.html") } : []
            lock.unlock()
            guard current else { return }
            let index = renderer.searchIndex(of: pages)
            lock.lock(); defer { lock.unlock() }
            guard generation == indexGeneration else { return }
            for path in files.keys where path.hasPrefix("search/index/") || path.hasPrefix("search/pages/") { files[path] = nil }
            for file in index { files[file.path] = file }
        }
    }

    /// Returns once the search index reflects every update so far (for tests and tools).
    public func waitForSearchIndex() { indexQueue.sync {} }

    /// Diagnostic ids about a page that come from elsewhere than its own text and links;
    /// they stay as they were when nothing other pages see of the page has changed.
    private static let siteLevelIDs: Set<String> = ["id.duplicate", "output.collision", "ref.ambiguous", "ref.kind", "ref.unknown"]

    /// Only the watcher's thread calls update(), so the kept state can be taken out and
    /// edited in place (copying 10,000 pages would cost more than rendering one).
    private func pageUpdate(_ changed: [String]) -> (files: [OutputFile], state: BuildState)? {
        guard var state, changed.count == 1, changed[0].hasSuffix(".md") else { return nil }
        let content = state.graph.content
        let root = content.root + "/"
        let file = changed[0]
        guard file.hasPrefix(root) else { return nil }
        let relative = String(file.dropFirst(root.count))
        guard !relative.hasPrefix("planned/"),
              let loadedIndex = state.loadedPages.firstIndex(where: { $0.sourcePath == relative }),
              let index = content.pages.firstIndex(where: { $0.sourcePath == relative }),
              !isGeneratedFrom(index, state.graph),
              // The audience filter changed nothing in it, so the new page can stand as it loads.
              state.loadedPages[loadedIndex].references.count == content.pages[index].references.count else { return nil }
        let log = DiagnosticLog()
        guard let text = SourceText.read(URL(fileURLWithPath: file), log: log) else { return nil }
        let options = LoadOptions(audience: state.options.audience, rawHTML: content.site.rawHTML, language: content.site.language)
        var page = PageLoader.load(text: text, sourcePath: relative, file: file, options: options, log: log)
        page.lastUpdated = state.loadedPages[loadedIndex].lastUpdated  // git's date: an unsaved edit is not a commit
        guard page.interface == state.loadedPages[loadedIndex].interface else { return nil }
        var resolver = state.linkResolver ?? LinkResolver(content: content, hidden: state.hidden, log: log)
        resolver.log = log
        let targets = page.body.links.map {
            resolver.link($0, from: page.sourcePath, anchors: page.body.headings, file: page.file, lineOffset: page.bodyLineOffset)
        }
        guard let touched = backlinkChanges(of: .page(index), from: state.graph.pageLinks[index], to: targets, in: state.graph) else {
            return nil
        }

        self.state = nil
        state.linkResolver = resolver
        state.loadedPages[loadedIndex] = page
        state.graph.content.pages[index] = page
        state.graph.pageLinks[index] = targets
        for (node, added) in touched {
            var sources = state.graph.backlinks[node] ?? []
            if added { sources.append(.page(index)); sources.sort() } else { sources.removeAll { $0 == .page(index) } }
            state.graph.backlinks[node] = sources.isEmpty ? nil : sources
        }
        state.diagnostics = (state.diagnostics.filter { $0.location.file != file || Self.siteLevelIDs.contains($0.id) } + log.all)
            .sortedForDisplay
        let renderer = state.renderer
        let files = [renderer.renderPage(index)] + touched.map { node, _ in
            switch node {
            case let .page(target): renderer.renderPage(target)
            case let .item(target): renderer.renderItem(target)
            }
        }
        self.state = state
        return (files, state)
    }

    /// Pages that become part of a generated page (a section's introduction, a report's
    /// narrative) are rebuilt with the site.
    private func isGeneratedFrom(_ index: Int, _ graph: SiteGraph) -> Bool {
        graph.content.isNarrative(graph.content.pages[index]) || graph.sectionIntros.values.contains(index)
    }

    /// The pages and items whose "referenced by" list gains (true) or loses (false) `source`
    /// when its links change; nil when that needs more than re-rendering them (an item
    /// gaining or losing its page, a newly linked file to copy).
    private func backlinkChanges(of source: Node, from old: [LinkTarget], to new: [LinkTarget], in graph: SiteGraph) -> [(Node, Bool)]? {
        func nodes(_ targets: [LinkTarget]) -> Set<Node> {
            Set(targets.compactMap { if case let .node(node, _) = $0 { node } else { nil } })
        }
        for case let .file(path, _) in new where !graph.linkedFiles.contains(path) { return nil }
        let referenced = Set(graph.references[source]?.map(\.node) ?? [])
        let before = nodes(old), after = nodes(new)
        var changes: [(Node, Bool)] = []
        for node in before.symmetricDifference(after).sorted() where node != source && !referenced.contains(node) {
            switch node {
            case let .item(item):
                let kept = graph.content.items[item]
                guard graph.itemsWithPages.contains(item), kept.notes != nil || !kept.systems.isEmpty else { return nil }
            case let .page(page):
                guard !isGeneratedFrom(page, graph) else { return nil }
            }
            changes.append((node, after.contains(node)))
        }
        return changes
    }

    private func templateUpdate(_ changed: [String], _ state: BuildState) -> (files: [OutputFile], state: BuildState)? {
        guard let templates = state.options.templates?.standardizedFileURL.path, !changed.isEmpty,
              changed.allSatisfy({ $0.hasPrefix(templates + "/") }) else { return nil }
        let log = DiagnosticLog()
        var next = state
        next.replaceTheme(Theme.load(overrides: state.options.templates, log: log))
        let files = next.renderer.render()
        next.diagnostics = (state.diagnostics.filter { !$0.location.file.hasPrefix(templates + "/") } + log.all).sortedForDisplay
        return (files, next)
    }
}

extension Page {
    /// What other pages, indexes and reports see of a page: everything but the text of its
    /// body, the positions in it, and its links (whose effect on other pages is their
    /// backlinks, which a preview updates itself).
    var interface: String {
        var copy = self
        copy.body.html = ""
        copy.body.links = []
        copy.body.headings = copy.body.headings.map { var heading = $0; heading.line = 0; return heading }
        return String(describing: copy)
    }
}
