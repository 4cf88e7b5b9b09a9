import ArgumentParser
import Foundation
import OpsbookKit

/// Shared options of the commands that read content.
struct ContentOptions: ParsableArguments {
    @Option(help: "The content folder.") var content = "content"
    @Option(help: "A folder of templates overriding the built-in theme file by file.") var templates = "templates"
    @Option(help: "Who the build is for: public, client (default) or internal. Higher levels are left out.")
    var audience = "client"
    @Option(
        name: .customLong("broken-links"),
        help: "error (default, or site.yaml's broken_links) or warn: report broken links as warnings and write the site.")
    var brokenLinks: String?
    @Option(
        name: .customLong("as-of"),
        help: "Evaluate reports at this time (ISO 8601; default SOURCE_DATE_EPOCH, else the newest time in the data).")
    var asOf: String?

    func validate() throws {
        guard Audience(rawValue: audience) != nil else { throw ValidationError("--audience must be public, client or internal") }
        if let asOf, !Build.Options.isValidAsOf(asOf) {
            throw ValidationError("--as-of '\(asOf)' is not an ISO 8601 date or date-time (2026-10-31 or 2026-10-31T18:00)")
        }
        if let brokenLinks, SiteConfig.BrokenLinks(rawValue: brokenLinks) == nil {
            throw ValidationError("--broken-links must be 'error' or 'warn'")
        }
        var isFolder: ObjCBool = false
        // The default templates folder is optional (the theme is built in); one named explicitly must exist.
        if templates != "templates", !(FileManager.default.fileExists(atPath: templates, isDirectory: &isFolder) && isFolder.boolValue) {
            throw ValidationError("--templates '\(templates)' is not a folder")
        }
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], Build.Options.sourceDateEpoch(epoch) == nil {
            throw ValidationError("SOURCE_DATE_EPOCH '\(epoch)' is not a whole number of seconds between 1970 and 9999")
        }
    }

    func buildOptions(explainAudience: Bool = false) -> Build.Options {
        let environment = ProcessInfo.processInfo.environment
        // The default folder is optional (the theme is built in); one named explicitly must exist.
        let templatesURL = URL(fileURLWithPath: templates)
        let useTemplates = FileManager.default.fileExists(atPath: templatesURL.path) || templates != "templates"
        var options = Build.Options(content: URL(fileURLWithPath: content), templates: useTemplates ? templatesURL : nil,
                                    sourceDateEpoch: environment["SOURCE_DATE_EPOCH"].flatMap(Build.Options.sourceDateEpoch), asOf: asOf,
                                    audience: Audience(rawValue: audience) ?? .client, explainAudience: explainAudience)
        options.brokenLinks = brokenLinks.flatMap(SiteConfig.BrokenLinks.init(rawValue:))
        return options
    }
}

/// Prints diagnostics like a compiler and turns the result into the documented exit code.
func printDiagnostics(_ diagnostics: [Diagnostic]) {
    let cwd = FileManager.default.currentDirectoryPath
    for diagnostic in diagnostics {
        FileHandle.standardError.write(Data((diagnostic.formatted(relativeTo: cwd) + "\n").utf8))
    }
}

func finish(_ result: Build.Result, quiet: Bool) throws {
    printDiagnostics(result.diagnostics)
    let errors = result.diagnostics.filter { $0.severity == .error }.count
    let warnings = result.diagnostics.filter { $0.severity == .warning }.count
    if !quiet || errors > 0 {
        FileHandle.standardError.write(Data("\(errors) error(s), \(warnings) warning(s)\n".utf8))
    }
    if errors > 0 { throw ExitCode(1) }
}

/// `timings`: the step lines are printed even under --quiet and when standard error is not a
/// terminal (a benchmark's log, CI).
func progressPrinter(quiet: Bool, timings: Bool = false) -> ((String) -> Void)? {
    guard timings || (!quiet && isatty(STDERR_FILENO) != 0) else { return nil }
    return { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
}

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the site into the output folder.")
    @OptionGroup var options: ContentOptions
    @Option(help: "The output folder; replaced only when the build succeeds.") var output = "site"
    @Flag(help: "Print nothing but problems.") var quiet = false
    @Flag(help: "Print each step's time, CPU time and peak memory, also with --quiet and when not on a terminal.")
    var timings = false

    func run() throws {
        guard !options.templates.isEmpty, !output.isEmpty else { throw ValidationError("folders cannot be empty") }
        let buildOptions = options.buildOptions()
        let target = DirectoryOutput(directory: URL(fileURLWithPath: output),
                                     protecting: [buildOptions.content] + (buildOptions.templates.map { [$0] } ?? []))
        // Before any work: a wrong --output must never cost the user a folder.
        if let refusal = target.refusal() { throw ValidationError("--output: \(refusal)") }
        let build = Build(options: buildOptions, progress: progressPrinter(quiet: quiet, timings: timings))
        let result = build.run(writingTo: target)
        try finish(result, quiet: quiet)
        if !quiet { print("wrote \(result.files.count) files to \(output)") }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Report every problem in the content; write nothing.")
    @OptionGroup var options: ContentOptions
    @Flag(help: "Print nothing but problems.") var quiet = false

    func run() throws {
        // Naming an audience asks what that build would leave out, and why.
        let explain = CommandLine.arguments.contains { $0 == "--audience" || $0.hasPrefix("--audience=") }
        let result = Build(options: options.buildOptions(explainAudience: explain), progress: progressPrinter(quiet: quiet)).run(
            writingTo: nil)
        try finish(result, quiet: quiet)
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Print one period's service report to stdout.")
    @OptionGroup var options: ContentOptions
    @Option(help: "The period: 2026-10-15, 2026-W42, 2026-10, 2026-Q4, 2026-H2 or 2026.") var period: String
    @Option(help: "json, csv or html.") var format = "json"

    func validate() throws {
        guard Period(period) != nil else {
            throw ValidationError(
                "--period '\(period)' is not a day, ISO week, month, quarter, half-year or year "
                    + "(2026-10-15, 2026-W42, 2026-10, 2026-Q4, 2026-H2, 2026)")
        }
        guard ["json", "csv", "html"].contains(format) else { throw ValidationError("--format must be json, csv or html") }
    }

    func run() throws {
        let result = Build(options: options.buildOptions()).report(Period(period)!)
        let cwd = FileManager.default.currentDirectoryPath
        for diagnostic in result.diagnostics where diagnostic.severity == .error {
            FileHandle.standardError.write(Data((diagnostic.formatted(relativeTo: cwd) + "\n").utf8))
        }
        guard result.report != nil else { throw ExitCode(1) }
        switch format {
        case "csv": FileHandle.standardOutput.write(result.csv)
        case "html": FileHandle.standardOutput.write(Data(result.html.utf8))
        default: FileHandle.standardOutput.write(Data(result.json.utf8))
        }
    }
}

struct Opsbook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opsbook",
        abstract: "Compile an operations team's content/ folder into a cross-linked knowledge base.",
        subcommands: [BuildCommand.self, CheckCommand.self, ReportCommand.self, ServeCommand.self, PDFCommand.self]
    )
}

// Exit codes are part of the contract: 0 success, 1 content errors, 2 bad usage
// (ArgumentParser's own default for usage errors is 64).
do {
    var command = try Opsbook.parseAsRoot()
    try command.run()
} catch {
    let code = Opsbook.exitCode(for: error)
    if code == .success || code.rawValue == 1 {
        Opsbook.exit(withError: error)
    }
    FileHandle.standardError.write(Data((Opsbook.fullMessage(for: error) + "\n").utf8))
    exit(2)
}
