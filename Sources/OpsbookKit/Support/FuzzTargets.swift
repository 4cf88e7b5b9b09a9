import Foundation

/// Every parser of user files, fed arbitrary bytes: `make fuzz` drives these under libFuzzer
/// (`Sources/opsbook-fuzz`), and `FuzzRegressionTests` replays each input kept under
/// `Tests/Fuzz/TARGET/`. An input may give any diagnostics; it must never trap or hang.
public enum FuzzTargets {
    public static let names = ["markdown", "yaml", "csv", "jsonl", "xlsx", "dates", "tickets", "http", "toml"]

    /// Runs one input through the target's parsers; false for an unknown target.
    @discardableResult
    public static func run(_ target: String, _ data: Data) -> Bool {
        let log = DiagnosticLog()
        let text = String(decoding: data, as: UTF8.self)
        switch target {
        case "markdown": runMarkdown(data, text, log: log)
        case "yaml": runYAML(data, text, log: log)
        case "csv": runCSV(data, text, log: log)
        case "jsonl": runJSONLines(data, text, log: log)
        case "xlsx": runXLSX(data, text, log: log)
        case "dates": runDates(data, text, log: log)
        case "tickets": return runTickets(data, log: log)
        case "toml": runTOML(data, text, log: log)
        case "http": runHTTP(data, text, log: log)
        default: return false
        }
        return true
    }

    /// Front matter and the Markdown stage, with raw HTML through the sanitizer.
    private static func runMarkdown(_ data: Data, _ text: String, log: DiagnosticLog) {
        let page = PageLoader.load(text: text, sourcePath: "knowledge/fuzz.md", file: "/fuzz/knowledge/fuzz.md",
                                   options: LoadOptions(audience: .client, rawHTML: .sanitize), log: log)
        _ = page.body.finished(hrefs: page.body.links.map { _ in "x" }, texts: [:])
        // Differential: LinkBottom's markers must never change what cmark-gfm makes of a text.
        if !text.fastContains(LinkBottom.markerText), data.count < 20_000 {
            let plain = MarkdownRenderer.html(text, unsafe: true),
                marked = MarkdownRenderer.html(text, unsafe: true, boundingLinks: true)
            if plain != marked { fatalError("LinkBottom changed the HTML:\n\(plain)\n---\n\(marked)") }
        }
    }

    /// Each YAML loader reads the same text, as a careless engineer could put it anywhere.
    private static func runYAML(_ data: Data, _ text: String, log: DiagnosticLog) {
        var content = Content(root: "/fuzz")
        _ = SiteConfigLoader.load(text: text, file: "/fuzz/site.yaml", log: log)
        content.sla = SLALoader.load(text: text, file: "/fuzz/sla.yaml", timezone: "Asia/Shanghai", log: log)
        content.team = TeamLoader.load(text: text, file: "/fuzz/team.yaml", log: log)
        content.items = InventoryLoader.load(text: text, file: "/fuzz/inventory/x.yaml", log: log)
        OperationsLoader.inspections(text: text, file: "/fuzz/inspections/x.yaml", into: &content, log: log)
        OperationsLoader.planned(text: text, file: "/fuzz/planned/x.yaml", into: &content, log: log)
        OperationsLoader.spares(text: text, file: "/fuzz/spares.yaml", into: &content, log: log)
        if let quarter = Period("2026-Q3") {
            OperationsLoader.scorecard(text: text, file: "/fuzz/scorecards/2026-Q3.yaml", quarter: quarter, into: &content, log: log)
        }
        _ = TicketSource.load(text: text, file: "/fuzz/tickets/x.yaml", siteTimezone: "Asia/Shanghai", log: log)
        _ = OperationsStatus(content: content, asOf: 1_790_000_000)
    }

    private static func runCSV(_ data: Data, _ text: String, log: DiagnosticLog) {
        for delimiter in [UInt8(ascii: ","), UInt8(ascii: ";"), 9] {
            let table = TableReader.delimited(text, delimiter: delimiter)
            table.forEachRow(in: 0..<table.count) { _, _, fields in
                for index in 0..<min(fields.count, 16) { _ = fields.start(ofField: index) }
            }
        }
    }

