import XCTest
@testable import OpsbookKit

/// #17: the contract's promises about people and the client, as records checked like the
/// rest of the content, and their figures in the quarterly and yearly reports.
final class PeopleRecordsTests: XCTestCase {
    private func demoReports() throws -> ReportSet {
        let log = DiagnosticLog()
        let content = AudienceFilter.apply(
            ContentLoader.load(from: Repo.root.appending(path: "content"), log: log), audience: .internal, log: log
        ).0
        XCTAssertFalse(log.hasErrors, log.all.map(\.message).joined(separator: "\n"))
        XCTAssertEqual(
            log.all.filter { $0.id.hasPrefix("staffing") || $0.id.hasPrefix("people") || $0.id.hasPrefix("training") }.map(\.message), [])
        let asOf = try XCTUnwrap(TimestampParser(patterns: [], time: LocalTime("Asia/Shanghai")).parse("2026-11-07"))
        return ReportSet(content: content, asOf: asOf, only: [try XCTUnwrap(Period("2026-Q3"))])
    }

    /// The demo's staffing.yaml, training.yaml, visits and surveys, counted by hand:
    /// - 26 people on the roster; three replacements: 刘洋 → 陈晨 (start 01-05, leaves 01-16),
    ///   马超 → 何静 (client notice 03-02, start 03-30, leaves 03-31), 邓辉 → 唐宁 (requested
    ///   06-10, leaves 06-30, start 07-06).
    /// - 2025-10-01 … 2026-09-30 (365 days): 23 people all year (8,395 person-days) + 陈晨 269
    ///   + 何静 185 + 唐宁 87 + 刘洋 108 + 马超 182 + 邓辉 273 = 9,499 → 26.02 on average;
    ///   3 leavers → 11.53 % against ≤ 10 %: missed.
    /// - Q1: 马超's replacement started 28 days after the client's notice (> 14): late.
    /// - Q2: 邓辉 asked 20 days before leaving (< one month): no notice; 唐宁 started after he
    ///   left: "先进后出" broken.
    /// - Q3: 07-01 … 07-05 one network engineer short: 5 days below contract. Training 4 h × 6
    ///   + 2 h × 12 + 3 h × 4 = 60 person-hours over 2,387 / 92 = 25.95 people = 2.31 h.
    ///   Survey 2026-H1: items 4.5, 4, 4.5, 4.5, 4, 5 → 4.42 (2025-H2: 4.08), against ≥ 4.5.
    ///   One visit (09-18); open actions at 09-30: 3, one of them overdue (due 08-31).
    func testDemoFiguresMatchAHandCount() throws {
        let reports = try demoReports()
        let q1 = try XCTUnwrap(reports.report(try XCTUnwrap(Period("2026-Q1"))).people)
        let q2 = try XCTUnwrap(reports.report(try XCTUnwrap(Period("2026-Q2"))).people)
        let q3 = try XCTUnwrap(reports.report(try XCTUnwrap(Period("2026-Q3"))).people)
        XCTAssertNil(reports.report(try XCTUnwrap(Period("2026-09"))).people, "months have no people section")

        XCTAssertEqual(q3.leavers, 3)
        XCTAssertEqual(q3.averageHeadcount, 9_499.0 / 365, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(q3.rotationRate), 3 / (9_499.0 / 365), accuracy: 1e-9)
        XCTAssertEqual(q3.verdict("rotation_rate", targets: ["rotation_rate": 0.1]), .missed)

        XCTAssertEqual(q1.rotations.map(\.person), ["刘洋", "马超"])
        XCTAssertEqual(q1.withoutNotice.map(\.person), [], "刘洋 asked 12-01 for 01-16; 马超's change was the client's request")
        XCTAssertEqual(q1.lateReplacements.map { [$0.person, $0.replacedBy ?? ""] }, [["马超", "何静"]])
        XCTAssertEqual(q1.lateReplacements.first?.daysToReplace, 28)
        XCTAssertEqual(q1.firstInLastOutViolations.count, 0)
        XCTAssertEqual(q2.withoutNotice.map(\.person), ["邓辉"])
        XCTAssertEqual(q2.firstInLastOutViolations.map(\.person), ["邓辉"])
        XCTAssertEqual(q2.lateReplacements.count, 0)

        XCTAssertEqual(q3.daysBelowContract, 5)
        XCTAssertEqual(q3.belowContract.map(\.role), ["network-engineer"])
        XCTAssertEqual([q3.contracted, q3.onSite], [26, 26])
        XCTAssertEqual(q3.backupAvailable, true)
        XCTAssertEqual(q3.trainingHours, 60)
        XCTAssertEqual(try XCTUnwrap(q3.trainingHoursPerPerson), 60 / (2_387.0 / 92), accuracy: 1e-9)
        XCTAssertEqual(q3.expiring.map(\.person), ["杨帆", "郑凯"], "VCP-DCV 15 days left, OCP 81; CCNP (123 days) is outside 90")
        let survey = try XCTUnwrap(q3.survey)
        XCTAssertEqual([survey.period, survey.previousPeriod], ["2026-H1", "2025-H2"])
        XCTAssertEqual(try XCTUnwrap(survey.overall), 26.5 / 6, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(survey.previousOverall), 24.5 / 6, accuracy: 1e-9)
        XCTAssertNil(q2.survey.map(\.period).flatMap { $0 == "2026-H1" ? $0 : nil }, "H1 was signed in July, after Q2 ended")
        XCTAssertEqual(q3.visits.map(\.title), ["第三季度满意度回访"])
        XCTAssertEqual(q3.openActions.count, 3)
        XCTAssertEqual(q3.openActions.filter { $0.isOverdue(on: q3.reference) }.map(\.owner), ["冯涛"])
        XCTAssertEqual(q2.openActions.map(\.owner), ["冯涛"], "孙丽's action was closed on 06-25")
    }

