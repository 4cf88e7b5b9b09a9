import XCTest
@testable import OpsbookKit

/// Careless and hostile input: the build never deletes what it did not write, never reads
/// outside content/, never publishes an internal part because of a typo, and answers bad
/// flags and environment with a usage error (exit 2) instead of guessing.
final class HostileInputTests: XCTestCase {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "opsbook-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appending(path: "content"), withIntermediateDirectories: true)
        try Data("# 首页\n".utf8).write(to: url.appending(path: "content/index.md"))
        try Data("keep me\n".utf8).write(to: url.appending(path: "content/notes.txt"))
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    // MARK: It never deletes the user's files

    func testOutputFolderMustBeAPreviousOpsbookOutput() throws {
        let root = try folder()
        try Data("x\n".utf8).write(to: root.appending(path: "site.txt"))
        try FileManager.default.createDirectory(at: root.appending(path: "mine"), withIntermediateDirectories: true)
        try Data("thesis\n".utf8).write(to: root.appending(path: "mine/thesis.md"))
        let cases: [(output: String, reason: String)] = [
            ("content", "is the folder"), (".", "contains"), (root.path, "contains"), ("content/site", "is inside"),
            ("site.txt", "is an existing file"), ("mine", "was not written by Opsbook"),
        ]
        for (output, reason) in cases {
            let run = try runOpsbook(["build", "--output", output, "--quiet"], in: root)
            XCTAssertEqual(run.status, 2, "--output \(output): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(reason), "--output \(output): \(run.stderr)")
        }
        XCTAssertEqual(try String(contentsOf: root.appending(path: "content/notes.txt"), encoding: .utf8), "keep me\n")
        XCTAssertEqual(try String(contentsOf: root.appending(path: "site.txt"), encoding: .utf8), "x\n")
        XCTAssertEqual(try String(contentsOf: root.appending(path: "mine/thesis.md"), encoding: .utf8), "thesis\n")

        // A new folder, then the same folder again (it carries the stamp), is fine.
        for _ in 0..<2 {
            let run = try runOpsbook(["build", "--output", "site", "--quiet"], in: root)
            XCTAssertEqual(run.status, 0, run.stderr)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appending(path: "site/\(DirectoryOutput.stamp)").path))
    }

    func testLeftoversOfAKilledBuildAreCleanedUp() throws {
        let root = try folder()
        // A process id that cannot be running: above the kernel's pid_max.
        for leftover in [".site.building-99999999", ".site.previous-99999999"] {
            try FileManager.default.createDirectory(at: root.appending(path: leftover), withIntermediateDirectories: true)
        }
        let run = try runOpsbook(["build", "--output", "site", "--quiet"], in: root)
        XCTAssertEqual(run.status, 0, run.stderr)
        let entries = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        XCTAssertEqual(entries.filter { $0.contains("building") || $0.contains("previous") }, [])
    }

    func testConcurrentBuildsOfOneOutputAllSucceedOneAtATime() throws {
        let root = try folder()
        let runs = 24
        final class Results: @unchecked Sendable {
            private let lock = NSLock()
            private(set) var all: [ProcessResult] = []
            func add(_ run: ProcessResult) { lock.lock(); all.append(run); lock.unlock() }
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: runs) { _ in
            results.add(
                (try? runOpsbook(["build", "--output", "site", "--quiet"], in: root))
                    ?? ProcessResult(status: -2, stdout: "", stderr: "did not run"))
        }
        XCTAssertEqual(results.all.count, runs)
        for run in results.all { XCTAssertEqual(run.status, 0, run.stderr) }
        XCTAssertFalse(results.all.contains { $0.stderr.contains("NSCocoaErrorDomain") || $0.stderr.contains("Error Domain") })
        XCTAssertNotNil(try tree(root.appending(path: "site"))["index/index.html"] ?? tree(root.appending(path: "site"))["index.html"])
        let entries = try FileManager.default.contentsOfDirectory(atPath: root.path)
        XCTAssertEqual(entries.filter { $0.contains(".building-") || $0.contains(".previous-") }, [])
    }

