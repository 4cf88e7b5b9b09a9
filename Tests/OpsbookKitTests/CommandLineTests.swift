import XCTest
@testable import OpsbookKit

/// The built `opsbook` binary, run as a user or CI runs it: exit codes, diagnostics on
/// stderr relative to the working directory, atomic and deterministic output.
final class CommandLineTests: XCTestCase {
    let good: [String: String] = [
        "site.yaml": "title: 测试\n",
        "systems/erp.md": "---\nid: erp\ntitle: ERP\n---\n见 [[rac-check]]。\n",
        "procedures/rac-check.md": "---\ntitle: RAC 巡检\napplies_to: [erp]\n---\n## 步骤\n",
    ]

    func testBuildWritesTheSiteAndExitsZero() throws {
        let fixture = try Fixture(good)
        let run = try runOpsbook(["build"], in: fixture.directory)
        XCTAssertEqual(run.status, 0, run.stderr)
        let site = try tree(fixture.directory.appending(path: "site"))
        XCTAssertNotNil(site["systems/erp/index.html"])
        XCTAssertNotNil(site["procedures/rac-check/index.html"])
        XCTAssertEqual(brokenInternalLinks(in: site), [])
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path)
            .contains { $0.hasPrefix(".site.building-") || $0.hasPrefix(".site.previous-") }, "no staging folder is left behind")
    }

    func testTimingsPrintEveryStepEvenWhenQuietAndNotOnATerminal() throws {
        let fixture = try Fixture(good)
        let quiet = try runOpsbook(["build", "--quiet"], in: fixture.directory)
        XCTAssertEqual(quiet.stderr, "", "a pipe is not a terminal: no progress")
        let run = try runOpsbook(["build", "--quiet", "--timings"], in: fixture.directory)
        XCTAssertEqual(run.status, 0, run.stderr)
        let steps = run.stderr.split(separator: "\n").filter { $0.hasPrefix("[") }
        XCTAssertEqual(steps.count, 7, run.stderr)
        XCTAssertTrue(steps.contains { $0.hasPrefix("[2/7] load content (2 pages") && $0.contains("s, CPU ") }, run.stderr)
    }

    func testBrokenLinkFailsWithCompilerStyleDiagnosticAndLeavesSiteUntouched() throws {
        let fixture = try Fixture(good)
        XCTAssertEqual(try runOpsbook(["build"], in: fixture.directory).status, 0)
        let siteURL = fixture.directory.appending(path: "site")
        try Data("kept".utf8).write(to: siteURL.appending(path: "marker.txt"))
        let before = try tree(siteURL)

        try fixture.write("knowledge/note.md", "---\ntitle: 说明\n---\n\n正文 [巡检](../procedures/rac-chek.md)\n[[nothing-here]]\n")
        let run = try runOpsbook(["build"], in: fixture.directory)
        XCTAssertEqual(run.status, 1)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        XCTAssertTrue(
            lines.contains(
                "content/knowledge/note.md:5:4: error: link to missing page '../procedures/rac-chek.md' (procedures/rac-chek.md does not exist); did you mean '../procedures/rac-check.md'? [link.missing]"
            ), run.stderr)
        XCTAssertTrue(
            lines.contains { $0.hasPrefix("content/knowledge/note.md:6:1: error: wiki link to unknown id or file 'nothing-here'") },
            run.stderr)
        XCTAssertFalse(run.stderr.contains("Fatal error"))
        XCTAssertEqual(try tree(siteURL), before, "a failed build leaves the previous site byte for byte")
    }

    func testSuccessfulBuildReplacesTheWholeSite() throws {
        let fixture = try Fixture(good)
        let site = fixture.directory.appending(path: "site")
        XCTAssertEqual(try runOpsbook(["build", "--quiet"], in: fixture.directory).status, 0)
        try Data("stale".utf8).write(to: site.appending(path: "stale.html"))
        XCTAssertEqual(try runOpsbook(["build", "--quiet"], in: fixture.directory).status, 0, "a previous output is replaced whole")
        XCTAssertNil(try tree(site)["stale.html"])
    }

    func testCheckWritesNothingAndReportsEveryProblem() throws {
        let fixture = try Fixture(good.merging(["a.md": "# A\n[x](b.md)\n[y](c.md)\n"]) { _, new in new })
        let run = try runOpsbook(["check", "--content", "content"], in: fixture.directory)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr.split(separator: "\n").filter { $0.contains(": error: ") }.count, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.directory.appending(path: "site").path))
        let clean = try Fixture(good)
        XCTAssertEqual(try runOpsbook(["check"], in: clean.directory).status, 0)
    }

    func testPathsAreRelativeToTheWorkingDirectory() throws {
        let fixture = try Fixture(["a.md": "# A\n[x](b.md)\n"])
        let run = try runOpsbook(["check", "--content", fixture.content.path], in: fixture.content.appending(path: ".."))
        XCTAssertTrue(run.stderr.hasPrefix("content/a.md:2:1: error:"), run.stderr)
    }

    func testBadUsageExitsTwo() throws {
        let fixture = try Fixture(good)
        XCTAssertEqual(try runOpsbook(["build", "--no-such-flag"], in: fixture.directory).status, 2)
        XCTAssertEqual(try runOpsbook(["frobnicate"], in: fixture.directory).status, 2)
        XCTAssertEqual(try runOpsbook(["--help"], in: fixture.directory).status, 0)
    }

    func testMissingContentFolderIsAnError() throws {
        let fixture = try Fixture([:])
        let run = try runOpsbook(["check", "--content", "nowhere"], in: fixture.directory)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("content folder does not exist"))
    }

    func testTwoBuildsAreByteIdentical() throws {
        let fixture = try Fixture(good)
        XCTAssertEqual(try runOpsbook(["build", "--output", "one"], in: fixture.directory).status, 0)
        XCTAssertEqual(try runOpsbook(["build", "--output", "two"], in: fixture.directory).status, 0)
        XCTAssertEqual(try tree(fixture.directory.appending(path: "one")), try tree(fixture.directory.appending(path: "two")))
    }
}
