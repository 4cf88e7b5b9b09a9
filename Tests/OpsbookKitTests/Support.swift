import Foundation
import XCTest
@testable import OpsbookKit

/// The repository root and the public test corpora vendored under `Tests/Corpora/`.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpora = root.appending(path: "Tests/Corpora")

    static func corpus(_ path: String) throws -> URL {
        let url = corpora.appending(path: path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CorpusMissing(path: url.path)
        }
        return url
    }

    /// The built `opsbook` binary (the test target depends on it, so it is built first).
    static var binary: URL {
        let products = Bundle.main.bundleURL
        let candidate = products.appending(path: "opsbook")
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        return root.appending(path: ".build/debug/opsbook")
    }
}

struct CorpusMissing: Error, CustomStringConvertible {
    var path: String
    var description: String { "test corpus missing at \(path): the corpora are vendored under Tests/Corpora/" }
}

/// A content folder on disk, made from a path → text dictionary, removed afterwards.
final class Fixture {
    let directory: URL
    var content: URL { directory.appending(path: "content") }

    init(_ files: [String: String]) throws {
        directory = FileManager.default.temporaryDirectory.appending(path: "opsbook-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appending(path: "content"), withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let url = content.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func path(_ relative: String) -> String { content.appending(path: relative).path }

    /// A copy of a corpus file in a content folder (exports are read only from inside content/).
    func copy(_ file: URL, to folder: String) throws {
        let target = content.appending(path: folder)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: file, to: target.appending(path: file.lastPathComponent))
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Loads and resolves in process, as `opsbook check` does.
    func check(templates: URL? = nil) -> Build.Result {
        Build(options: .init(content: content, templates: templates)).run(writingTo: nil)
    }

    /// Builds in process into memory.
    func build(templates: URL? = nil) -> (result: Build.Result, files: [String: Data]) {
        let memory = MemoryOutput()
        let result = Build(options: .init(content: content, templates: templates)).run(writingTo: memory)
        return (result, memory.files)
    }
}

struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the real binary, as a user or CI would.
func runOpsbook(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> ProcessResult {
    let process = Process()
    process.executableURL = Repo.binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "SOURCE_DATE_EPOCH")
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

extension Build.Result {
    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    func ids(_ severity: Diagnostic.Severity? = nil) -> [String] {
        diagnostics.filter { severity == nil || $0.severity == severity }.map(\.id)
    }
}

/// Every href and src in the HTML files of a built site that points inside it must name a
/// file of the site: the "no broken internal link" guarantee, checked as a browser resolves.
func brokenInternalLinks(in files: [String: Data]) -> [String] {
    var broken: [String] = []
    let pattern = /(?:href|src)="([^"]*)"/
    for (path, data) in files where path.hasSuffix(".html") {
        let html = String(decoding: data, as: UTF8.self)
        let folder = path.split(separator: "/").dropLast().joined(separator: "/")
        for match in html.matches(of: pattern) {
            var target = String(match.output.1).replacingOccurrences(of: "&amp;", with: "&")
            if target.isEmpty || target.hasPrefix("#") || target.contains(":") || target.hasPrefix("//") { continue }
            // pagefind/ is written by the search indexer after the build (make site); the
            // browser tests check those links on an indexed site.
            if target.contains("pagefind/") { continue }
            // Likewise report.pdf, printed by `opsbook pdf` (test_pdf.py checks them).
            if path.hasPrefix("reports/"), target.hasSuffix("/report.pdf") { continue }
            if let hash = target.firstIndex(of: "#") { target = String(target[..<hash]) }
            target = target.removingPercentEncoding ?? target
            var parts = folder.split(separator: "/").map(String.init)
            for part in target.split(separator: "/") {
                if part == ".." { if !parts.isEmpty { parts.removeLast() } else { parts.append("<outside>") } }
                else if part != "." { parts.append(String(part)) }
            }
            var resolved = parts.joined(separator: "/")
            if target.hasSuffix("/") || resolved.isEmpty { resolved += (resolved.isEmpty ? "" : "/") + "index.html" }
            if files[resolved] == nil { broken.append("\(path) → \(match.output.1)") }
        }
    }
    return broken.sorted()
}

/// Every regular file under a folder, by relative path: a built site as a test compares it.
func tree(_ directory: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
    for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
        files[String(url.standardizedFileURL.path.dropFirst(directory.standardizedFileURL.path.count + 1))] = try Data(contentsOf: url)
    }
    return files
}