    func testTwoThingsWritingOnePathAreRefused() {
        let files = [OutputFile(path: "a/index.html", data: Data("1".utf8)), OutputFile(path: "a/index.html", data: Data("2".utf8))]
        XCTAssertThrowsError(try MemoryOutput().write(files)) { XCTAssertTrue("\($0)".contains("two outputs write 'a/index.html'")) }
    }

    /// Files stream into the staging folder as they are rendered: a failure half-way, or a
    /// build that gives up, must still leave the previous site exactly as it was.
    func testAStreamedBuildThatFailsHalfWayPublishesNothing() throws {
        let root = try folder()
        let output = DirectoryOutput(directory: root.appending(path: "site"))
        try output.write([OutputFile(path: "old/index.html", data: Data("old".utf8))])
        let cases: [(name: String, files: [OutputFile], failure: String?)] = [
            ("duplicate", [OutputFile(path: "a/index.html", data: Data("1".utf8)), OutputFile(path: "a/index.html", data: Data("2".utf8))],
             "two outputs write 'a/index.html'"),
            ("unsafe", [OutputFile(path: "b/index.html", data: Data("1".utf8)), OutputFile(path: "../escape.html", data: Data("x".utf8))],
             "refusing to write outside the output folder: ../escape.html"),
            // A combining mark after the slash made `/◌́` one Character, so a Character split
            // saw no `..` part; the file system does.
            ("unsafe behind a mark", [OutputFile(path: "../\u{301}x/escape.html", data: Data("x".utf8))],
             "refusing to write outside the output folder"),
            ("abandoned", [OutputFile(path: "c/index.html", data: Data("1".utf8))], nil),
        ]
        for (name, files, failure) in cases {
            let session = try output.open()
            for file in files { session.add(file) }
            if let failure {
                XCTAssertThrowsError(try session.finish(), name) { XCTAssertTrue("\($0)".contains(failure), "\(name): \($0)") }
            } else {
                session.abandon()
            }
            XCTAssertEqual(
                try tree(root.appending(path: "site")),
                ["old/index.html": Data("old".utf8), DirectoryOutput.stamp: DirectoryOutput.stampText],
                name)
            let entries = try FileManager.default.contentsOfDirectory(atPath: root.path)
            XCTAssertEqual(entries.filter { $0.contains(".building-") || $0.contains(".previous-") }, [], name)
            XCTAssertFalse(FileManager.default.fileExists(atPath: root.appending(path: "escape.html").path), name)
            XCTAssertFalse(FileManager.default.fileExists(atPath: root.appending(path: "\u{301}x").path), name)
        }
        // The lock was released each time: the next build goes through.
        try output.write([OutputFile(path: "new/index.html", data: Data("new".utf8))])
        XCTAssertEqual(try tree(root.appending(path: "site"))["new/index.html"], Data("new".utf8))
    }

    /// Paths are cut at their `/` bytes, as the file system cuts them: a folder whose name
    /// starts with a combining mark stays a folder of its own (a Character split merged it
    /// into its parent as `knowledge--d`).
    func testPathsSplitAtEverySlashWhateverFollowsIt() {
        XCTAssertEqual("../\u{301}x/index.html".parts(separatedBy: UInt8(ascii: "/")), ["..", "\u{301}x", "index.html"])
        XCTAssertEqual("/a//b/".parts(separatedBy: UInt8(ascii: "/")), ["a", "b"])
        XCTAssertEqual("a\n\nb".parts(separatedBy: UInt8(ascii: "\n"), omittingEmpty: false), ["a", "", "b"])
        XCTAssertEqual(Routes.pageFolder("knowledge/\u{301}d/p.md"), "knowledge/-d/p/")
    }

