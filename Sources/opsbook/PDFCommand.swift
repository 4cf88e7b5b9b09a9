import ArgumentParser
import Foundation
import OpsbookKit

/// `opsbook pdf`: every monthly, quarterly and yearly report of a built site printed to A4
/// by headless Chromium (`reports/PERIOD/report.pdf`): cover with sign-off block, contents,
/// running header and "第 x 页 / 共 y 页" come from the page's print style sheet.
struct PDFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdf",
        abstract: "Print the monthly, quarterly and yearly reports of a built site to PDF (reports/PERIOD/report.pdf).")
    @Option(help: "The built site (opsbook build's --output).") var site = "site"
    @Option(help: "The Chromium to print with.") var chromium = "chromium"
    @Option(help: "Reports printed at once.") var jobs = 2
    @Option(help: "Only these periods, comma-separated (2026-10,2026-Q4).") var only: String?
    @Flag(help: "Print nothing but problems.") var quiet = false

    func validate() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: site, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("--site '\(site)' is not a folder")
        }
        guard (1...16).contains(jobs) else { throw ValidationError("--jobs must be from 1 to 16") }
    }

    func run() throws {
        let siteURL = URL(fileURLWithPath: site).standardizedFileURL
        let folders = PDFPrint.reportFolders(in: siteURL, only: only.map { Set($0.split(separator: ",").map(String.init)) })
        let started = Date()
        let failures = Failures()
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = jobs
        for (period, folder) in folders {
            queue.addOperation {
                do { try printReport(folder, period: period) } catch { failures.add("\(folder.path)/index.html:1:1: error: \(error)") }
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        for failure in failures.all { FileHandle.standardError.write(Data((failure + "\n").utf8)) }
        if !failures.all.isEmpty { throw ExitCode(1) }
        if !quiet {
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            FileHandle.standardOutput.write(Data("printed \(folders.count) reports to PDF in \(seconds) s\n".utf8))
        }
    }

    /// Prints the report twice (see PDFContents): once with markers, to read where each
    /// section landed, then with those page numbers in the contents. Each print is a copy of
    /// the page beside it (so its style sheets resolve), removed afterwards.
    private func printReport(_ folder: URL, period: Period) throws {
        let page = folder.appending(path: ".print-\(getpid())-\(period.id).html")
        let output = folder.appending(path: "report.pdf")
        let first = FileManager.default.temporaryDirectory.appending(path: "opsbook-pdf-\(getpid())-\(period.id).pdf")
        let scratch = FileManager.default.temporaryDirectory.appending(path: "opsbook-pdf-\(getpid())-\(period.id)")
        defer {
            for path in [page, first, scratch] { try? FileManager.default.removeItem(at: path) }
        }
        let html = String(decoding: PDFPrint.printable(try Data(contentsOf: folder.appending(path: "index.html"))), as: UTF8.self)
        try Data(PDFContents.marked(html).utf8).write(to: page)
        try chromiumPrint(page, to: first, profile: scratch)
        let text = try run("pdftotext", ["-enc", "UTF-8", first.path, "-"], what: "read the first print's pages")
        let pages = PDFContents.pages(fromText: String(decoding: text, as: UTF8.self), anchors: PDFContents.anchors(in: html))
        try Data(PDFContents.numbered(html, pages: pages).utf8).write(to: page)
        try chromiumPrint(page, to: output, profile: scratch)
        let pdf = try Data(contentsOf: output)
        try PDFPrint.reproducible(pdf, day: period.end.adding(days: -1)).write(to: output)
    }

    /// One print of `page` to `output`, with the headings as the PDF's bookmarks (its outline).
    private func chromiumPrint(_ page: URL, to output: URL, profile: URL) throws {
        try? FileManager.default.removeItem(at: output)
        _ = try run(chromium, ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--no-first-run",
                               "--generate-pdf-document-outline", "--user-data-dir=\(profile.path)", "--print-to-pdf=\(output.path)",
                               page.absoluteString], what: "print this report")
        guard let pdf = try? Data(contentsOf: output), pdf.starts(with: Data("%PDF".utf8)) else {
            throw PrintError(description: "\(chromium) exited 0 but wrote no PDF for this report")
        }
    }

    /// Runs a tool to its end; its standard output, or an error naming the tool and its last line of errors.
    private func run(_ tool: String, _ arguments: [String], what: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read both pipes at once: a full one would stop the tool.
        let drained = Drained(errors.fileHandleForReading)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let detail = String(decoding: drained.wait(), as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            throw PrintError(description: "\(tool) could not \(what) (exit \(process.terminationStatus)) \(detail)")
        }
        return data
    }
}

/// A pipe read to its end on another thread.
private final class Drained: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()
    init(_ handle: FileHandle) {
        DispatchQueue.global().async { self.data = handle.readDataToEndOfFile(); self.done.signal() }
    }
    func wait() -> Data { done.wait(); return data }
}

private struct PrintError: Error, CustomStringConvertible { var description: String }

private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ failure: String) { lock.withLock { list.append(failure) } }
    var all: [String] { lock.withLock { list.sorted() } }
}
