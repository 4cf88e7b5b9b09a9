import XCTest
@testable import OpsbookKit

/// #15: system availability (系统可用率) from outage records and outage tickets, on each
/// system's service calendar, maintenance windows left out — counted by hand.
final class AvailabilityTests: XCTestCase {
    private let sla = """
        calendars:
          office: {days: [mon, tue, wed, thu, fri], hours: ["09:00-12:00", "13:00-17:00"]}
        policies:
          - {match: {}, calendar: office, resolve: 2d}
        availability: {high: 0.999, default: 0.99}
        """

    private func october(_ files: [String: String]) throws -> (Report, ReportSet) {
        let fixture = try Fixture(files)
        let log = DiagnosticLog()
        let content = ContentLoader.load(from: fixture.content, log: log)
        XCTAssertFalse(log.hasErrors, log.all.map { $0.formatted(relativeTo: "/") }.joined(separator: "\n"))
        let asOf = try XCTUnwrap(TimestampParser(patterns: [], time: LocalTime("Asia/Shanghai")).parse("2026-11-05"))
        let reports = ReportSet(content: content, asOf: asOf, only: [try XCTUnwrap(Period("2026-10"))])
        return (reports.report(try XCTUnwrap(Period("2026-10"))), reports)
    }

    /// erp (24×7, high): 53 min down, and 23:30–00:40 across a 22:00–24:00 maintenance window:
    /// 40 min counted; service 31 × 1,440 − 120 = 44,520 min → 1 − 93 ÷ 44,520.
    /// oa (office, 7 h × 22 weekdays = 9,240 min): a ticket marked as an outage, open
    /// Mon 10-12 10:00–14:00 → 10:00–12:00 and 13:00–14:00 = 180 min → 1 − 180 ÷ 9,240.
    func testAvailabilityIsCountedOnEachSystemsServiceTime() throws {
        let (report, _) = try october([
            "sla.yaml": sla,
            "systems/erp.md": "---\nid: erp\ntitle: ERP\ncriticality: high\n---\n",
            "systems/oa.md": "---\nid: oa\ntitle: OA\ncriticality: low\nservice_calendar: office\n---\n",
            "systems/hr.md": "---\nid: hr\ntitle: HR\n---\n",
            "outages.yaml": """
            - {system: erp, start: 2026-10-08 09:12, end: 2026-10-08 10:05, cause: 归档满}
            - {system: erp, start: 2026-10-17 23:30, end: 2026-10-18 00:40, cause: 升级后启动失败}
            - {system: erp, start: 2026-09-30 23:00, end: 2026-10-01 00:00, cause: 上月的停机}
            """,
            "planned/p.yaml":
                "- {id: erp-patch, title: 补丁, targets: [erp], due: 2026-10-17, done: 2026-10-17, window_start: 2026-10-17 22:00, window_end: 2026-10-18 00:00}\n",
            "tickets/t.yaml":
                "file: t.csv\ncolumns: {id: id, title: title, type: type, priority: priority, opened_at: opened, resolved_at: resolved, system: system, outage: 影响}\nvalues: {outage: {停机: true, 无: false}}\n",
            "tickets/t.csv":
                "id,title,type,priority,opened,resolved,system,影响\nT1,OA 无法登录,incident,P1,2026-10-12 10:00,2026-10-12 14:00,oa,停机\nT2,OA 慢,incident,P3,2026-10-13 10:00,2026-10-13 11:00,oa,无\n"
        ])
        let figures = try XCTUnwrap(report.availability)
        let erp = try XCTUnwrap(figures.systems.first { $0.id == "erp" })
        XCTAssertEqual([erp.serviceMinutes, erp.downMinutes, erp.maintenanceMinutes], [44_520, 93, 120])
        XCTAssertEqual(try XCTUnwrap(erp.availability), 1 - 93.0 / 44_520, accuracy: 1e-12)
        XCTAssertEqual(erp.target, 0.999)
        XCTAssertEqual(erp.verdict, .missed)
        XCTAssertEqual(erp.outages.map(\.minutes), [53, 40], "September's outage is not October's")
        let oa = try XCTUnwrap(figures.systems.first { $0.id == "oa" })
        XCTAssertEqual([oa.serviceMinutes, oa.downMinutes], [9_240, 180])
        XCTAssertEqual(oa.target, 0.99, "no target for 'low': the default")
        XCTAssertEqual(oa.outages.first?.source, .ticket("T1"))
        let hr = try XCTUnwrap(figures.systems.first { $0.id == "hr" })
        XCTAssertEqual([hr.serviceMinutes, hr.downMinutes], [44_640, 0])
        XCTAssertEqual(try XCTUnwrap(figures.overall), 1 - 273.0 / (44_520 + 9_240 + 44_640), accuracy: 1e-12)
    }

