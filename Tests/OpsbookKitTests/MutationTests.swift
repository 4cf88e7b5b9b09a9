import XCTest
@testable import OpsbookKit

/// Hundreds of careless edits per run to a copy of the demo — flipped bytes, cut, doubled and
/// dropped lines, values swapped between keys, a missing closing `---`, NUL, invalid UTF-8 —
/// each must give diagnostics with real positions or a clean build: never a trap. A sample
/// goes through the real binary: exit 0 or 1, every stderr line a diagnostic or the summary,
/// and after a failure the previous site byte for byte. Seeded: the same edits every run.
final class MutationTests: XCTestCase {
    /// Bounded so `make test` stays within a few minutes on 2 cores (about 0.17 s an edit in a debug build).
    static let inProcessEdits = 600

    /// The demo, with its two long data files cut down so one check takes milliseconds.
    static func baseFiles() throws -> [String: Data] {
        let root = Repo.root.appending(path: "content")
        var files: [String: Data] = [:]
        for path in ContentLoader.listFiles(under: root, log: DiagnosticLog()) {
            var data = try Data(contentsOf: root.appending(path: path))
            if path == "tickets/service-desk-2026.csv" {
                data = Data(data.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(400).joined(separator: [0x0A]))
            }
            if path == "inspections/records-2026.yaml" {
                // Whole records only: cut before the 60th "  - schedule:".
                let text = String(decoding: data, as: UTF8.self)
                let parts = text.components(separatedBy: "\n  - schedule:")
                data = Data(parts.prefix(60).joined(separator: "\n  - schedule:").utf8)
            }
            files[path] = data
        }
        return files
    }

    struct Mutator {
        var random: SeededRandom

        mutating func mutate(_ data: Data, path: String) -> (Data, String) {
            var bytes = Array(data)
            var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            func joined() -> [UInt8] { Array(lines.joined(separator: [0x0A])) }
            guard !bytes.isEmpty else { return (Data([0x00]), "NUL into an empty file") }
            switch random.int(0...7) {
            case 0:
                let at = random.int(0...bytes.count - 1)
                bytes[at] ^= UInt8(random.int(1...255))
                return (Data(bytes), "flip byte \(at)")
            case 1:
                let line = random.int(0...lines.count - 1)
                lines[line] = Array(lines[line].prefix(random.int(0...max(lines[line].count, 1))))
                return (Data(joined()), "cut line \(line + 1)")
            case 2:
                let line = random.int(0...lines.count - 1)
                lines.insert(lines[line], at: line)
                return (Data(joined()), "double line \(line + 1)")
            case 3:
                let line = random.int(0...lines.count - 1)
                lines.remove(at: line)
                return (Data(joined()), "drop line \(line + 1)")
            case 4:
                // Values swapped between two `key: value` lines.
                let keyed = lines.indices.filter { lines[$0].firstIndex(of: UInt8(ascii: ":")) != nil }
                guard keyed.count >= 2 else { return (Data(bytes + [0xFF]), "invalid UTF-8 at the end") }
                let a = random.pick(keyed), b = random.pick(keyed)
                func split(_ line: [UInt8]) -> ([UInt8], [UInt8]) {
                    let colon = line.firstIndex(of: UInt8(ascii: ":"))!
                    return (Array(line[...colon]), Array(line[(colon + 1)...]))
                }
                let (keyA, valueA) = split(lines[a]), (keyB, valueB) = split(lines[b])
                lines[a] = keyA + valueB
                lines[b] = keyB + valueA
                return (Data(joined()), "swap values of lines \(a + 1) and \(b + 1)")
            case 5:
                if let second = lines.indices.dropFirst().first(where: { lines[$0] == Array("---".utf8) }), lines.first == Array("---".utf8)
                {
                    lines.remove(at: second)
                    return (Data(joined()), "drop the closing ---")
                }
                return (Data(bytes.dropLast(random.int(0...min(bytes.count, 40)))), "truncate the end")
            case 6:
                bytes.insert(0x00, at: random.int(0...bytes.count))
                return (Data(bytes), "NUL")
            default:
                bytes.insert(contentsOf: [0xFF, 0xFE, 0xC3], at: random.int(0...bytes.count))
                return (Data(bytes), "invalid UTF-8")
            }
        }
    }

