import Foundation

/// The whole pipeline, top to bottom: load → resolve → (gate) → render → write. Each step
/// is named and timed; errors stop the build before anything is rendered or written.
public struct Build {
    public struct Options: Sendable {
        public var content: URL
        public var templates: URL?
        /// Set SOURCE_DATE_EPOCH to stamp pages with a build time; otherwise none, so the
        /// same input gives the same bytes.
        public var sourceDateEpoch: Int?
        /// Who the build is for; everything above this level is left out.
        public var audience: Audience = .client
        /// Report each left-out thing as a note (`opsbook check --audience …`).
        public var explainAudience = false
        /// The time reports are evaluated at (ISO 8601, wall-clock in the site's time zone
        /// unless it has an offset); default SOURCE_DATE_EPOCH, else the data's own time (DataTime).
        public var asOf: String?
        /// `--broken-links`: overrides site.yaml's `broken_links`.
        public var brokenLinks: SiteConfig.BrokenLinks?

        public init(content: URL, templates: URL?, sourceDateEpoch: Int? = nil, asOf: String? = nil, audience: Audience = .client,
                    explainAudience: Bool = false) {
            self.audience = audience
            self.explainAudience = explainAudience
            self.content = content
            self.templates = templates
            self.sourceDateEpoch = sourceDateEpoch
            self.asOf = asOf
        }

        /// SOURCE_DATE_EPOCH as the reproducible-builds spec defines it: whole seconds since
        /// 1970, here up to the end of year 9999 so every date derived from it exists.
        public static func sourceDateEpoch(_ text: String) -> Int? {
            guard let seconds = Int(text.trimmingWhitespace), TimestampParser.range.contains(seconds) else { return nil }
            return seconds
        }

        /// Whether `text` is an as-of time Opsbook can read, for the command line to check early.
        public static func isValidAsOf(_ text: String) -> Bool {
            TimestampParser(patterns: [], time: LocalTime("UTC")).parse(text[...]) != nil
        }

        /// Never the clock: the same content gives the same reports on any day.
        func clock(_ content: Content) -> DataClock {
            if let asOf, let instant = TimestampParser(patterns: [], time: LocalTime(content.site.timezone)).parse(asOf[...]) {
                return DataClock(asOf: instant)
            }
            return sourceDateEpoch.map(DataClock.init(asOf:)) ?? DataClock(content: content)
        }

        /// Whether the as-of instant comes from the data, not from the flag or the environment.
        var asOfFromData: Bool { asOf == nil && sourceDateEpoch == nil }
    }

    public struct Step: Sendable {
        public var name: String
        public var seconds: Double
        public var detail: String
    }

    public struct Result {
        public var diagnostics: [Diagnostic]
        public var files: [OutputFile]
        public var steps: [Step]
        public var reports: ReportSet?
        public var succeeded: Bool { !diagnostics.hasErrors }
    }

    public let options: Options
    /// Called after each step with `[i/n] name (detail) time`, for a terminal.
    public var progress: ((String) -> Void)?

    public init(options: Options, progress: ((String) -> Void)? = nil) {
        self.options = options
        self.progress = progress
    }

    /// Runs every step; with `output` nil (the `check` command) nothing is written.
    /// Times each named step and reports it as `[i/n] name (detail) 0.12s`.
    private final class Steps {
        var done: [Step] = []
        let total: Int
        let progress: ((String) -> Void)?
        init(total: Int, progress: ((String) -> Void)?) { self.total = total; self.progress = progress }

        func run<T>(_ name: String, _ body: () -> (T, String)) -> T {
            let start = DispatchTime.now().uptimeNanoseconds, cpuStart = Self.cpuSeconds()
            let (value, detail) = body()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            done.append(Step(name: name, seconds: seconds, detail: detail))
            let cpu = Self.cpuSeconds() - cpuStart
            progress?(String(format: "[%d/%d] %@ (%@) %.2fs, CPU %.2fs, peak memory %d MiB", done.count, total, name, detail, seconds, cpu,
                             Self.peakMiB()))
            return value
        }