    func testTheQuarterlyReportCarriesTheFigures() throws {
        let reports = try demoReports()
        let period = try XCTUnwrap(Period("2026-Q3"))
        let json = ReportEncoding(report: reports.report(period), builder: reports.builder).jsonText
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let people = try XCTUnwrap(object["people"] as? [String: Any])
        let rotation = try XCTUnwrap(people["rotation_rate"] as? [String: Any])
        XCTAssertEqual(rotation["rate"] as? Double, 0.1153)
        XCTAssertEqual(rotation["verdict"] as? String, "missed")
        XCTAssertEqual(rotation["better"] as? String, "lower")
        let survey = try XCTUnwrap(people["survey_score"] as? [String: Any])
        XCTAssertEqual(survey["overall"] as? Double, 4.42)
        XCTAssertEqual(survey["verdict"] as? String, "missed")
        let training = try XCTUnwrap(people["training_hours"] as? [String: Any])
        XCTAssertEqual(training["verdict"] as? String, "met")
        XCTAssertEqual((people["headcount"] as? [String: Any])?["days_below_contract"] as? Int, 5)
    }

    func testRecordsAreCheckedLikeLinks() throws {
        let fixture = try Fixture([
            "team.yaml":
                "tiers:\n  - {id: L1, name: 一线}\nroles:\n  - {id: desk, name: 坐席, tier: L1, headcount: 2}\npeople:\n  - {name: 张三, role: desk}\n  - {name: 王五, role: desk}\n",
            "staffing.yaml": """
                contracted: {desk: 2, dsek: 1}
                backup: 王六
                former:
                  - {name: 李四, role: desk}
                changes:
                  - {type: replace, person: 张三, role: desk, start_on: 2026-03-01, end_on: 2026-03-05}
                  - {type: replace, person: 王五, replaces: 李思, role: desk, start_on: 2026-03-01, end_on: 2026-03-05}
                  - {type: leave, person: 李四, role: desk, requested_on: 2026-02-10, approved_on: 2026-02-01, end_on: 2026-02-28}
                  - {type: join, person: 张三, role: desk}
                  - {type: swap, person: 张三, role: desk}
                """,
            "training.yaml": "sessions:\n  - {date: 2026-03-10, topic: t, hours: 2, attendees: [张三, 赵七]}\n",
            "surveys/2026-H1.yaml": "responses:\n  - {respondent: r, signed_on: 2026-07-01, scores: {attitude: 6, speed: 4}}\n",
            "surveys/2026-H3.yaml": "responses: []\n",
            "visits/v.yaml": "date: 2026-04-01\nactions:\n  - {title: a, status: done}\n  - {title: b, due: 2026-03-01}\n",
        ])
        let errors = fixture.check().errors
        func at(_ id: String) -> [String] { errors.filter { $0.id == id }.map { "\($0.location.line):\($0.suggestion ?? "")" } }
        XCTAssertEqual(at("people.role"), ["1:desk"], "contracted role 'dsek'")
        XCTAssertEqual(Set(errors.filter { $0.id == "people.unknown" }.map { $0.message.split(separator: "'")[1] }), ["王六", "李思", "赵七"])
        XCTAssertEqual(errors.first { $0.message.contains("李思") }?.suggestion, "李四", "did you mean the former engineer")
        XCTAssertEqual(at("staffing.replace"), ["6:"], "a replace without 'replaces'")
        XCTAssertEqual(at("staffing.order").count, 1, "approved before requested")
        XCTAssertEqual(errors.first { $0.id == "staffing.order" }?.location.line, 8)
        XCTAssertEqual(at("staffing.date"), ["9:"], "a join without start_on")
        XCTAssertEqual(at("staffing.type"), ["10:"], "type 'swap'")
        XCTAssertEqual(Set(errors.filter { $0.id == "survey.item" || $0.id == "survey.score" }.map(\.id)), ["survey.item", "survey.score"])
        XCTAssertEqual(errors.first { $0.id == "survey.item" }?.location.file.hasSuffix("surveys/2026-H1.yaml"), true)
        XCTAssertEqual(at("survey.file").count, 1, "2026-H3 is not a half year")
        XCTAssertEqual(at("action.status"), ["3:doing"])
        XCTAssertEqual(at("action.due"), ["4:"], "due before the visit")
    }