    private static func runJSONLines(_ data: Data, _ text: String, log: DiagnosticLog) {
        let (table, prefixes, _) = TableReader.jsonLines(text)
        let header = HeaderIndex(header: table.header, prefixes: prefixes)
        for name in table.header.prefix(8) { _ = header.position(of: name + "#2") }
    }

    private static func runXLSX(_ data: Data, _ text: String, log: DiagnosticLog) {
        _ = try? XLSXReader.read(data, sheet: nil, limit: 64 << 20)
    }

    private static func runDates(_ data: Data, _ text: String, log: DiagnosticLog) {
        let parser = TimestampParser(
            patterns: ["d/M/yyyy HH:mm", "dd/MMM/yy h:mm a", "yyyy/M/d H:mm"], time: LocalTime("Asia/Shanghai"))
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64) {
            _ = parser.parse(line)
            _ = SLADuration.parse(String(line), secondsPerDay: 27_000)
            _ = Day(String(line))
            _ = Period(String(line))
            _ = Build.Options.sourceDateEpoch(String(line))
        }
    }

    /// Hugo front matter: the TOML reader, then its YAML through the front-matter reader.
    private static func runTOML(_ data: Data, _ text: String, log: DiagnosticLog) {
        _ = PageLoader.load(text: "+++\n" + text + "\n+++\n# x\n", sourcePath: "knowledge/fuzz.md", file: "/fuzz/knowledge/fuzz.md",
                            log: log)
    }

    /// What `opsbook serve` reads of a request, fed in pieces as a socket would.
    private static func runHTTP(_ data: Data, _ text: String, log: DiagnosticLog) {
        let input = Array(data)
        var bytes: [UInt8] = []
        for start in stride(from: 0, to: input.count, by: 977) {
            let searched = bytes.count
            bytes.append(contentsOf: input[start..<min(start + 977, input.count)])
            if let end = HTTPRequestHead.endOfHead(in: bytes, from: searched - 3) {
                _ = try? HTTPRequestHead.parse(bytes[0..<end])
                break
            }
            if (try? HTTPRequestHead.checkIncomplete(bytes)) == nil { break }
        }
    }

    /// A whole export through its mapping: the input is the CSV, read with a fixed source
    /// that maps every field, as an event log and as a flat export.
    private static func runTickets(_ data: Data, log: DiagnosticLog) -> Bool {
        let folder = FileManager.default.temporaryDirectory.appending(path: "opsbook-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let export = folder.appending(path: "x.csv")
        guard (try? data.write(to: export)) != nil else { return true }
        for format in ["flat", "events"] {
            let yaml = """
                file: x.csv
                format: \(format)
                columns: {id: id, opened_at: opened, status: status, updated_at: updated, type: type, priority: priority, \
                tier: tier, resolved_at: resolved, first_response_at: responded, satisfaction: score, reopen_count: reopened, \
                title: title, tags: tags}
                defaults: {type: incident, priority: P3}
                states: {new: [new], open: [open], pending: [pending], resolved: [resolved], closed: [closed]}
                on_error: skip
                """
            guard let source = TicketSource.load(text: yaml, file: folder.appending(path: "x.yaml").path, siteTimezone: "UTC", log: log)
            else { continue }
            let imported = TicketImporter.run(source, root: folder, knownSystems: [], knownAssets: [], parallel: false, log: log)
            let asOf = imported.tickets.lazy.map(\.openedAt).max() ?? 0
            let builder = ReportBuilder(tickets: imported.tickets, sla: SLAPolicy(), asOf: asOf, timezone: "UTC")
            for period in builder.periodsWithTickets.prefix(4) {
                _ = ReportEncoding(report: builder.report(for: period), builder: builder).jsonData
            }
        }
        return true
    }
}