        /// The process's largest resident size so far: which step sets the build's peak.
        static func peakMiB() -> Int {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return usage.ru_maxrss / 1024
        }

        /// User and system time of the whole process so far: with the wall time, how well a
        /// step used the cores.
        static func cpuSeconds() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
    }

    /// Load, filter and resolve: what `build`, `check` and `report` all need before the
    /// error gate.
    /// `loadedPages`: the pages as loaded, before the audience filter (only a preview keeps them).
    private func prepare(_ step: Steps, log: DiagnosticLog) -> (
        theme: Theme, graph: SiteGraph, clock: DataClock, loadedPages: [Page], hidden: HiddenContent
    ) {
        let theme = step.run("load templates") { () -> (Theme, String) in
            let theme = Theme.load(overrides: options.templates, log: log)
            return (theme, "\(theme.files.count) files")
        }
        let loaded = step.run("load content") { () -> (Content, String) in
            let content = ContentLoader.load(from: options.content, audience: options.audience, log: log)
            return (content, "\(content.pages.count) pages, \(content.items.count) items")
        }
        var (content, hidden) = step.run("filter for \(options.audience.rawValue)") { () -> ((Content, HiddenContent), String) in
            let filtered = AudienceFilter.apply(loaded, audience: options.audience, log: log, explain: options.explainAudience)
            return (filtered, "\(loaded.pages.count - filtered.0.pages.count) pages left out")
        }
        if let brokenLinks = options.brokenLinks { content.site.brokenLinks = brokenLinks }
        // From everything loaded, so the client and the internal build evaluate at one time.
        let clock = options.clock(loaded)
        warnAboutTheFuture(loaded, asOf: clock.asOf, log: log)
        if options.asOfFromData { clock.warnAboutDerivedTimes(loaded, log: log) }
        let graph = step.run("resolve links") { () -> (SiteGraph, String) in
            let graph = Resolver.resolve(content, hidden: hidden, asOf: clock.asOf, log: log)
            return (graph, "\(graph.pageLinks.reduce(0) { $0 + $1.count }) links")
        }
        return (theme, graph, clock, loaded.pages, hidden)
    }

    /// Tickets opened after an as-of given by flag or environment are in no report: say so,
    /// once per export, rather than leave them out without a word.
    private func warnAboutTheFuture(_ content: Content, asOf: Int, log: DiagnosticLog) {
        let time = LocalTime(content.site.timezone)
        for export in content.ticketImports {
            let later = export.tickets.filter { $0.openedAt > asOf }
            guard let first = later.min(by: { $0.openedAt < $1.openedAt }) else { continue }
            log.warning(
                "tickets.after_as_of", at: SourceLocation(file: export.source, line: 1, column: 1),
                "\(later.count) ticket\(later.count == 1 ? " was" : "s were") opened after as-of \(time.iso(asOf)) (first: '\(first.id)' "
                    + "at \(time.iso(first.openedAt))); they are in no report until as-of reaches them")
        }
    }

    public func run(writingTo output: OutputSink?) -> Result {
        runKeepingState(writingTo: output).result
    }