    func testWithoutOutageRecordsAvailabilityIsNotMeasured() throws {
        let (report, reports) = try october([
            "sla.yaml": sla,
            "systems/erp.md": "---\nid: erp\ntitle: ERP\n---\n",
            "tickets/t.yaml": "file: t.csv\ncolumns: {id: id, title: title, type: type, priority: priority, opened_at: opened}\n",
            "tickets/t.csv": "id,title,type,priority,opened\nT1,x,incident,P1,2026-10-12 10:00\n",
        ])
        XCTAssertNil(report.availability, "no outages.yaml, no export maps 'outage': not 100 %")
        let json = ReportEncoding(report: report, builder: reports.builder).jsonText
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let availability = try XCTUnwrap(object["availability"] as? [String: Any])
        XCTAssertTrue(availability["overall"] is NSNull)
        XCTAssertEqual(availability["reason"] as? String, "not measured: no content/outages.yaml and no export maps 'outage'")
    }

    func testOutageRecordsAreChecked() throws {
        let fixture = try Fixture([
            "sla.yaml": sla,
            "systems/erp.md": "---\nid: erp\ntitle: ERP\nservice_calendar: ofice\n---\n",
            "outages.yaml": """
                - {system: epr, start: 2026-10-08 09:00, end: 2026-10-08 10:00}
                - {system: erp, start: 2026-10-08 11:00, end: 2026-10-08 10:00}
                - {system: erp, start: yesterday}
                """,
            "planned/p.yaml": "- {id: w, title: w, targets: [erp], due: 2026-10-17, window_start: 2026-10-17 22:00}\n",
        ])
        let errors = fixture.check().errors
        XCTAssertEqual(errors.first { $0.id == "outage.system" }?.suggestion, "erp")
        XCTAssertEqual(errors.first { $0.id == "outage.order" }?.location.line, 2)
        XCTAssertEqual(errors.first { $0.id == "outage.time" }?.location.line, 3)
        XCTAssertEqual(errors.first { $0.id == "system.service_calendar" }?.suggestion, "office")
        XCTAssertNotNil(errors.first { $0.id == "planned.window" })
    }

    /// The demo's October, as content/outages.yaml and planned/2026.yaml write it.
    func testDemoOctober() throws {
        let log = DiagnosticLog()
        let content = ContentLoader.load(from: Repo.root.appending(path: "content"), log: log)
        let asOf = try XCTUnwrap(TimestampParser(patterns: [], time: LocalTime("Asia/Shanghai")).parse("2026-11-07"))
        let reports = ReportSet(content: content, asOf: asOf, only: [try XCTUnwrap(Period("2026-10"))])
        let figures = try XCTUnwrap(reports.report(try XCTUnwrap(Period("2026-10"))).availability)
        let down = Dictionary(uniqueKeysWithValues: figures.systems.filter { $0.downMinutes > 0 }.map { ($0.id, $0.downMinutes) })
        // erp 53 + 40 (past its 22:00–24:00 window), oa 50 (office hours), portal 240; finance-control's was in September.
        XCTAssertEqual(down, ["erp": 93, "oa": 50, "portal": 240])
        // oa on the office calendar: 18 working days (holidays 10-01…07, make-up day 10-10) × 7.5 h.
        XCTAssertEqual(figures.systems.first { $0.id == "oa" }?.serviceMinutes, 18 * 450)
    }
}
