import XCTest
@testable import OpsbookKit

/// #16: documents kept current — `owner`, `reviewed`, `review_every` (per page, or per type
/// in site.yaml); past-due pages are a warning, a banner, a "needs attention" entry and a
/// line in the report of every period they were overdue at the end of.
final class ReviewTests: XCTestCase {
    func testReviewsAreDueAndOverdueAsWritten() throws {
        let fixture = try Fixture([
            "site.yaml": "title: t\nreview_every: {procedure: 6m}\n",
            "procedures/a.md": "---\ntitle: A\nowner: 张三\nreviewed: 2026-03-10\n---\n# A\n",
            "procedures/b.md": "---\ntitle: B\nreviewed: 2026-08-01\n---\n# B\n",
            "procedures/c.md": "---\ntitle: C\n---\n# C\n",
            "knowledge/d.md": "---\ntitle: D\nreviewed: 2026-01-01\nreview_every: 3m\n---\n# D\n",
            "knowledge/e.md": "---\ntitle: E\nreviewed: 2020-01-01\n---\n# E\n",
            "reports/2026-10.md": "---\ntitle: 十月\n---\n说明\n",
        ])
        let log = DiagnosticLog()
        let content = ContentLoader.load(from: fixture.content, log: log)
        XCTAssertFalse(log.hasErrors)
        let status = OperationsStatus(
            content: content, asOf: try XCTUnwrap(TimestampParser(patterns: [], time: LocalTime("Asia/Shanghai")).parse("2026-10-01")))
        func page(_ title: String) throws -> Page { try XCTUnwrap(content.pages.first { $0.title == title }) }
        XCTAssertEqual(status.reviewDue(try page("A")), .on(try XCTUnwrap(Day("2026-09-10"))), "6 months after 03-10")
        let today = try XCTUnwrap(Day("2026-10-01"))
        XCTAssertTrue(status.reviewOverdue(try page("A"), on: today))
        XCTAssertFalse(status.reviewOverdue(try page("B"), on: today), "due 2027-02-01")
        XCTAssertEqual(status.reviewDue(try page("C")), .never, "a procedure must be reviewed")
        XCTAssertTrue(status.reviewOverdue(try page("C"), on: today))
        XCTAssertTrue(status.reviewOverdue(try page("D"), on: today), "its own 3m: due 04-01")
        XCTAssertNil(status.reviewDue(try page("E")), "an article has no default in this site.yaml")
        XCTAssertNil(status.reviewDue(try page("十月")), "narratives are records of their period")
        // Before the recorded review the page is not judged: the review before it is unknown.
        XCTAssertFalse(status.reviewOverdue(try page("A"), on: try XCTUnwrap(Day("2026-03-01"))))

        let check = try runOpsbook(["check", "--as-of", "2026-10-01"], in: fixture.directory)
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(
            check.stderr.contains(
                "content/procedures/a.md:4:11: warning: 'A' is past its review: reviewed 2026-03-10, due 2026-09-10; owner 张三 [review.overdue]"
            ),
            check.stderr)
        XCTAssertTrue(
            check.stderr.contains("content/procedures/c.md:1:1: warning: 'C' must be reviewed and has no 'reviewed' date [review.overdue]"))
    }

    func testTheReportOfAPeriodListsWhatWasOverdueAtItsEnd() throws {
        let fixture = try Fixture([
            "site.yaml": "title: t\nreview_every: 6m\n",
            "procedures/a.md": "---\ntitle: A\nowner: 张三\nreviewed: 2026-03-10\n---\n# A\n",
            "tickets/t.yaml": "file: t.csv\ncolumns: {id: id, title: title, type: type, priority: priority, opened_at: opened}\n",
            "tickets/t.csv": "id,title,type,priority,opened\nT1,x,incident,P3,2026-08-12 10:00\nT2,y,incident,P3,2026-10-12 10:00\n",
        ])
        let (result, files) = fixture.build()
        XCTAssertFalse(result.diagnostics.contains { $0.severity == .error })
        func overdue(_ period: String) throws -> [String] {
            let json = try XCTUnwrap(
                JSONSerialization.jsonObject(with: try XCTUnwrap(files["reports/\(period)/report.json"])) as? [String: Any])
            return (json["overdue_reviews"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
        }
        XCTAssertEqual(try overdue("2026-08"), [], "due 09-10")
        XCTAssertEqual(try overdue("2026-10"), ["A"])
        let page = String(decoding: try XCTUnwrap(files["procedures/a/index.html"]), as: UTF8.self)
        XCTAssertTrue(page.contains("上次复核 2026-03-10 · 下次复核 2026-09-10</p>"))
        XCTAssertTrue(page.contains("<p class=\"review-banner\" role=\"note\">本页已超过复核期限，内容可能已过时。 负责人：张三</p>"))
        XCTAssertTrue(String(decoding: try XCTUnwrap(files["index.html"]), as: UTF8.self).contains("已超过复核期限 · 应完成 2026-09-10 · 张三"))
    }
}