    /// A build that also hands back what it computed on the way, for a preview server to
    /// update from; nil when the content has errors.
    func runKeepingState(writingTo output: OutputSink?) -> (result: Result, state: BuildState?) {
        let log = DiagnosticLog()
        let step = Steps(total: output == nil ? 6 : 7, progress: progress)
        let (theme, graph, clock, loadedPages, hidden) = prepare(step, log: log)
        guard !log.hasErrors else { return (Result(diagnostics: log.all, files: [], steps: step.done), nil) }

        let reports = step.run("compute reports") { () -> (ReportSet, String) in
            let reports = ReportSet(content: graph.content, clock: clock)
            return (reports, "\(reports.builder.tickets.count) tickets, \(reports.periods.count) periods")
        }
        let generatedAt = generatedAt(graph.content.site)
        let renderer = SiteRenderer(graph: graph, theme: theme, reports: reports, generatedAt: generatedAt)
        var session: OutputSession?
        do { session = try output?.open() } catch {
            writeFailed(error, output, log)
            return (Result(diagnostics: log.all, files: [], steps: step.done, reports: reports), nil)
        }
        let files = step.run("render") { () -> ([OutputFile], String) in
            let files = renderer.render(into: session)
            return (files, "\(files.count) files" + (session == nil ? "" : ", written as rendered"))
        }
        // The session refuses these too; here the build says which path.
        if case let .duplicatePath(path)? = OutputFailure.firstDuplicate(files) {
            session?.abandon()
            log.error("output.collision", at: SourceLocation(file: options.content.path, line: 1, column: 1),
                      "two outputs write '\(path)'; rename the page that has that path")
            return (Result(diagnostics: log.all, files: [], steps: step.done, reports: reports), nil)
        }
        if let session, let output {
            step.run("write") { () -> (Void, String) in
                do { try session.finish() } catch { writeFailed(error, output, log) }
                return ((), log.hasErrors ? "failed" : "swapped in")
            }
        }
        let result = Result(diagnostics: log.all, files: files, steps: step.done, reports: reports)
        return (result, BuildState(options: options, loadedPages: loadedPages, hidden: hidden, reports: reports, generatedAt: generatedAt,
                                   diagnostics: result.diagnostics, renderer: renderer))
    }

    private func writeFailed(_ error: Error, _ output: OutputSink?, _ log: DiagnosticLog) {
        log.error("output.write", at: SourceLocation(file: output?.name ?? "output", line: 1, column: 1),
                  "could not write the site; the previous one is untouched: \(error)")
    }

    /// One period's report, for `opsbook report`: every check of a build runs first, and
    /// nothing is written. Nil (with diagnostics) when the content has errors.
    public func report(_ period: Period) -> (diagnostics: [Diagnostic], report: Report?, json: String, csv: Data, html: String) {
        let log = DiagnosticLog()
        let (theme, graph, clock, _, _) = prepare(Steps(total: 4, progress: nil), log: log)
        guard !log.hasErrors else { return (log.all, nil, "", Data(), "") }
        let reports = ReportSet(content: graph.content, clock: clock, only: [period])
        let report = reports.report(period)
        let encoding = ReportEncoding(report: report, builder: reports.builder)
        let renderer = SiteRenderer(graph: graph, theme: theme, reports: reports, generatedAt: generatedAt(graph.content.site))
        return (log.all, report, encoding.jsonText, encoding.csv(labels: Labels.table(for: graph.content.site.language)),
                renderer.reportPage(period))
    }

    private func generatedAt(_ site: SiteConfig) -> String? {
        guard let epoch = options.sourceDateEpoch else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: site.timezone)
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(epoch)))
    }
}

/// Everything a successful build computed, kept by `opsbook serve` so that an edit to one
/// page re-renders that page instead of the site.
struct BuildState {
    var options: Build.Options
    /// The pages as loaded, before the audience filter.
    var loadedPages: [Page]
    var hidden: HiddenContent
    var reports: ReportSet
    var generatedAt: String?
    var diagnostics: [Diagnostic]
    /// The build's renderer, holding the resolved graph and the theme; kept because its
    /// indexes take a while at 10,000 pages.
    var renderer: SiteRenderer
    /// Edited in place through the renderer: a get-and-set would copy every page.
    var graph: SiteGraph {
        get { renderer.graph }
        _modify { yield &renderer.graph }
    }
    /// Built with the site and reused while no edit changes what links resolve to.
    var linkResolver: LinkResolver?

    mutating func replaceTheme(_ theme: Theme) {
        renderer = SiteRenderer(graph: graph, theme: theme, reports: reports, generatedAt: generatedAt)
    }
}
