import Foundation

/// Stage 1: reads every file under `content/` into a Content value. File access happens
/// here and nowhere later; each file's parsing is a pure function of its text.
public enum ContentLoader {
    /// `audience` decides which parts of Markdown marked internal are kept; the rest of the
    /// filtering is AudienceFilter's, after loading.
    /// `parallel: false` loads on one thread (tests compare the two).
    public static func load(from directory: URL, audience: Audience = .internal, parallel: Bool = true, log: DiagnosticLog) -> Content {
        let root = directory.standardizedFileURL
        var content = Content(root: root.path)
        guard (try? root.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true else {
            log.error("content.missing", at: SourceLocation(file: root.path, line: 1, column: 1), "content folder does not exist")
            return content
        }
        let files = listFiles(under: root, log: log)
        if let site = files.first(where: { $0 == "site.yaml" }), let text = SourceText.read(root.appending(path: site), log: log) {
            content.site = SiteConfigLoader.load(text: text, file: root.appending(path: site).path, log: log)
        }
        let options = LoadOptions(audience: audience, rawHTML: content.site.rawHTML, language: content.site.language)
        let markdownPaths = files.filter(isMarkdown)
        let (parsed, parsedInventories) = loadInParallel(markdownPaths, inventories: files.filter(isInventory), root: root,
                                                         options: options, parallel: parallel, log: log)
        var pages = zip(markdownPaths, parsed).makeIterator(), inventories = parsedInventories
        let lastCommits = GitHistory.lastCommitDays(in: root)
        for path in files {
            if isMarkdown(path) {
                guard let (loaded, text) = pages.next()?.1 else { continue }
                var page = loaded
                page.lastUpdated = lastCommits[page.sourcePath]
                if let period = Content.narrativePeriod(page.sourcePath) {
                    page.actions = PeopleLoader.narrativeActions(page, text: text, period: period, log: log)
                }
                content.pages.append(page)
                if page.sourcePath.hasPrefix("planned/") { OperationsLoader.plannedPage(page, text: text, into: &content, log: log) }
            } else if let items = inventories.removeValue(forKey: path) {
                content.items += items ?? []
            } else if !readYAML(path, root: root, options: options, into: &content, log: log) {
                content.files.insert(path)
            }
        }
        loadTickets(into: &content, root: root, files: files, parallel: parallel, log: log)
        content.visits.sort { ($0.date, $0.id) < ($1.date, $1.id) }
        content.surveys.sort { ($0.year, $0.half) < ($1.year, $1.half) }
        PeopleChecks.check(content, log: log)
        AvailabilityChecks.check(&content, log: log)
        return content
    }

    /// Markdown pages and inventory files are independent of each other: read and parse them on
    /// every core. An inventory file is a job of its own, started first: the bench's one file of
    /// 2,500 items took a tenth of a second, which one core spent alone after the pages.
    private static func loadInParallel(_ markdownPaths: [String], inventories inventoryPaths: [String], root: URL, options: LoadOptions,
                                       parallel: Bool, log: DiagnosticLog) -> ([(Page, String)?], [String: [InventoryItem]?]) {
        let chunk = 256, chunks = (markdownPaths.count + chunk - 1) / chunk
        let jobs = parallelMap(inventoryPaths.count + chunks, parallel: parallel) { job -> ParallelLoad in
            let root = URL(fileURLWithPath: String(decoding: Array(root.path.utf8), as: UTF8.self))  // this core's own (see parallelRanges)
            guard job >= inventoryPaths.count else {
                let url = root.appending(path: inventoryPaths[job])
                let text = SourceText.read(url, log: log)
                return .items(text.map { InventoryLoader.load(text: $0, file: url.path, options: options, log: log) })
            }
            let first = (job - inventoryPaths.count) * chunk
            return .pages((first..<min(markdownPaths.count, first + chunk)).map {
                loadPage(markdownPaths[$0], root: root, options: options, log: log)
            })
        }
        let inventories = zip(inventoryPaths, jobs).reduce(into: [String: [InventoryItem]?]()) { found, pair in
            if case let .items(items) = pair.1 { found[pair.0] = items }
        }
        return (jobs.flatMap { job -> [(Page, String)?] in if case let .pages(pages) = job { pages } else { [] } }, inventories)
    }

    /// Reads a YAML file by where it is; false for a file that is not YAML (a download).
    /// site.yaml, sla.yaml and tickets/*.yaml are read elsewhere; other YAML is ignored.
    private static func readYAML(_ path: String, root: URL, options: LoadOptions, into content: inout Content, log: DiagnosticLog) -> Bool {
        guard path.hasSuffix(".yaml") || path.hasSuffix(".yml") else { return false }
        let url = root.appending(path: path), file = url.path, isYAML = path.hasSuffix(".yaml")
        func read() -> String? { SourceText.read(url, log: log) }
        // First: in inventory/ or inspections/ it was read as their data, and its audience never applied.
        if path.hasSuffix("_folder.yaml") {
            readFolderDefaults(url: url, folder: String(path.dropLast("_folder.yaml".count)), into: &content, log: log)
        } else if path.hasPrefix("inventory/") {
            if let text = read() { content.items += InventoryLoader.load(text: text, file: file, options: options, log: log) }
        } else if path == "team.yaml" {
            if let text = read() { content.team = TeamLoader.load(text: text, file: file, log: log) }
        } else if path.hasPrefix("inspections/") {
            if let text = read() { OperationsLoader.inspections(text: text, file: file, options: options, into: &content, log: log) }
        } else if path.hasPrefix("planned/") {
            if let text = read() { OperationsLoader.planned(text: text, file: file, into: &content, log: log) }
        } else if path == "spares.yaml" {
            if let text = read() { OperationsLoader.spares(text: text, file: file, into: &content, log: log) }
        } else if path.hasPrefix("scorecards/"), isYAML {
            guard let text = read() else { return true }
            guard let quarter = Period(String(path.dropFirst("scorecards/".count).dropLast(5))), quarter.kind == .quarter else {
                log.error("scorecard.file", at: SourceLocation(file: file, line: 1, column: 1),
                          "scorecard files are named after their quarter, like scorecards/2026-Q3.yaml")
                return true
            }
            OperationsLoader.scorecard(text: text, file: file, quarter: quarter, into: &content, log: log)
        } else if path == "outages.yaml" {
            guard let text = read() else { return true }
            content.outages += OutageLoader.load(text: text, file: file, timezone: content.site.timezone, log: log)
            content.hasOutageRecords = true
        } else if path == "staffing.yaml" {
            if let text = read() { content.staffing = PeopleLoader.staffing(text: text, file: file, log: log) }
        } else if path == "training.yaml" {
            if let text = read() { content.training = PeopleLoader.training(text: text, file: file, log: log) }
        } else if path.hasPrefix("visits/"), isYAML {
            let id = String(path.dropFirst("visits/".count).dropLast(5))
            if let text = read(), let visit = PeopleLoader.visit(text: text, file: file, id: id, log: log) { content.visits.append(visit) }
        } else if path.hasPrefix("surveys/"), isYAML {
            let name = String(path.dropFirst("surveys/".count).dropLast(5))
            if let text = read(), let survey = SurveyLoader.load(text: text, file: file, name: name, log: log) {
                content.surveys.append(survey)
            }
        }
        return true
    }

    private static func isMarkdown(_ path: String) -> Bool { path.hasSuffix(".md") || path.hasSuffix(".markdown") }

    /// What readYAML reads as inventory (folder defaults are read there, first).
    private static func isInventory(_ path: String) -> Bool {
        path.hasPrefix("inventory/") && (path.hasSuffix(".yaml") || path.hasSuffix(".yml")) && !path.hasSuffix("_folder.yaml")
    }

    /// One job of the parallel part of loading: an inventory file's items (nil: unreadable) or a run of pages.
    private enum ParallelLoad {
        case items([InventoryItem]?)
        case pages([(Page, String)?])
    }

    private static func loadPage(_ path: String, root: URL, options: LoadOptions, log: DiagnosticLog) -> (Page, String)? {
        let url = root.appending(path: path)
        guard let text = SourceText.read(url, log: log) else { return nil }
        let normalized = path.hasSuffix(".markdown") ? String(path.dropLast(9)) + ".md" : path
        let planned = normalized.hasPrefix("planned/"), narrative = Content.narrativePeriod(normalized) != nil
        let page = PageLoader.load(
            text: text, sourcePath: normalized, file: url.path,
            extraKeys: planned ? OperationsLoader.plannedKeys : narrative ? ["actions"] : [], options: options, log: log)
        return (page, planned || narrative ? text : "")
    }


    /// `FOLDER/_folder.yaml` sets defaults for everything under FOLDER (today: `audience`).
    private static func readFolderDefaults(url: URL, folder: String, into content: inout Content, log: DiagnosticLog) {
        guard let text = SourceText.read(url, log: log),
              let fields = YAMLValue.parse(text, file: url.path, lineOffset: 0, log: log)?.mapping else { return }
        fields.reportUnknownKeys(allowed: ["audience"], what: "_folder.yaml", log: log)
        if let audience = AudienceKey.read(fields, log: log).0 { content.folderAudiences[folder] = audience }
    }

    /// Ticket exports come last: their rows name systems and items, which must be known.
    private static func loadTickets(into content: inout Content, root: URL, files: [String], parallel: Bool, log: DiagnosticLog) {
        if files.contains("sla.yaml"), let text = SourceText.read(root.appending(path: "sla.yaml"), log: log) {
            content.sla = SLALoader.load(text: text, file: root.appending(path: "sla.yaml").path, timezone: content.site.timezone, log: log)
        }
        let systems = Set(content.pages.filter { $0.type == .system }.map(\.id))
        let assets = Set(content.items.map(\.id))
        for path in files where path.hasPrefix("tickets/") && (path.hasSuffix(".yaml") || path.hasSuffix(".yml")) {
            let url = root.appending(path: path)
            guard let text = SourceText.read(url, log: log),
                let source = TicketSource.load(text: text, file: url.path, siteTimezone: content.site.timezone, log: log)
            else { continue }
            let imported = TicketImporter.run(source, root: root, knownSystems: systems, knownAssets: assets, parallel: parallel, log: log)
            warnUnmatched(imported, source: source, sla: content.sla, log: log)
            content.ticketImports.append(imported)
        }
        // The exports themselves are data, never pages or downloads.
        let exports = Set(files.filter { $0.hasPrefix("tickets/") })
        content.files.subtract(exports)
    }

    /// Once per export: tickets that no SLA policy matches are counted apart, never silently
    /// left out of the SLA figures.
    private static func warnUnmatched(_ imported: TicketImport, source: TicketSource, sla: SLAPolicy, log: DiagnosticLog) {
        guard !sla.rules.isEmpty else { return }
        // On every core, counting only: a million tickets are matched once more here.
        let tickets = imported.tickets
        let chunks = parallelRanges(tickets.count, chunk: 65_536) { range -> (count: Int, first: [String]) in
            var count = 0, first: [String] = []
            for index in range where sla.ruleIndex(for: tickets[index]) == nil {
                count += 1
                if first.count < 5 { first.append(tickets[index].id) }
            }
            return (count, first)
        }
        let count = chunks.reduce(0) { $0 + $1.count }
        guard count > 0 else { return }
        let first = chunks.flatMap(\.first).prefix(5).map { "'\($0)'" }.joined(separator: ", ")
        log.warning("tickets.sla_unmatched", at: source.location,
                    "\(count) ticket\(count == 1 ? "" : "s") of '\(source.export)' match no SLA policy (\(first)"
                        + (count > 5 ? ", …" : "") + "): counted as tickets.sla_unmatched, without response, on-site "
                        + "or resolution clocks; add a policy in sla.yaml")
    }

    /// Relative paths of regular files, sorted; hidden files and links leading outside the
    /// folder are skipped so nothing outside content/ can reach the site (FileTree).
    static func listFiles(under root: URL, log: DiagnosticLog) -> [String] {
        FileTree(root: root, log: log).files()
    }
}
