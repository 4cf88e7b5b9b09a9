import XCTest
@testable import OpsbookKit

/// Inspections, planned work, drills, spares and scorecards: expansion against calendars,
/// overdue rules at period boundaries, the rubric's arithmetic and the diagnostics.
final class OperationsTests: XCTestCase {
    let sla = """
        calendars:
          office:
            hours: ["08:30-12:00", "13:30-17:30"]
            holidays: [2026-10-01, 2026-10-02, 2026-10-05, 2026-10-06, 2026-10-07]
            workdays: [2026-10-10]
          always: 24x7
        """
    let base: [String: String] = [
        "procedures/check.md": "---\ntitle: 巡检规程\n---\n",
        "systems/erp.md": "---\nid: erp\ntitle: ERP\n---\n",
        "inventory/s.yaml": "- id: ups\n  name: UPS\n  class: power\n- id: srv-1\n  name: S1\n  class: pc-server\n",
    ]

    func load(_ files: [String: String], asOf: String = "2026-11-01 00:00") throws -> (Content, [Diagnostic], OperationsStatus) {
        let fixture = try Fixture(base.merging(["sla.yaml": sla]) { a, _ in a }.merging(files) { _, new in new })
        let log = DiagnosticLog()
        let content = ContentLoader.load(from: fixture.content, log: log)
        let instant = TimestampParser(patterns: [], time: LocalTime("Asia/Shanghai")).parse(asOf[...])!
        _ = Resolver.resolve(content, asOf: instant, log: log)
        return (content, log.all, OperationsStatus(content: content, asOf: instant))
    }

