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

    /// Prints a copy of the page beside it (so its style sheets resolve), then removes it.
    private func printReport(_ folder: URL, period: Period) throws {
        let page = folder.appending(path: ".print-\(getpid())-\(period.id).html")
        let output = folder.appending(path: "report.pdf")
        let scratch = FileManager.default.temporaryDirectory.appending(path: "opsbook-pdf-\(getpid())-\(period.id)")
        defer {
            try? FileManager.default.removeItem(at: page)
            try? FileManager.default.removeItem(at: scratch)
        }
        try PDFPrint.printable(try Data(contentsOf: folder.appending(path: "index.html"))).write(to: page)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--no-first-run",
                             "--user-data-dir=\(scratch.path)", "--print-to-pdf=\(output.path)", page.absoluteString]
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let pdf = try? Data(contentsOf: output), pdf.starts(with: Data("%PDF".utf8)) else {
            let detail = String(decoding: message, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            throw PrintError(description: "\(chromium) could not print this report (exit \(process.terminationStatus)) \(detail)")
        }
        try PDFPrint.reproducible(pdf, day: period.end.adding(days: -1)).write(to: output)
    }
}

private struct PrintError: Error, CustomStringConvertible { var description: String }

private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ failure: String) { lock.withLock { list.append(failure) } }
    var all: [String] { lock.withLock { list.sorted() } }
}