    func write(_ files: [String: Data], to content: URL) throws {
        for (path, data) in files {
            let url = content.appending(path: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
    }

    /// Every diagnostic points into a file of the content folder at a real line and column.
    func assertPositions(_ diagnostics: [Diagnostic], content: URL, _ what: String) {
        for diagnostic in diagnostics {
            let where_ = diagnostic.formatted(relativeTo: "/")
            XCTAssertGreaterThanOrEqual(diagnostic.location.line, 1, "\(what): \(where_)")
            XCTAssertGreaterThanOrEqual(diagnostic.location.column, 1, "\(what): \(where_)")
            XCTAssertTrue(diagnostic.location.file.hasPrefix(content.path), "\(what): \(where_)")
            XCTAssertFalse(diagnostic.message.isEmpty, what)
        }
    }

    func testCarelessEditsLoadResolveAndReportWithoutATrap() throws {
        // Every data file and a dozen pages: links to the pages left out are errors, which
        // is fine here — what is checked is that every problem has a position and nothing traps.
        let all = try Self.baseFiles()
        let pages = all.keys.filter { $0.hasSuffix(".md") }.sorted()
        let base = all.filter { !$0.key.hasSuffix(".md") || pages.prefix(12).contains($0.key) }
        let fixture = try Fixture([:])
        try write(base, to: fixture.content)
        var mutator = Mutator(random: SeededRandom(seed: 13))
        let paths = base.keys.sorted()
        let started = Date()
        for round in 0..<Self.inProcessEdits {
            let path = mutator.random.pick(paths)
            let (mutated, edit) = mutator.mutate(base[path]!, path: path)
            try mutated.write(to: fixture.content.appending(path: path))
            let log = DiagnosticLog()
            let content = ContentLoader.load(from: fixture.content, log: log)
            let graph = Resolver.resolve(content, asOf: DataTime.newest(in: content), log: log)
            // Only the latest month (computed on demand): every period of a year, 600 times, is minutes.
            let reports = ReportSet(content: graph.content, asOf: DataTime.newest(in: content) ?? 0, only: [])
            if let month = reports.latestMonth { _ = ReportEncoding(report: reports.report(month), builder: reports.builder).jsonData }
            assertPositions(log.all, content: fixture.content, "round \(round), \(path): \(edit)")
            try base[path]!.write(to: fixture.content.appending(path: path))
        }
        print("mutation test: \(Self.inProcessEdits) edits loaded, resolved and reported in \(Int(Date().timeIntervalSince(started))) s")
    }

    func testEditsThroughTheBinaryExitCleanlyAndKeepTheSite() throws {
        let base = try Self.baseFiles()
        let fixture = try Fixture([:])
        try write(base, to: fixture.content)
        let output = fixture.directory.appending(path: "site")
        let first = try runOpsbook(["build", "--output", output.path, "--quiet"], in: fixture.directory)
        XCTAssertEqual(first.status, 0, first.stderr)
        var lastGood = try tree(output)
        var mutator = Mutator(random: SeededRandom(seed: 1313))
        let paths = base.keys.sorted()
        let diagnosticLine = /^.+:\d+:\d+: (error|warning|note): .+ \[[a-z0-9._-]+\]$/
        let summaryLine = /^\d+ error\(s\), \d+ warning\(s\)$/
        var failures = 0
        for round in 0..<24 {
            let path = mutator.random.pick(paths)
            let (mutated, edit) = mutator.mutate(base[path]!, path: path)
            try mutated.write(to: fixture.content.appending(path: path))
            let run = try runOpsbook(["build", "--output", output.path, "--quiet"], in: fixture.directory)
            let what = "round \(round), \(path): \(edit)"
            XCTAssertTrue(run.status == 0 || run.status == 1, "\(what): exit \(run.status)\n\(run.stderr.suffix(2_000))")
            for line in run.stderr.split(separator: "\n") {
                XCTAssertTrue(line.wholeMatch(of: diagnosticLine) != nil || line.wholeMatch(of: summaryLine) != nil, "\(what): \(line)")
            }
            if run.status == 1 {
                failures += 1
                XCTAssertEqual(try tree(output), lastGood, "\(what): a failed build changed the site")
            } else if run.status == 0 {
                lastGood = try tree(output)
            }
            try base[path]!.write(to: fixture.content.appending(path: path))
        }
        XCTAssertGreaterThan(failures, 5, "the edits do break the content")
    }
}
