import XCTest
@testable import OpsbookKit

/// Figures a manager can sign: every export shape that real tools write maps, a KPI whose
/// inputs no export provides is null with a reason (never 0 % or 100 %), unmatched tickets
/// are counted, and the same content gives the same report bytes with no flags.
final class HonestFiguresTests: XCTestCase {
    /// Builds in memory with no as-of and no environment, as `opsbook build` does by default.
    func build(_ files: [String: String]) throws -> (result: Build.Result, files: [String: Data]) {
        let fixture = try Fixture(files)
        return fixture.build()
    }

    func json(_ files: [String: Data], _ path: String) throws -> [String: Any] {
        let data = try XCTUnwrap(files[path], "\(path) was not written: \(files.keys.filter { $0.hasSuffix("report.json") }.sorted())")
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func kpi(_ report: [String: Any], _ name: String) -> [String: Any] {
        ((report["kpis"] as? [String: Any])?[name] as? [String: Any]) ?? [:]
    }

    func messages(_ result: Build.Result, _ id: String) -> [String] {
        result.diagnostics.filter { $0.id == id }.map { $0.formatted(relativeTo: "/") }
    }

    // MARK: Event log: no opened column, state split over two columns, a reopened ticket

    let eventLog: [String: String] = [
        "sla.yaml": """
            calendars:
              wall: 24x7
            policies:
              - match: {priority: P3}
                calendar: wall
                response: 1h
                resolve: 20h
            targets:
              reopen_rate: 0.1
            """,
        "tickets/desk.yaml": """
            file: desk.csv
            format: events
            columns:
              id: Number
              status: [Status, Sub Status]
              updated_at: Updated
              priority: Priority
            defaults: {type: incident}
            states:
              new: [New]
              open: [Open]
              pending: [Pending-Awaiting User]
              resolved: [Resolved]
            """,
        // T1: responded after 2 h, paused 1 h, resolved, reopened next morning, resolved again.
        // T2 is P4, which no policy matches.
        "tickets/desk.csv": """
            Number,Status,Sub Status,Updated,Priority
            T1,New,,2026-10-05 09:00,P3
            T1,Open,,2026-10-05 11:00,P3
            T1,Pending,Awaiting User,2026-10-05 11:30,P3
            T1,Open,,2026-10-05 12:30,P3
            T1,Resolved,,2026-10-05 13:00,P3
            T1,Open,,2026-10-06 09:00,P3
            T1,Resolved,,2026-10-06 10:00,P3
            T2,New,,2026-10-07 09:00,P4
            T2,Open,,2026-10-07 09:30,P4
            T2,Resolved,,2026-10-07 10:00,P4

            """,
    ]

    func testEventLogWithoutOpenedColumnAndSplitStates() throws {
        let (result, files) = try build(eventLog)
        XCTAssertEqual(result.errors.map { $0.formatted(relativeTo: "/") }, [])
        let report = try json(files, "reports/2026-10/report.json")
        XCTAssertEqual(report["as_of"] as? String, "2026-10-07T10:00:00+08:00", "as-of is the newest time in the data")
        let tickets = try XCTUnwrap(report["tickets"] as? [String: Any])
        XCTAssertEqual(tickets["opened"] as? Int, 2, "each ticket opens at its first event")
        XCTAssertEqual(tickets["sla_unmatched"] as? Int, 1)
        XCTAssertEqual((report["sla_unmatched"] as? [[String: Any]])?.map { $0["id"] as? String }, ["T2"])
        XCTAssertEqual(kpi(report, "reopen_rate")["reopened"] as? Int, 1)
        XCTAssertEqual(kpi(report, "reopen_rate")["resolved"] as? Int, 2)
        XCTAssertEqual(kpi(report, "reopen_rate")["rate"] as? Double, 0.5)
        XCTAssertEqual(kpi(report, "reopen_rate")["target"] as? Double, 0.1)
        // T1 is the only ticket with clocks: response 120 min against 60, resolution
        // 09:00 → next day 10:00 less the 1 h pause = 1,440 min against 1,200, by the final resolution.
        let response = kpi(report, "response_on_time")
        XCTAssertEqual([response["met"] as? Int, response["breached"] as? Int], [0, 1])
        let breached = try XCTUnwrap(report["breached"] as? [[String: Any]])
        XCTAssertEqual(breached.count, 1, "each ticket once")
        XCTAssertEqual(breached[0]["id"] as? String, "T1")
        XCTAssertEqual(breached[0]["calendar"] as? String, "wall")
        let clocks = try XCTUnwrap(breached[0]["clocks"] as? [[String: Any]])
        XCTAssertEqual(clocks.map { "\($0["clock"]!):\($0["target_minutes"]!):\($0["actual_minutes"]!)" },
                       ["response:60:120", "resolve:1200:1440"])
        // No tier, survey or on-site columns: not measured, with a reason; never 0 %.
        for name in ["first_line_resolution", "onsite_on_time", "satisfaction", "followup_3d"] {
            XCTAssertTrue(kpi(report, name)["rate"] is NSNull || kpi(report, name)["mean"] is NSNull, name)
            XCTAssertTrue((kpi(report, name)["reason"] as? String)?.hasPrefix("not measured: ") == true, "\(name): \(kpi(report, name))")
        }
        XCTAssertEqual(kpi(report, "first_line_resolution")["reason"] as? String,
                       "not measured: no export of this period's tickets provides tier")
        let warnings = messages(result, "tickets.not_measured")
        XCTAssertEqual(warnings.count, 1, "one warning per export: \(warnings)")
        XCTAssertTrue(
            warnings[0].contains("provides no onsite_required, onsite_arrived_at, tier, satisfaction, followed_up_at"), warnings[0])
        XCTAssertTrue(warnings[0].contains("first_line_resolution"), warnings[0])
        let unmatched = messages(result, "tickets.sla_unmatched")
        XCTAssertEqual(unmatched.count, 1)
        XCTAssertTrue(unmatched[0].contains("1 ticket of 'desk.csv' match no SLA policy ('T2')"), unmatched[0])
        let page = String(decoding: try XCTUnwrap(files["reports/2026-10/index.html"]), as: UTF8.self)
        XCTAssertTrue(page.contains("<span class=\"kpi-value\">未统计</span>"), "the page says not measured")
        XCTAssertTrue(page.contains("导出未提供 tier"))
        XCTAssertTrue(page.contains("<code>T2</code>"), "the unmatched ticket is listed")
        XCTAssertTrue(page.contains("<span class=\"clock-line\">1 小时</span><span class=\"clock-line\">20 小时</span>"),
                      "both targets of T1 in one row, as sla.yaml writes them")
        XCTAssertTrue(page.contains("<span class=\"clock-line\">2 小时</span><span class=\"clock-line\">1 天</span>"),
                      "elapsed wall-clock time on a 24×7 calendar")
    }

    // MARK: Flat export without first response, on a 5×8 calendar, with a repeated header

    let flatExport: [String: String] = [
        "sla.yaml": """
            calendars:
              office: {days: [mon, tue, wed, thu, fri], hours: ["09:00-17:00"]}
            policies:
              - match: {priority: P4}
                calendar: office
                response: 4h
                resolve: 5d
            """,
        "tickets/jira.yaml": """
            file: jira.csv
            columns: {id: Key, opened_at: Created, resolved_at: Resolved, priority: Priority, type: Type, title: "Comment#2"}
            """,
        "tickets/jira.csv": """
            Key,Created,Resolved,Priority,Type,Comment,Comment
            F1,2026-10-05 09:00,2026-10-20 09:00,P4,incident,first,second
            F2,2026-10-05 10:00,,P4,request,a,b

            """,
    ]

    func testFlatExportWithoutFirstResponseIsNotMeasuredNotBreached() throws {
        let (result, files) = try build(flatExport)
        XCTAssertEqual(result.errors.map { $0.formatted(relativeTo: "/") }, [])
        let report = try json(files, "reports/2026-10/report.json")
        XCTAssertEqual(report["as_of"] as? String, "2026-10-20T09:00:00+08:00")
        let response = kpi(report, "response_on_time")
        XCTAssertEqual([response["met"] as? Int, response["breached"] as? Int, response["pending"] as? Int], [0, 0, 0],
                       "before: every ticket's response breached")
        XCTAssertTrue(response["rate"] is NSNull)
        XCTAssertEqual(response["reason"] as? String, "not measured: no export of this period's tickets provides first_response_at")
        // Resolution: F1 took 11 working days (5,280 min of 8-hour days); F2 is still open at as-of, 10 days 7 hours in.
        let breached = try XCTUnwrap(report["breached"] as? [[String: Any]])
        XCTAssertEqual(breached.map { "\($0["id"]!):\($0["clock"]!):\($0["actual_minutes"]!)" }, ["F1:resolve:5280", "F2:resolve:5220"])
        XCTAssertEqual(breached[0]["title"] as? String, "second", "Comment#2 reads the second Comment column")
        let resolution = kpi(report, "resolution_rate")
        XCTAssertEqual([resolution["resolved"] as? Int, resolution["opened"] as? Int], [1, 2])
        let tickets = try XCTUnwrap(report["tickets"] as? [String: Any])
        XCTAssertEqual([tickets["resolved"] as? Int, tickets["open_at_end"] as? Int], [1, 1],
                       "F1, resolved at the as-of instant, is resolved in the volumes too")
        XCTAssertEqual(tickets["sla_unmatched"] as? Int, 0)
        XCTAssertTrue(kpi(report, "first_line_resolution")["rate"] is NSNull, "an unmapped tier is not 0 %")
        let page = String(decoding: try XCTUnwrap(files["reports/2026-10/index.html"]), as: UTF8.self)
        XCTAssertFalse(page.contains("sla-unmatched"), "no unmatched section when every ticket matches")
        XCTAssertTrue(page.contains("<span class=\"clock-line\">5 工作日</span>"), "a 5d target on a 5×8 calendar reads 5 working days")
        XCTAssertTrue(page.contains("<span class=\"clock-line\">11 工作日</span>"))
        XCTAssertTrue(page.contains("<span class=\"clock-line\">10 工作日 7 小时</span>"))
        let header = messages(result, "tickets.header")
        XCTAssertEqual(header.count, 1)
        XCTAssertTrue(header[0].contains("repeats 'Comment' (2×)"), header[0])
        XCTAssertTrue(messages(result, "tickets.not_measured")[0].contains("provides no first_response_at"))
    }

    // MARK: JSON Lines: nested paths, arrays, and a row filter

    let gitHubIssues: [String: String] = [
        "tickets/github.yaml": """
            file: issues.jsonl
            columns:
              id: number
              title: title
              opened_at: created_at
              resolved_at: closed_at
              assignee: assignee.login
              priority: labels.name
              type: labels.name
              tags: labels.name
            values:
              priority: {P1: P1, P2: P2}
              type: {bug: incident, question: consultation}
            defaults: {priority: P3}
            exclude: {pull_request: present}
            """,
        "tickets/issues.jsonl": """
            {"number": 1, "title": "Disk full", "created_at": "2026-10-01T08:00:00Z", "closed_at": "2026-10-01T10:00:00Z", \
            "assignee": {"login": "bob", "id": 7}, "labels": [{"name": "bug", "color": "red"}, {"name": "P2"}]}
            {"number": 2, "title": "Add user", "created_at": "2026-10-02T08:00:00Z", "closed_at": null, "assignee": null, \
            "labels": [{"name": "question"}]}
            {"number": 3, "title": "Fix typo", "created_at": "2026-10-03T08:00:00Z", "pull_request": {"url": "https://x/3"}, "labels": []}

            """,
    ]

    func testNestedJSONLinesWithArraysAndARowFilter() throws {
        let fixture = try Fixture(gitHubIssues)
        let log = DiagnosticLog()
        let content = ContentLoader.load(from: fixture.content, log: log)
        XCTAssertEqual(log.all.filter { $0.severity == .error }.map { $0.formatted(relativeTo: "/") }, [])
        let tickets = content.tickets.sorted { $0.id < $1.id }
        XCTAssertEqual(tickets.map(\.id), ["1", "2"], "the pull request is left out")
        XCTAssertEqual(content.ticketImports[0].excludedRows, 1)
        XCTAssertEqual(tickets.map(\.assignee), ["bob", ""])
        XCTAssertEqual(tickets.map(\.priority), ["P2", "P3"], "the first label `values` maps, else the default")
        XCTAssertEqual(tickets.map(\.type), ["incident", "consultation"])
        XCTAssertEqual(tickets.map(\.tags), [["bug", "P2"], ["question"]], "tags keep every element")

        let (_, files) = fixture.build()
        let report = try json(files, "reports/2026-10/report.json")
        XCTAssertEqual(report["as_of"] as? String, "2026-10-02T16:00:00+08:00", "the excluded row's time does not count")
        XCTAssertEqual((report["tickets"] as? [String: Any])?["excluded_rows"] as? Int, 1)
        XCTAssertEqual(kpi(report, "resolution_rate")["rate"] as? Double, 0.5)
    }

    /// Three builds with no flags and no environment write the same bytes, report.json and
    /// report.csv included, for every shape above.
    func testReportsAreByteIdenticalWithoutFlags() throws {
        for files in [eventLog, flatExport, gitHubIssues] {
            let fixture = try Fixture(files)
            let runs = (0..<3).map { _ in fixture.build().files }
            XCTAssertGreaterThan(runs[0].keys.filter { $0.hasSuffix("report.json") }.count, 0)
            XCTAssertEqual(runs[0], runs[1])
            XCTAssertEqual(runs[1], runs[2])
        }
    }

    // MARK: Mapping problems are one error; row problems are capped

    func testAnUnmappedRequiredFieldIsOneErrorBeforeAnyRow() throws {
        let rows = (1...500).map { "R\($0),2026-10-05 09:00,P3,incident" }.joined(separator: "\n")
        let (result, _) = try build([
            "tickets/t.yaml": "file: t.csv\ncolumns:\n  id: id\n  priority: priority\n  type: type\n",
            "tickets/t.csv": "id,opened,priority,type\n" + rows + "\n",
        ])
        XCTAssertEqual(
            result.errors.map(\.id), ["tickets.columns"], result.errors.map { $0.formatted(relativeTo: "/") }.joined(separator: "\n"))
        XCTAssertEqual(result.errors[0].location.line, 2, "at the yaml's columns")
        XCTAssertTrue(result.errors[0].message.contains("'opened_at'"))
    }

    func testRepeatedRowErrorsAreCappedWithTheFieldsColumn() throws {
        let rows = (10...39).map { "R\($0),not-a-date,P3,incident" }.joined(separator: "\n")
        let (result, _) = try build([
            "tickets/t.yaml": "file: t.csv\ncolumns: {id: id, opened_at: opened, priority: priority, type: type}\n",
            "tickets/t.csv": "id,opened,priority,type\n" + rows + "\nR99,2026-10-05 09:00,P9,incident\n",
        ])
        let rowErrors = result.errors.filter { $0.id == "tickets.row" }
        XCTAssertEqual(rowErrors.count, 22, "20 of the repeated kind, one summary line, one other kind")
        XCTAssertEqual(rowErrors.filter { $0.message.hasPrefix("unparseable date") }.count, 20)
        XCTAssertEqual(rowErrors[0].location.line, 2)
        XCTAssertEqual(rowErrors[0].location.column, 5, "the column of the opened field")
        let summary = try XCTUnwrap(rowErrors.first { $0.message.hasPrefix("… and") })
        XCTAssertEqual(summary.message, "… and 10 more rows like this (unparseable date 'not-a-date' in column 'opened')")
        XCTAssertEqual(summary.location.line, 22, "at the first row not shown")
        let other = try XCTUnwrap(rowErrors.first { $0.message.contains("P9") })
        XCTAssertEqual(other.location.column, 22, "the priority field of `R99,2026-10-05 09:00,P9`")
    }
}