    func testFoldersPreparedBeforeRenderingHoldOnlyWhatIsAdded() throws {
        let root = try folder()
        let output = DirectoryOutput(directory: root.appending(path: "site"))
        let session = try output.open()
        session.prepareFolders(
            for: ["a/b/index.html", "../up/x.html", "/abs/y.html", "../\u{301}up/z.html", "a/c/index.html", "index.html"])
        session.add(OutputFile(path: "a/b/index.html", data: Data("b".utf8)))
        session.add(OutputFile(path: "index.html", data: Data("home".utf8)))
        try session.finish()
        XCTAssertEqual(
            try tree(root.appending(path: "site")),
            ["a/b/index.html": Data("b".utf8), "index.html": Data("home".utf8), DirectoryOutput.stamp: DirectoryOutput.stampText])
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appending(path: "up").path), "an unsafe path makes no folder")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appending(path: "\u{301}up").path), "nor one behind a mark")
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appending(path: "site/a/c").path), "a prepared folder stays, empty")
        let second = try output.open()
        second.prepareFolders(for: ["../up/x.html"])
        second.add(OutputFile(path: "../up/x.html", data: Data("x".utf8)))
        XCTAssertThrowsError(try second.finish(), "preparing does not excuse adding") {
            XCTAssertTrue("\($0)".contains("refusing to write outside the output folder"), "\($0)")
        }
    }

    // MARK: Flags and environment

    func testBadFlagsAndEnvironmentAreUsageErrors() throws {
        let root = try folder()
        let cases: [([String], [String: String], String)] = [
            (["check", "--templates", "/nonexistent"], [:], "--templates '/nonexistent' is not a folder"),
            (["check"], ["SOURCE_DATE_EPOCH": "abc"], "SOURCE_DATE_EPOCH 'abc'"),
            (["check"], ["SOURCE_DATE_EPOCH": "9223372036854775807"], "between 1970 and 9999"),
            (["check", "--as-of", "2026-10-01T00:00+99:00"], [:], "is not an ISO 8601"),
        ]
        for (arguments, environment, message) in cases {
            let run = try runOpsbook(arguments, in: root, environment: environment)
            XCTAssertEqual(run.status, 2, "\(arguments) \(environment): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
    }

    // MARK: It reads nothing outside content/

    func testExportsOutsideTheContentFolderAreNeverRead() throws {
        let root = try folder()
        let rows = "id,opened,type,priority\nLEAK-1,2026-10-01 09:00,incident,P3\n"
        try Data(rows.utf8).write(to: root.appending(path: "outside.csv"))
        let tickets = root.appending(path: "content/tickets")
        try FileManager.default.createDirectory(at: tickets, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: tickets.appending(path: "linked.csv"), withDestinationURL: root.appending(path: "outside.csv"))
        let mapping = "columns: {id: id, opened_at: opened, type: type, priority: priority}\n"
        for (name, file) in [("up", "../../outside.csv"), ("absolute", root.appending(path: "outside.csv").path), ("link", "linked.csv")] {
            try Data("file: \(file)\n\(mapping)".utf8).write(to: tickets.appending(path: "\(name).yaml"))
        }
        let log = DiagnosticLog()
        let content = ContentLoader.load(from: root.appending(path: "content"), log: log)
        XCTAssertEqual(content.tickets.count, 0, "no row of a file outside content/ is read")
        let outside = log.all.filter { $0.id == "tickets.outside" }
        XCTAssertEqual(outside.count, 3, log.all.map { $0.formatted(relativeTo: "/") }.joined(separator: "\n"))
        XCTAssertTrue(outside.allSatisfy { $0.severity == .error && $0.location.line == 1 })
    }

    // MARK: A typo never publishes an internal part

    func testInternalMarkersMatchWhateverTheirCaseAndSpacing() throws {
        let variants = [("<!-- internal -->", "<!-- /internal -->"), ("<!-- Internal -->", "<!-- /Internal -->"),
                        ("<!--internal-->", "<!--/internal-->"), ("<!--  INTERNAL  -->", "<!-- / INTERNAL -->"),
                        ("> <!-- internal -->", "> <!-- /internal -->")]
        for (index, (open, close)) in variants.enumerated() {
            let secret = "secret\(index)x7"
            let fixture = try Fixture(["a.md": "# A\n\n公开。\n\n\(open)\n\(open.hasPrefix(">") ? "> " : "")\(secret)\n\(close)\n"])
            let (result, files) = fixture.build()
            XCTAssertEqual(result.errors.map { $0.formatted(relativeTo: "/") }, [], "\(open) … \(close)")
            let page = String(decoding: try XCTUnwrap(files["a/index.html"]), as: UTF8.self)
            XCTAssertFalse(page.contains(secret), "\(open) … \(close) published its text")
            XCTAssertTrue(page.contains("公开。"))
        }
    }

    func testAnythingThatLooksLikeAMarkerIsAnError() throws {
        for lookAlike in ["<!-- internl -->", "<!-- internal: start -->", "<!-- interne -->", "Text <!-- internal --> after",
                          "<!-- /intenal -->"] {
            let fixture = try Fixture(["a.md": "# A\n\n\(lookAlike)\nsecret\n"])
            let result = fixture.check()
            XCTAssertEqual(result.errors.map(\.id), ["internal.marker"], lookAlike)
            XCTAssertEqual(result.errors.first?.location.line, 3, lookAlike)
        }
        XCTAssertEqual(try Fixture(["a.md": "# A\n\n<!-- TODO: check the numbers -->\n"]).check().errors.map(\.id), [],
                       "an ordinary comment is fine")
    }

    func testAMisspeltAudienceKeyIsAnError() throws {
        let result = try Fixture(["a.md": "---\ntitle: A\naudiance: internal\n---\nsecret\n"]).check()
        XCTAssertEqual(result.errors.map(\.id), ["audience.misspelt"])
        XCTAssertEqual(result.errors.first?.location.line, 3)
        XCTAssertEqual(result.errors.first?.suggestion, "audience")
    }
}

/// Values that used to trap (overflow, unchecked index) or pass as nonsense: each is now a
/// diagnostic at its line, and the build finishes.
final class NonsenseValueTests: XCTestCase {
    func errors(_ files: [String: String]) throws -> [Diagnostic] {
        let (result, _) = try Fixture(files).build()
        return result.errors
    }

    func testHugeNumbersAreRangeErrorsNotOverflows() throws {
        let inventory =
            "- {id: a, name: A, class: pc-server, quantity: 9223372036854775807}\n- {id: b, name: B, class: pc-server, quantity: 9223372036854775807}\n"
        XCTAssertEqual(try errors(["inventory/x.yaml": inventory]).map(\.id), ["yaml.range", "yaml.range"])
        let sla = "calendars: {a: 24x7}\npolicies:\n  - {match: {}, calendar: a, response: 99999999999999999d}\n"
        XCTAssertEqual(try errors(["sla.yaml": sla]).map(\.id), ["sla.duration"])
        let grace = "schedules:\n  - {id: s, targets: [srv], frequency: daily, grace: 99999999999999999h, from: 2026-10-01}\n"
        XCTAssertEqual(try errors(["inspections/i.yaml": grace, "inventory/s.yaml": "- {id: srv, name: S, class: pc-server}\n"]).map(\.id),
                       ["sla.duration"])
        let points = "engineers:\n  - name: 张三\n    events:\n      - {category: professional, item: x, points: 9223372036854775807}\n"
        XCTAssertEqual(try errors(["scorecards/2026-Q3.yaml": points]).map(\.id), ["yaml.range"])
    }

    func testARecordDateWithAnEmptyTimeIsAnError() throws {
        let files = [
            "inventory/s.yaml": "- {id: srv, name: S, class: pc-server}\n",
            "inspections/i.yaml":
                "schedules:\n  - {id: s, targets: [srv], frequency: daily, from: 2026-10-01}\nrecords:\n  - {schedule: s, date: 2026-10-15T, result: ok}\n"
        ]
        let found = try errors(files)
        XCTAssertEqual(found.map(\.id), ["date.invalid"])
        XCTAssertEqual(found.first?.location.line, 4)
    }

    func testTicketsThatMakeNoSenseAreRowErrors() throws {
        let csv = """
            id,opened,resolved,type,priority,title,score
            T1,2026-10-05 10:00,2026-10-05 09:00,incident,P3,early,
            T2,1969-12-31 23:00,,incident,P3,ancient,
            T3,0001-01-01 00:00,,incident,P3,year one,
            T4,2026-10-05 10:00,,incident,P3,score,9.2e18
            T5,2026-10-05 10:00,,incident,P3,"nul\u{0}here",

            """
        let fixture = try Fixture([
            "tickets/t.yaml":
                "file: t.csv\ncolumns: {id: id, opened_at: opened, resolved_at: resolved, type: type, priority: priority, title: title, satisfaction: score}\n",
            "tickets/t.csv": csv
        ])
        let (result, _) = fixture.build()
        let rows = result.errors.filter { $0.id == "tickets.row" }
        XCTAssertEqual(rows.map(\.location.line), [2, 3, 4, 5], rows.map(\.message).joined(separator: "\n"))
        XCTAssertTrue(rows[0].message.contains("resolved_at '2026-10-05 09:00' is before opened_at"))
        XCTAssertTrue(rows[1].message.contains("unparseable date '1969-12-31 23:00'"))
        XCTAssertTrue(rows[3].message.contains("is not a score"))
        // The NUL is shown as U+FFFD, never raw.
        let log = DiagnosticLog()
        let content = ContentLoader.load(from: fixture.content, log: log)
        XCTAssertEqual(content.tickets.first { $0.id == "T5" }?.title, "nul\u{FFFD}here")
    }

    func testSchedulesAreBoundedByTheData() throws {
        let inventory = "- {id: srv, name: S, class: pc-server}\n"
        let yearOne = try errors(["inventory/s.yaml": inventory,
                                  "inspections/i.yaml": "schedules:\n  - {id: s, targets: [srv], frequency: daily, from: 0001-01-01}\n"])
        XCTAssertEqual(yearOne.map(\.id), ["date.invalid"])
        let fixture = try Fixture(["inventory/s.yaml": inventory, "inspections/i.yaml": """
            schedules:
              - {id: s, targets: [srv], frequency: daily, from: 1970-01-01}
            records:
              - {schedule: s, date: 2026-10-15 09:00, result: ok}
              - {schedule: s, date: 2026-10-16 09:00, result: ok}
            """])
        let started = Date()
        let (result, files) = fixture.build()
        XCTAssertLessThan(Date().timeIntervalSince(started), 20, "was minutes: 20,000 days of occurrences")
        XCTAssertEqual(result.warnings.map(\.id), ["inspections.from"])
        XCTAssertNil(files["reports/1970/index.html"], "no report for years before the data")
        XCTAssertNotNil(files["reports/2026-10-16/index.html"])
    }

    func testTicketsOpenedAfterAnExplicitAsOfAreNamed() throws {
        let fixture = try Fixture([
            "tickets/t.yaml": "file: t.csv\ncolumns: {id: id, opened_at: opened, type: type, priority: priority}\n",
            "tickets/t.csv": "id,opened,type,priority\nA,2026-10-05 09:00,incident,P3\nB,2026-12-05 09:00,incident,P3\n",
        ])
        let result = Build(options: .init(content: fixture.content, templates: nil, asOf: "2026-11-01")).run(writingTo: nil)
        let later = result.warnings.filter { $0.id == "tickets.after_as_of" }
        XCTAssertEqual(later.count, 1)
        XCTAssertTrue(later[0].message.hasPrefix("1 ticket was opened after as-of 2026-11-01T00:00:00+08:00 (first: 'B'"), later[0].message)
        XCTAssertEqual(
            fixture.check().warnings.filter { $0.id == "tickets.after_as_of" }.count, 0, "the default as-of is the data's own time")
    }

    func testAPageOnAGeneratedRouteIsAnErrorNamingIt() throws {
        for (path, what) in [("search.md", "search page"), ("reports/README.md", "reports index"),
                             ("inspections/README.md", "inspections index"), ("spares.md", "spare-parts page")] {
            let found = try errors([path: "# 我的页面\n\n内容。\n"])
            XCTAssertEqual(found.map(\.id), ["output.collision"], path)
            XCTAssertTrue(found.first?.message.contains(what) == true, "\(path): \(found.map(\.message))")
        }
    }
}

/// `broken_links: warn` (site.yaml) and `--broken-links warn`: each broken link is a warning
/// at its line, the site is written, and the link shows as its text.
final class BrokenLinkPolicyTests: XCTestCase {
    let page = "# A\n\n[x](missing.md) and [[nowhere]] and [y](#no-such-heading)\n"

    func testWarnWritesTheSiteWithTheTextOfEachBrokenLink() throws {
        let fixture = try Fixture(["site.yaml": "broken_links: warn\n", "a.md": page])
        let (result, files) = fixture.build()
        XCTAssertEqual(result.errors.count, 0)
        XCTAssertEqual(result.warnings.map(\.id).sorted(), ["link.anchor", "link.missing", "link.unknown"])
        XCTAssertEqual(result.warnings.map(\.location.line), [3, 3, 3])
        let html = String(decoding: try XCTUnwrap(files["a/index.html"]), as: UTF8.self)
        XCTAssertTrue(html.contains("<p>x and nowhere and y</p>"), html)
    }

    func testTheFlagOverridesSiteYAMLAndErrorIsTheDefault() throws {
        let fixture = try Fixture(["a.md": page])
        let strict = try runOpsbook(["build", "--quiet"], in: fixture.directory)
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.stderr.contains("error: link to missing page 'missing.md'"), strict.stderr)
        let lenient = try runOpsbook(["build", "--broken-links", "warn", "--quiet"], in: fixture.directory)
        XCTAssertEqual(lenient.status, 0, lenient.stderr)
        XCTAssertTrue(lenient.stderr.contains("warning: link to missing page 'missing.md'"), lenient.stderr)
        try fixture.write("site.yaml", "broken_links: warn\n")
        XCTAssertEqual(try runOpsbook(["check", "--broken-links", "error", "--quiet"], in: fixture.directory).status, 1)
        XCTAssertEqual(try runOpsbook(["check", "--broken-links", "sometimes"], in: fixture.directory).status, 2)
    }
}

