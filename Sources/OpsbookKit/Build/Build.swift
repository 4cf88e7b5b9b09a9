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

        public init(content: URL, templates: URL?, sourceDateEpoch: Int? = nil) {
            self.content = content
            self.templates = templates
            self.sourceDateEpoch = sourceDateEpoch
        }
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
    public func run(writingTo output: OutputSink?) -> Result {
        let log = DiagnosticLog()
        var steps: [Step] = []
        let total = output == nil ? 4 : 5
        func step<T>(_ name: String, _ body: () -> (T, String)) -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            let (value, detail) = body()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            steps.append(Step(name: name, seconds: seconds, detail: detail))
            progress?(String(format: "[%d/%d] %@ (%@) %.2fs", steps.count, total, name, detail, seconds))
            return value
        }

        let theme = step("load templates") { () -> (Theme, String) in
            let theme = Theme.load(overrides: options.templates, log: log)
            return (theme, "\(theme.files.count) files")
        }
        let content = step("load content") { () -> (Content, String) in
            let content = ContentLoader.load(from: options.content, log: log)
            return (content, "\(content.pages.count) pages, \(content.items.count) items")
        }
        let graph = step("resolve links") { () -> (SiteGraph, String) in
            let graph = Resolver.resolve(content, log: log)
            return (graph, "\(graph.pageLinks.reduce(0) { $0 + $1.count }) links")
        }
        guard !log.hasErrors else { return Result(diagnostics: log.all, files: [], steps: steps) }

        let files = step("render") { () -> ([OutputFile], String) in
            let files = SiteRenderer(graph: graph, theme: theme, generatedAt: generatedAt(graph.content.site)).render()
            return (files, "\(files.count) files")
        }
        if let output {
            step("write") { () -> (Void, String) in
                do { try output.write(files) } catch {
                    log.error("output.write", at: SourceLocation(file: options.content.path, line: 1, column: 1),
                              "could not write the site: \(error)")
                }
                return ((), log.hasErrors ? "failed" : "done")
            }
        }
        return Result(diagnostics: log.all, files: files, steps: steps)
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
