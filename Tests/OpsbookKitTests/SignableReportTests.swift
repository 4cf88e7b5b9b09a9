import XCTest
@testable import OpsbookKit

/// A report a contractor can sign: one list of judged figures behind every count of verdicts,
/// an as-of instant taken from the data's own clock, provisional periods marked, and exports
/// read as the tools that wrote them mean them.
final class SignableReportTests: XCTestCase {
    func json(_ files: [String: Data], _ path: String) throws -> [String: Any] {
        let data = try XCTUnwrap(files[path], "\(path) was not written")
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func text(_ files: [String: Data], _ path: String) throws -> String {
        String(decoding: try XCTUnwrap(files[path], "\(path) was not written"), as: UTF8.self)
    }

    func ids(_ result: Build.Result, _ severity: Diagnostic.Severity) -> [String] {
        result.diagnostics.filter { $0.severity == severity }.map(\.id)
    }

    // MARK: One source of truth

    /// Every period of the demo: report.json's `verdicts` counts its own `"verdict": "missed"`
    /// entries, and the summary, the reports index and the home page print the same counts.
    func testEveryPeriodOfTheDemoAgreesOnItsVerdicts() throws {
        let memory = MemoryOutput()
        let result = Build(options: .init(content: Repo.root.appending(path: "content"), templates: nil)).run(writingTo: memory)
        XCTAssertEqual(result.errors.map { $0.formatted(relativeTo: "/") }, [])
        let files = memory.files
        let index = try text(files, "reports/index.html")
        let reports = files.keys.filter { $0.hasPrefix("reports/") && $0.hasSuffix("/report.json") }.sorted()
        XCTAssertGreaterThan(reports.count, 300)
        var checkedIndex = 0
        for path in reports {
            let raw = try text(files, path)
            let report = try json(files, path)
            let verdicts = try XCTUnwrap(report["verdicts"] as? [String: Int], path)
            let missedEntries = raw.components(separatedBy: "\"verdict\": \"missed\"").count - 1
            let metEntries = raw.components(separatedBy: "\"verdict\": \"met\"").count - 1
            XCTAssertEqual(verdicts["missed"], missedEntries, path)
            XCTAssertEqual(verdicts["met"], metEntries, path)
            let folder = String(path.dropLast("report.json".count))
            let page = try text(files, folder + "index.html")
            XCTAssertTrue(page.contains("未达标 \(verdicts["missed"]!) 项"), "\(path): the summary's count")
            XCTAssertTrue(page.contains("达标 \(verdicts["met"]!) 项"), "\(path): the summary's count")
            let period = (report["period"] as? [String: Any])?["id"] as? String ?? ""
            // Weeks are listed as links without counts; every other period is a table row with them.
            let rows = index.components(separatedBy: "<tr>").map { $0.components(separatedBy: "</tr>")[0] }
            if let row = rows.first(where: { $0.contains("/reports/\(period)/index.html\"") }) {
                checkedIndex += 1
                XCTAssertTrue(row.contains("达标 \(verdicts["met"]!)<"), "\(period) on the reports index: \(row)")
                XCTAssertEqual(row.contains("未达标 \(verdicts["missed"]!)<"), verdicts["missed"]! > 0, "\(period): \(row)")
            }
        }
        XCTAssertGreaterThan(checkedIndex, 15, "months, quarters, half-years and years are rows of the index")
        let october = try json(files, "reports/2026-10/report.json")
        let home = try text(files, "index.html")
        let counts = try XCTUnwrap(october["verdicts"] as? [String: Int])
        XCTAssertTrue(home.contains("达标 \(counts["met"]!)<") && home.contains("未达标 \(counts["missed"]!)<"), "the home page's latest report")
    }

    /// A critical system that misses its own target is a missed figure, whatever the overall says.
    func testACriticalSystemMissingItsTargetIsMissedInTheSummary() throws {
        let memory = MemoryOutput()
        _ = Build(options: .init(content: Repo.root.appending(path: "content"), templates: nil)).run(writingTo: memory)
        let october = try json(memory.files, "reports/2026-10/report.json")
        let availability = try XCTUnwrap(october["availability"] as? [String: Any])
        XCTAssertEqual(availability["verdict"] as? String, "met", "the overall figure meets its target")
        let systems = try XCTUnwrap(availability["systems"] as? [[String: Any]])
        let erp = try XCTUnwrap(systems.first { $0["id"] as? String == "erp" })
        XCTAssertEqual(erp["criticality"] as? String, "critical")
        XCTAssertEqual(erp["verdict"] as? String, "missed")
        let page = try text(memory.files, "reports/2026-10/index.html")
        let missedLine = try XCTUnwrap(page.components(separatedBy: "<p>").first { $0.contains("verdict-bad\">未达标") })
        XCTAssertTrue(missedLine.contains("ERP"), missedLine)
    }

    // MARK: As-of from the data's clock

    /// The demo's export says when it was taken: October is judged at that instant, fully
    /// covered; the fourth quarter and the year run past it and are provisional.
    func testTheDemoIsJudgedAtItsExtractionAndLaterPeriodsAreProvisional() throws {
        let memory = MemoryOutput()
        let result = Build(options: .init(content: Repo.root.appending(path: "content"), templates: nil)).run(writingTo: memory)
        XCTAssertFalse(ids(result, .warning).contains("tickets.as_of_derived"), "the demo gives extracted_at")
        let october = try json(memory.files, "reports/2026-10/report.json")
        XCTAssertEqual(october["as_of"] as? String, "2026-11-01T06:30:00+08:00")
        XCTAssertEqual(october["provisional"] as? Bool, false)
        for period in ["2026-Q4", "2026", "2026-W44"] {
            XCTAssertEqual(try json(memory.files, "reports/\(period)/report.json")["provisional"] as? Bool, true, period)
            XCTAssertTrue(try text(memory.files, "reports/\(period)/index.html").contains("provisional-banner"), period)
        }
        XCTAssertFalse(try text(memory.files, "reports/2026-10/index.html").contains("provisional-banner"))
    }

    /// Two exports taken a week apart: each ticket is clocked up to its own export's time, a
    /// follow-up column never moves as-of, and check says how as-of was chosen.
    func testEachExportIsJudgedAtItsOwnTime() throws {
        let source = { (file: String) in
            "file: \(file)\ncolumns: {id: id, opened_at: opened, resolved_at: resolved, priority: priority, type: type, "
                + "followed_up_at: called}\n"
        }
        let fixture = try Fixture([
            "sla.yaml": "calendars:\n  wall: 24x7\npolicies:\n  - match: {priority: P2}\n    calendar: wall\n    resolve: 8h\n",
            "tickets/old.yaml": source("old.csv"),
            // A1 is still open when this export was taken (10-05 12:00): 3 h into an 8 h clock.
            "tickets/old.csv": "id,opened,resolved,priority,type,called\nA1,2026-10-05 09:00,,P2,incident,\n"
                + "A2,2026-10-05 08:00,2026-10-05 12:00,P2,incident,2026-10-30 10:00\n",
            "tickets/new.yaml": source("new.csv"),
            "tickets/new.csv": "id,opened,resolved,priority,type,called\nB1,2026-10-12 09:00,2026-10-12 10:00,P2,incident,\n",
        ])
        let (result, files) = fixture.build()
        XCTAssertEqual(result.errors.map { $0.formatted(relativeTo: "/") }, [])
        let report = try json(files, "reports/2026-10/report.json")
        XCTAssertEqual(report["as_of"] as? String, "2026-10-12T10:00:00+08:00", "the follow-up call on 10-30 does not count")
        let resolve = try XCTUnwrap((report["kpis"] as? [String: Any])?["resolution_within_sla"] as? [String: Any])
        XCTAssertEqual([resolve["met"], resolve["breached"], resolve["pending"]].map { $0 as? Int }, [2, 0, 1],
                       "A1 is pending at its export's time, not breached at the other's")
        XCTAssertEqual(report["provisional"] as? Bool, true, "the data stops on 10-05 for one export")
        let warnings = ids(result, .warning)
        XCTAssertEqual(warnings.filter { $0 == "tickets.as_of_derived" }.count, 2)
        XCTAssertTrue(warnings.contains("tickets.exports_apart"))
        XCTAssertTrue(warnings.contains("tickets.unresolved_feedback") == false, "A2's call follows its resolution")
    }

    // MARK: Exports as their tools mean them

    /// A ticket closed with no resolved time was resolved when it closed; blank rows are
    /// skipped and counted; a field may read the first of several columns with a value; a
    /// reopen time counts as a reopen; P5 is a priority.
    func testClosedBlankFirstOfReopenAndFivePriorities() throws {
        let fixture = try Fixture([
            "sla.yaml": "calendars:\n  wall: 24x7\npolicies:\n  - match: {}\n    calendar: wall\n    resolve: 8h\n",
            "tickets/sn.yaml": """
                file: sn.csv
                extracted_at: 2026-10-10T00:00
                columns:
                  id: Number
                  opened_at: Opened
                  resolved_at: Resolved
                  closed_at: Closed
                  assignee: {first_of: [Assigned to, Caller]}
                  reopened_at: Reopened
                  priority: Priority
                  type: Type
                """,
            "tickets/sn.csv": """
                Number,Opened,Resolved,Closed,Assigned to,Caller,Reopened,Priority,Type
                I1,2026-10-05 09:00,,2026-10-05 11:00,,Ann,,P5,incident
                I2,2026-10-05 09:00,2026-10-05 10:00,2026-10-06 10:00,Bob,Cy,2026-10-05 12:00,P1,incident
                ,,,,,,,,
                 , ,,,,,,,

                """,
        ])
        let (result, files) = fixture.build()
        XCTAssertEqual(result.errors.map { $0.formatted(relativeTo: "/") }, [])
        let log = DiagnosticLog()
        let content = ContentLoader.load(from: fixture.content, log: log)
        let tickets = content.tickets.sorted { $0.id < $1.id }
        XCTAssertEqual(tickets.map(\.priority), ["P5", "P1"])
        XCTAssertEqual(tickets.map(\.assignee), ["Ann", "Bob"], "the first of the columns with a value")
        XCTAssertEqual(tickets.map(\.reopenCount), [0, 1])
        XCTAssertEqual(tickets[0].resolvedAt, tickets[0].closedAt, "closed without a resolved time: resolved at the close")
        let report = try json(files, "reports/2026-10/report.json")
        XCTAssertEqual((report["tickets"] as? [String: Any])?["blank_rows"] as? Int, 2)
        let kpis = try XCTUnwrap(report["kpis"] as? [String: Any])
        XCTAssertEqual((kpis["resolution_rate"] as? [String: Any])?["resolved"] as? Int, 2)
        XCTAssertEqual((kpis["reopen_rate"] as? [String: Any])?["reopened"] as? Int, 1)
    }

    /// A mapping with no type and no default for it is one error at the yaml, not one a row.
    func testAnUnmappedTypeIsOneErrorAtTheMapping() throws {
        let rows = (1...300).map { "R\($0),2026-10-05 09:00,P3" }.joined(separator: "\n")
        let fixture = try Fixture([
            "tickets/t.yaml": "file: t.csv\ncolumns:\n  id: id\n  opened_at: opened\n  priority: priority\n",
            "tickets/t.csv": "id,opened,priority\n" + rows + "\n",
        ])
        let result = fixture.check()
        XCTAssertEqual(result.errors.map(\.id), ["tickets.columns"], result.errors.map { $0.formatted(relativeTo: "/") }.joined())
        XCTAssertEqual(result.errors[0].location.line, 2)
        XCTAssertTrue(result.errors[0].message.contains("'type'"), result.errors[0].message)
    }

    /// Data a reader would not trust is named once per export, with a count and the first ids.
    func testDataSanityWarningsAreOncePerExport() throws {
        let rows = (1...5).map { "S\($0),2026-10-05 09:00,,P3,request,5" }.joined(separator: "\n")
        let fixture = try Fixture([
            "tickets/t.yaml": "file: t.csv\ncolumns: {id: id, opened_at: opened, resolved_at: resolved, priority: priority, "
                + "type: type, satisfaction: score}\n",
            "tickets/t.csv": "id,opened,resolved,priority,type,score\n" + rows + "\n",
        ])
        let result = fixture.check()
        let feedback = result.diagnostics.filter { $0.id == "tickets.unresolved_feedback" }
        XCTAssertEqual(feedback.count, 1)
        XCTAssertTrue(feedback[0].message.hasPrefix("5 tickets carry a satisfaction score"), feedback[0].message)
        XCTAssertTrue(feedback[0].message.contains("'S1', 'S2', 'S3', …"), feedback[0].message)
        XCTAssertEqual(feedback[0].location.line, 2, "at the first such row")
    }

    // MARK: The printed contents

    /// The first print marks each section the contents link to; the second prints the page
    /// each marker landed on beside its entry, and nothing else changes.
    func testContentsGetThePagesTheirSectionsLandedOn() {
        let html = """
            <nav class="print-toc print-only"><ol><li><a href="#summary">本期摘要</a></li><li><a href="#notes">统计口径</a></li>\
            <li><a href="#gone">无此节</a></li></ol></nav>
            <section class="summary" id="summary"><h2>本期摘要</h2></section><section id="notes"><h2>统计口径</h2></section>
            """
        XCTAssertEqual(PDFContents.anchors(in: html), ["summary", "notes", "gone"])
        let marked = PDFContents.marked(html)
        XCTAssertTrue(marked.contains("id=\"summary\"><span class=\"toc-mark\">@@toc:summary@@</span><h2>"), marked)
        XCTAssertTrue(marked.contains("id=\"notes\"><span class=\"toc-mark\">@@toc:notes@@</span>"), marked)
        // pdftotext: cover, contents (which names no marker), then the sections on pages 3 and 5.
        let text = "封面\u{0C}目录 本期摘要 统计口径\u{0C}@@toc:summary@@ 本期摘要\u{0C}…\u{0C}@@toc:notes@@ 统计口径\u{0C}"
        let pages = PDFContents.pages(fromText: text, anchors: PDFContents.anchors(in: html))
        XCTAssertEqual(pages, ["summary": 3, "notes": 5], "an anchor with no section gets no number")
        let numbered = PDFContents.numbered(html, pages: pages)
        XCTAssertTrue(numbered.contains("<a href=\"#summary\">本期摘要</a><span class=\"toc-page\">3</span>"), numbered)
        XCTAssertTrue(numbered.contains("<a href=\"#notes\">统计口径</a><span class=\"toc-page\">5</span>"), numbered)
        XCTAssertTrue(numbered.contains("<a href=\"#gone\">无此节</a></li>"))
        XCTAssertEqual(numbered.replacingOccurrences(of: #"<span class="toc-page">\d+</span>"#, with: "", options: .regularExpression),
                       html, "only the numbers are added")
    }

    /// A half-year report (半年报) is a period like a quarter: its page, report.json with the
    /// spare-parts check it judges, and the command line's --period.
    func testTheHalfYearReportJudgesTheSparePartsCheck() throws {
        let memory = MemoryOutput()
        _ = Build(options: .init(content: Repo.root.appending(path: "content"), templates: nil)).run(writingTo: memory)
        let first = try json(memory.files, "reports/2026-H1/report.json")
        let period = try XCTUnwrap(first["period"] as? [String: Any])
        XCTAssertEqual(period["kind"] as? String, "half")
        XCTAssertEqual(period["start"] as? String, "2026-01-01T00:00:00+08:00")
        let checks = try XCTUnwrap((first["kpis"] as? [String: Any])?["spare_checks"] as? [String: Any])
        XCTAssertEqual(checks["done"] as? Int, 1)
        XCTAssertEqual(checks["verdict"] as? String, "met")
        let second = try json(memory.files, "reports/2026-H2/report.json")
        let none = try XCTUnwrap((second["kpis"] as? [String: Any])?["spare_checks"] as? [String: Any])
        XCTAssertEqual(none["verdict"] as? String, "missed", "no check recorded in the second half")
        XCTAssertTrue(try text(memory.files, "reports/index.html").contains("2026-H1 半年报"))
        let result = try runOpsbook(["report", "--content", Repo.root.appending(path: "content").path, "--period", "2026-H1",
                                     "--format", "json"], in: Repo.root)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("\"id\": \"2026-H1\""), String(result.stdout.prefix(300)))
    }

    /// report.csv's fast writer gives, field for field, what the quoting rule gives: the naughty
    /// strings corpus, formulas, quotes, line breaks and combining marks after a formula sign.
    func testTheCSVWriterQuotesAsTheRuleDoes() throws {
        let corpus = try Repo.corpus("big-list-of-naughty-strings/blns.txt")
        var fields = try String(contentsOf: corpus, encoding: .utf8).components(separatedBy: "\n")
        fields += ["=SUM(A1)", "+1", "-1", "@x", "=\u{301}x", "a,b", "say \"hi\"", "a\r\nb", "a\nb", "\r", "", "中文，逗号"]
        for field in fields {
            var writer = CSVWriter()
            writer.row([field, "x"])
            let expected = [0xEF, 0xBB, 0xBF] + Array((ReportEncoding.csvField(field) + ",x\r\n").utf8)
            XCTAssertEqual(writer.bytes, expected, field.debugDescription)
        }
    }
}