/// Diagnostics that point where the problem is, not at 1:1.
final class DiagnosticPositionTests: XCTestCase {
    func testInvalidUTF8AndNULAreReportedAtTheirLine() throws {
        let fixture = try Fixture([:])
        var broken = Data("- id: a\n  name: A\n  class: pc-server\n  notes: caf".utf8)
        broken += Data([0xE9, 0x0A])
        try FileManager.default.createDirectory(at: fixture.content.appending(path: "inventory"), withIntermediateDirectories: true)
        try broken.write(to: fixture.content.appending(path: "inventory/a.yaml"))
        try (Data("# T\n\nok\nbad ".utf8) + Data([0x00]) + Data("\n".utf8)).write(to: fixture.content.appending(path: "t.md"))
        let result = fixture.check()
        let encoding = try XCTUnwrap(result.errors.first { $0.id == "file.encoding" })
        XCTAssertEqual([encoding.location.line, encoding.location.column], [4, 13])
        let nul = try XCTUnwrap(result.errors.first { $0.id == "file.nul" })
        XCTAssertEqual([nul.location.line, nul.location.column], [4, 5])
    }

    /// #13: 16,000 × `word [x](a.md) **b**` took 15.5 s and 1 MB ran past 120 s (cmark-gfm's
    /// delimiter walk, see LinkBottom); now it builds, every link resolved and at its column.
    func testAMegabyteLinkHeavyLineBuilds() throws {
        let heavy = Array(repeating: "word [x](b.md) **b**", count: 50_000).joined(separator: " ")
        XCTAssertEqual(heavy.utf8.count, 1_049_999)
        XCTAssertNotNil(ParagraphComplexity.firstTooComplex("a\n\n" + heavy), "the pass that turns LinkBottom on finds it")
        XCTAssertNil(ParagraphComplexity.firstTooComplex(String(repeating: "[x](a.md) **b**\n\n", count: 20_000)), "blank lines split it")
        let fixture = try Fixture(["a.md": "# A\n\n" + heavy + " [y](missing.md) - [x] not a box\n", "b.md": "# B\n\nbody\n"])
        let started = Date()
        let broken = fixture.check().errors
        XCTAssertLessThan(Date().timeIntervalSince(started), 60, "a hang guard, not a speed figure (make bench measures that)")
        XCTAssertEqual(broken.map(\.id), ["link.missing"])
        XCTAssertEqual(broken.first.map { [$0.location.line, $0.location.column] }, [3, 1_050_001])

        try fixture.write("a.md", "# A\n\n" + heavy + "\n\n- [x] done\n- [ ] open\n")
        let (result, files) = fixture.build()
        XCTAssertEqual(result.errors.map(\.id), [])
        let page = try XCTUnwrap(files["a/index.html"].map { String(decoding: $0, as: UTF8.self) })
        XCTAssertEqual(page.components(separatedBy: "<strong>b</strong>").count - 1, 50_000)
        XCTAssertEqual(page.components(separatedBy: ">x</a>").count - 1, 50_000)
        XCTAssertEqual(
            page.components(separatedBy: "type=\"checkbox\"").count - 1, 2, "task boxes are left as the tasklist extension reads them")
        XCTAssertFalse(page.contains(LinkBottom.markerText))
    }

