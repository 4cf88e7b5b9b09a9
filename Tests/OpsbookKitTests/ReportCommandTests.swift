import XCTest
@testable import OpsbookKit

/// `opsbook report` agrees with the report.json and the page that `opsbook build` writes.
final class ReportCommandTests: XCTestCase {
    func testReportAgreesWithTheBuiltSite() throws {
        let output = FileManager.default.temporaryDirectory.appending(path: "opsbook-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let build = try runOpsbook(["build", "--output", output.path, "--as-of", "2026-11-29", "--quiet"], in: Repo.root)
        XCTAssertEqual(build.status, 0, build.stderr)
        let json = try runOpsbook(["report", "--period", "2026-10", "--format", "json", "--as-of", "2026-11-29"], in: Repo.root)
        XCTAssertEqual(json.status, 0, json.stderr)
        let written = try String(contentsOf: output.appending(path: "reports/2026-10/report.json"), encoding: .utf8)
        XCTAssertEqual(json.stdout, written)

        let decoded = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])
        let opened = try XCTUnwrap((decoded["tickets"] as? [String: Any])?["opened"] as? Int)
        let rate = try XCTUnwrap(((decoded["kpis"] as? [String: Any])?["response_on_time"] as? [String: Any])?["rate"] as? Double)
        let page = try String(contentsOf: output.appending(path: "reports/2026-10/index.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<span class=\"count-number\">\(opened)</span>"))
        XCTAssertTrue(page.contains("<span class=\"kpi-value\">\(JSONValue.format(rate * 100, places: 1))%</span>"))
        let html = try runOpsbook(["report", "--period", "2026-10", "--format", "html", "--as-of", "2026-11-29"], in: Repo.root)
        XCTAssertEqual(html.stdout, page)
        let csv = try runOpsbook(["report", "--period", "2026-10", "--format", "csv", "--as-of", "2026-11-29"], in: Repo.root)
        XCTAssertEqual(Data(csv.stdout.utf8), try Data(contentsOf: output.appending(path: "reports/2026-10/report.csv")))

        XCTAssertTrue(
            page.contains(
                "<h3 id=\"本月概况\">本月概况<a class=\"heading-anchor\" href=\"#本月概况\" aria-label=\"本节链接\" data-pagefind-ignore>#</a></h3>"),
            "the engineers' narrative, its headings under the section's")
        XCTAssertTrue(page.contains("<svg class=\"chart\""), "charts are inline SVG")
        // No inline script (the CSP forbids it); the one script is the dark-mode toggle, and the
        // page reads the same without it.
        XCTAssertEqual(page.components(separatedBy: "<script").count - 1, 1)
        XCTAssertTrue(page.contains("<script src=\"../../assets/theme.js\"></script>"))
        let erp = try String(contentsOf: output.appending(path: "systems/erp/index.html"), encoding: .utf8)
        XCTAssertTrue(
            erp.contains("<a href=\"../../reports/2026-10/index.html\">2026-10</a>"), "a system links to the latest monthly report")
        let feed = try String(contentsOf: output.appending(path: "reports/feed.xml"), encoding: .utf8)
        XCTAssertEqual(feed.components(separatedBy: "<entry>").count - 1, 12, "one feed entry per month of the demo year")
        for month in 1...10 {
            XCTAssertTrue(
                FileManager.default.fileExists(
                    atPath: output.appending(path: "reports/2026-\(month < 10 ? "0" : "")\(month)/index.html").path))
        }
        for extra in [
            "reports/2025-11/index.html", "reports/2025-12/index.html", "reports/2026-Q4/index.html", "reports/2026-W42/index.html",
            "reports/2026-10-15/report.json", "reports/2026/index.html", "reports/index.html", "reports/feed.xml"
        ] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: output.appending(path: extra).path), extra)
        }
    }

    func testBadPeriodAndAsOfAreUsageErrors() throws {
        XCTAssertEqual(try runOpsbook(["report", "--period", "2026-13"], in: Repo.root).status, 2)
        XCTAssertEqual(try runOpsbook(["report", "--period", "2026-10", "--format", "xml"], in: Repo.root).status, 2)
        XCTAssertEqual(try runOpsbook(["report", "--period", "2026-10", "--as-of", "soon"], in: Repo.root).status, 2)
    }
}