    /// A replacement the client asked for and still unfilled is late in every later report
    /// until it is filled; a newcomer on site before approval is a breach of its own.
    func testUnfilledReplacementsAndUnapprovedStarts() throws {
        let fixture = try Fixture([
            "team.yaml":
                "tiers:\n  - {id: L1, name: 一线}\nroles:\n  - {id: desk, name: 坐席, tier: L1, headcount: 2}\npeople:\n  - {name: 张三, role: desk}\n  - {name: 王五, role: desk}\n  - {name: 赵六, role: desk}\n",
            "staffing.yaml": """
            contracted: {desk: 2}
            former:
              - {name: 李四, role: desk}
            changes:
              - {type: replace, person: 王五, replaces: 李四, role: desk, client_notice_on: 2026-04-01, requested_on: 2026-04-01, approved_on: 2026-04-02, start_on: 2026-12-01, end_on: 2026-04-10}
              - {type: join, person: 赵六, role: desk, requested_on: 2026-04-20, approved_on: 2026-05-10, start_on: 2026-05-01}
            """
        ])
        let log = DiagnosticLog()
        let content = ContentLoader.load(from: fixture.content, log: log)
        XCTAssertFalse(log.hasErrors, log.all.map(\.message).joined(separator: "\n"))
        let june = try XCTUnwrap(Day("2026-06-30"))
        let q2 = PeopleFigures(content: content, period: try XCTUnwrap(Period("2026-Q2")), asOf: june)
        XCTAssertEqual(q2.lateReplacements.map(\.person), ["李四"])
        XCTAssertEqual(q2.lateReplacements.first?.daysToReplace, 90, "04-01 to 06-30, still unfilled")
        XCTAssertEqual(q2.firstInLastOutViolations.map(\.person), ["李四"])
        XCTAssertEqual(q2.startedBeforeApproval.map(\.person), ["赵六"])
        // 04-11 … 04-30: one desk short (张三 alone), then 赵六 arrives on 05-01.
        XCTAssertEqual(q2.daysBelowContract, 20)
        let q3 = PeopleFigures(content: content, period: try XCTUnwrap(Period("2026-Q3")), asOf: try XCTUnwrap(Day("2026-09-30")))
        XCTAssertEqual(q3.lateReplacements.map(\.person), ["李四"], "still late a quarter later")
        XCTAssertEqual(q3.startedBeforeApproval.count, 0)
    }
}