    func testTheUTF8CheckAgreesWithFoundation() {
        var random = SeededRandom(seed: 8)
        for round in 0..<3_000 {
            // Mostly valid text with a few stray bytes, so both outcomes occur often.
            var bytes = Array("工单 ok é 😀".utf8)
            for _ in 0..<random.int(0...3) { bytes.insert(UInt8(random.int(0x80...0xFF)), at: random.int(0...bytes.count)) }
            let data = Data(bytes)
            XCTAssertEqual(
                SourceText.firstInvalidUTF8(data) == data.count, String(data: data, encoding: .utf8) != nil, "round \(round): \(bytes)")
        }
    }

    func testAnUnbalancedCSVQuoteIsReportedWhereItOpens() throws {
        let csv =
            "id,opened,type,priority,title\nT1,2026-10-05 09:00,incident,P3,ok\nT2,2026-10-05 09:00,incident,P3,\"故障 unclosed\nT3,2026-10-05 09:00,incident,P3,x\n"
        let fixture = try Fixture([
            "tickets/t.yaml": "file: t.csv\ncolumns: {id: id, opened_at: opened, type: type, priority: priority, title: title}\n",
            "tickets/t.csv": csv
        ])
        let errors = fixture.check().errors
        XCTAssertEqual(errors.map(\.id), ["tickets.quote"], errors.map(\.message).joined(separator: "\n"))
        XCTAssertEqual([errors.first?.location.line, errors.first?.location.column], [3, 33])
    }