    func testWorkdaysSkipHolidaysAndIncludeMakeUpDays() throws {
        let (content, diagnostics, _) = try load([:])
        XCTAssertEqual(diagnostics, [])
        let days = Frequency.workdays.days(from: Day("2026-09-28")!, to: Day("2026-10-13")!, calendar: content.sla.calendars["office"])
        XCTAssertEqual(
            days.map(\.description), ["2026-09-28", "2026-09-29", "2026-09-30", "2026-10-08", "2026-10-09", "2026-10-10", "2026-10-12"])
        XCTAssertEqual(
            Frequency("weekly:mon")!.days(from: Day("2026-10-01")!, to: Day("2026-10-20")!, calendar: nil).map(\.description),
            ["2026-10-05", "2026-10-12", "2026-10-19"])
        XCTAssertEqual(
            Frequency("monthly:31")!.days(from: Day("2026-01-01")!, to: Day("2026-05-01")!, calendar: nil).map(\.description),
            ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"], "short months use their last day")
        XCTAssertEqual(Frequency("quarterly")!.days(from: Day("2026-01-01")!, to: Day("2027-01-01")!, calendar: nil).count, 4)
        XCTAssertNil(Frequency("weekly:funday"))
    }

    let schedules = """
        schedules:
          - id: daily-ups
            procedure: check
            targets: [ups]
            frequency: daily
            at: "09:00"
            grace: 2h
            from: 2026-09-29
        records:
          - {schedule: daily-ups, date: 2026-09-29 09:30, result: ok}
          - {schedule: daily-ups, date: 2026-09-30 12:00, result: ok}
          - {schedule: daily-ups, date: 2026-10-01, result: findings, findings: "温度偏高,见 [[check]]"}
          - {schedule: daily-ups, date: 2026-10-02 09:10, result: missed}
          - {schedule: daily-ups, date: 2026-10-04 10:00, result: ok}
        """

    func testOverdueRulesAtPeriodBoundaries() throws {
        let (_, diagnostics, status) = try load(["inspections/ups.yaml": schedules], asOf: "2026-10-05 10:00")
        XCTAssertEqual(diagnostics, [])
        // 09-29 on time; 09-30 late (12:00 > 11:00); 10-01 date only, same day: on time; 10-02 recorded missed;
        // 10-03 no record, deadline passed: missed; 10-04 on time; 10-05 due 09:00, deadline 11:00 > as-of: pending.
        XCTAssertEqual(status.occurrences.map(\.outcome), [.onTime, .late, .onTime, .missed, .missed, .onTime, .pending])
        let september = OperationsFigures(status, period: Period("2026-09")!)
        XCTAssertEqual([september.inspectionsDue, september.inspectionsLate, september.inspectionsMissed], [2, 1, 0])
        XCTAssertEqual(september.inspectionOverdueRate, 0.5, "the late 09-30 inspection stays in September")
        let october = OperationsFigures(status, period: Period("2026-10")!)
        XCTAssertEqual(
            [october.inspectionsDue, october.inspectionsOnTime, october.inspectionsMissed, october.inspectionsPending], [5, 2, 2, 1])
        XCTAssertEqual(october.inspectionOverdueRate, 0.5, "pending inspections are left out of the rate: 2 ÷ 4")
        XCTAssertEqual(october.inspections.map(\.due.description), ["2026-10-02", "2026-10-03"])
    }

    func testPlannedWorkOverdue() throws {
        let planned = """
            - {id: on-time, title: A, kind: patch, due: 2026-10-10, done: 2026-10-10}
            - {id: late, title: B, kind: patch, due: 2026-10-15, done: 2026-10-16}
            - {id: open-overdue, title: C, kind: change, due: 2026-10-31}
            - {id: cancelled, title: D, kind: change, due: 2026-10-20, status: cancelled}
            - {id: next-month, title: E, kind: upgrade, due: 2026-11-01}
            """
        let (_, diagnostics, status) = try load(["planned/p.yaml": planned], asOf: "2026-11-01 08:00")
        XCTAssertEqual(diagnostics, [])
        let october = OperationsFigures(status, period: Period("2026-10")!)
        XCTAssertEqual([october.plannedDue, october.plannedOnTime, october.plannedLate, october.plannedOpenOverdue], [3, 1, 1, 1])
        XCTAssertEqual(october.planned.map(\.id), ["late", "open-overdue"])
        let november = OperationsFigures(status, period: Period("2026-11")!)
        XCTAssertEqual([november.plannedDue, november.plannedPending], [1, 1], "due today and not yet done: pending")
    }

    func testPlannedWorkWrittenAsMarkdown() throws {
        let (content, diagnostics, _) = try load([
            "planned/ups-annual.md": "---\ntitle: UPS 年度维护\nkind: maintenance\ntargets: [ups]\ndue: 2026-12-20\n---\n步骤见 [[check]]。\n"
        ])
        XCTAssertEqual(diagnostics, [], "planned-work keys are not unknown front matter")
        XCTAssertEqual(content.plannedWork.map(\.id), ["ups-annual"])
        XCTAssertEqual(content.plannedWork.first?.page, "planned/ups-annual")
        XCTAssertEqual(content.plannedWork.first?.title, "UPS 年度维护")
    }

    func testDrillDueAndSpareStockAtPeriodEnd() throws {
        let (content, diagnostics, status) = try load([
            "emergency/a.md": "---\ntitle: A\ndrill_every: 6mo\ndrills:\n  - {date: 2026-03-31, result: pass}\n---\n",
            "emergency/b.md": "---\ntitle: B\ndrill_every: 1y\n---\n",
            "emergency/c.md": "---\ntitle: C\ndrill_next: 2027-01-15\n---\n",
            "spares.yaml":
                "parts:\n  - {id: psu, name: PSU, fits: [pc-server], stock: 2, min_stock: 3}\nusage:\n  - {date: 2026-10-20, part: psu, qty: 2}\n"
        ])
        XCTAssertEqual(diagnostics, [])
        let pages = Dictionary(uniqueKeysWithValues: content.pages.map { ($0.title, $0) })
        XCTAssertEqual(status.drillDue(pages["A"]!), .on(Day("2026-09-30")!), "6 months after 03-31 is 09-30")
        XCTAssertTrue(status.drillOverdue(pages["A"]!))
        XCTAssertEqual(status.drillDue(pages["B"]!), .never)
        XCTAssertFalse(status.drillOverdue(pages["C"]!))
        XCTAssertEqual(status.stock(of: content.spares[0], at: Day("2026-10-01")!), 4)
        XCTAssertEqual(
            OperationsFigures(status, period: Period("2026-09")!).sparesBelowMinimum.count, 0, "4 on hand at the end of September")
        XCTAssertEqual(OperationsFigures(status, period: Period("2026-10")!).sparesBelowMinimum.map(\.stock), [2])
        XCTAssertEqual(OperationsFigures(status, period: Period("2026-09")!).drillsDue.count, 1)
    }

    func testScorecardArithmeticFromTheRubric() throws {
        let card = """
            engineers:
              - name: 甲
                events:
                  - {category: professional, item: 着装 · 完全未按要求且不整洁, points: 6}
                  - {category: professional, item: 会议 · 当月三次迟到, points: 20}
                  - {category: service, item: 报表延后 1 日, points: 5}
                  - {category: bonus, item: 客户经理级书面表扬, points: 10}
              - name: 乙
                events:
                  - {category: service, item: 客户投诉 · 2 次及以上, points: 80}
                  - {category: service, item: 超出 SLA 一次, points: 6}
              - name: 丙
                events: []
            """
        let (content, diagnostics, _) = try load(["scorecards/2026-Q3.yaml": card])
        XCTAssertEqual(diagnostics, [])
        let engineers = content.scorecards[0].engineers
        // 甲: professional 20 − 26 floors at 0; service 80 − 5 = 75; bonus 10 → 85, B.
        XCTAssertEqual([engineers[0].professional, engineers[0].service, engineers[0].bonus, engineers[0].total], [0, 75, 10, 85])
        XCTAssertEqual(engineers[0].grade, "B")
        // 乙: service 80 − 86 floors at 0; professional 20 → 20, E.
        XCTAssertEqual([engineers[1].total], [20])
        XCTAssertEqual(engineers[1].grade, "E")
        XCTAssertEqual(engineers[2].total, 100)
        XCTAssertEqual(engineers[2].grade, "A")
        XCTAssertEqual([89, 90, 79, 69, 60, 59].map(Scorecard.grade), ["B", "A", "C", "D", "D", "E"])
    }

    func testDiagnosticsAtFileAndLine() throws {
        let (_, diagnostics, _) = try load([
            "inspections/x.yaml": """
            schedules:
              - id: s1
                procedure: chekc
                targets: [upss]
                frequency: daily
            records:
              - {schedule: s2, date: 2026-10-01 09:00}
              - {schedule: s1, date: 2026-12-01 09:00}
            """,
            "spares.yaml":
                "parts:\n  - {id: p1, name: P, fits: [pc-servr], stock: -1, min_stock: 1}\nusage:\n  - {date: 2026-10-01, part: p2}\n",
            "planned/p.yaml": "- {id: w1, title: W, due: 2026-10-01, plan: nowhere}\n",
            "scorecards/2026-Q3.yaml": "engineers:\n  - name: A\n    events:\n      - {category: servce, points: 5}\n",
        ])
        let found = diagnostics.filter { $0.severity == .error }.map {
            "\(URL(fileURLWithPath: $0.location.file).lastPathComponent):\($0.location.line) \($0.id)"
        }
        XCTAssertEqual(
            Set(found),
            [
                "x.yaml:3 ref.unknown", "x.yaml:4 ref.unknown", "x.yaml:7 inspections.schedule", "x.yaml:8 record.future",
                "spares.yaml:2 spares.stock", "spares.yaml:2 ref.unknown", "spares.yaml:4 spares.part",
                "p.yaml:1 ref.unknown", "2026-Q3.yaml:4 scorecard.category"
            ])
        let procedure = try XCTUnwrap(diagnostics.first { $0.location.line == 3 && $0.location.file.hasSuffix("x.yaml") })
        XCTAssertEqual(procedure.suggestion, "procedures/check")
    }

    func testReportJSONCarriesTheOperationsKPIs() throws {
        let fixture = try Fixture(base.merging(["sla.yaml": sla, "inspections/ups.yaml": schedules]) { _, new in new })
        let result = Build(options: .init(content: fixture.content, templates: nil, asOf: "2026-10-05T10:00")).report(Period("2026-10")!)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.json.utf8)) as? [String: Any])
        let kpis = try XCTUnwrap(json["kpis"] as? [String: Any])
        let inspection = try XCTUnwrap(kpis["inspection_overdue"] as? [String: Any])
        XCTAssertEqual(inspection["due"] as? Int, 5)
        XCTAssertEqual(inspection["rate"] as? Double, 0.5)
        XCTAssertEqual((json["overdue_inspections"] as? [Any])?.count, 2)
        XCTAssertNotNil(kpis["planned_work_overdue"])
        XCTAssertTrue(result.html.contains("巡检超期率"))
    }
}