    func testAWriteFailureIsInWordsAtTheOutput() throws {
        let fixture = try Fixture(["a.md": "# A\n"])
        // A parent that is a file: the output folder cannot be made there.
        try Data("x".utf8).write(to: fixture.directory.appending(path: "blocker"))
        let run = try runOpsbook(["build", "--output", "blocker/site", "--quiet"], in: fixture.directory)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("blocker/site:1:1: error: could not write the site; the previous one is untouched"), run.stderr)
        XCTAssertFalse(run.stderr.contains("NSCocoaErrorDomain"), run.stderr)
        XCTAssertFalse(run.stderr.contains("content:1:1"), run.stderr)
    }

    /// Links climb with `..` by their bytes; a part that only looks like a dot (a combining mark on it) is a name.
    func testLinkPathsFoldDotsAndNeverClimbAboveTheContent() {
        XCTAssertEqual(LinkResolver.normalize("a/./b/../c.md", under: "x/y"), "x/y/a/c.md")
        XCTAssertEqual(LinkResolver.normalize("../../z.md", under: "x/y"), "z.md")
        XCTAssertEqual(LinkResolver.normalize("//a//b/", under: ""), "a/b")
        XCTAssertNil(LinkResolver.normalize("../../../z.md", under: "x/y"))
        XCTAssertEqual(LinkResolver.normalize(".\u{301}/..\u{301}/p.md", under: "k"), "k/.\u{301}/..\u{301}/p.md")
        XCTAssertEqual(LinkResolver.normalize("...", under: "k"), "k/...")
    }
}
