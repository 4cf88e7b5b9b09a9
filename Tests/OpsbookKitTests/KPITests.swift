import XCTest
@testable import OpsbookKit

/// Each denominator rule of domain.md on tickets whose figures are worked out by hand.
final class KPITests: XCTestCase {
    let time = LocalTime("Asia/Shanghai")
    func at(_ text: String) -> Int { TimestampParser(patterns: [], time: time).parse(text[...])! }

    func ticket(_ id: String, _ type: String, opened: String, response: String? = nil, resolved: String? = nil,
                tier: String = "L2", onsite: String? = nil, followUp: String? = nil, pauses: [Pause] = []) -> Ticket {
        var ticket = Ticket(id: id, openedAt: at(opened), location: SourceLocation(file: "t.csv", line: 2, column: 1), source: "t.yaml")
        ticket.type = type
        ticket.priority = "P2"
        ticket.tier = tier
        ticket.firstResponseAt = response.map(at)
        ticket.resolvedAt = resolved.map(at)
        ticket.onsiteRequired = onsite != nil
        ticket.onsiteArrivedAt = onsite.map(at)
        ticket.followedUpAt = followUp.map(at)
        ticket.pauses = pauses
        return ticket
    }

    func builder() -> ReportBuilder {
        var sla = SLAPolicy()
        sla.calendars["always"] = .twentyFourSeven("always", time: time)
        sla.rules = [.init(match: [], calendar: "always", response: 3600, onsite: 7200, resolve: 4 * 3600)]
        sla.targets = ["response_on_time": 0.98]
        let tickets = [
            // met / met; on-site 45 min (met); follow-up 2 h after resolution (met)
            ticket("T1", "request", opened: "2026-10-15 10:00", response: "2026-10-15 10:30", resolved: "2026-10-15 13:00",
                   tier: "L1", onsite: "2026-10-15 10:45", followUp: "2026-10-15 15:00"),
            // response 1.5 h (breached), resolution 5 h (breached)
            ticket("T2", "incident", opened: "2026-10-15 11:00", response: "2026-10-15 12:30", resolved: "2026-10-15 16:00"),
            // still running at as-of 20:30, 30 min in: pending both
            ticket("T3", "request", opened: "2026-10-15 20:00"),
            // opened the day before: outside the cohort, but resolved today
            ticket("T4", "request", opened: "2026-10-14 09:00", response: "2026-10-14 09:10", resolved: "2026-10-15 09:30"),
            // no response by as-of, 8.5 h in: breached both; a complaint, 8.5 h < 24 h: pending
            ticket("T5", "complaint", opened: "2026-10-15 12:00"),
            // 5 h wall clock with a 3 h pause: 2 h of clock, met
            ticket("T6", "incident", opened: "2026-10-15 08:00", response: "2026-10-15 08:10", resolved: "2026-10-15 13:00",
                   tier: "L1", pauses: [Pause(start: at("2026-10-15 09:00"), end: at("2026-10-15 12:00"))]),
        ]
        return ReportBuilder(tickets: tickets, sla: sla, asOf: at("2026-10-15 20:30"), timezone: "Asia/Shanghai")
    }

    func testDenominatorRules() {
        let report = builder().report(for: Period("2026-10-15")!)
        XCTAssertEqual(report.opened, 5, "cohort: opened in the period")
        XCTAssertEqual(report.resolved, 4, "volume: resolved in the period, whenever opened")
        XCTAssertEqual(report.openAtEnd, 2, "open at the earlier of period end and as-of")
        XCTAssertEqual([report.responseOnTime.met, report.responseOnTime.breached, report.responseOnTime.pending], [2, 2, 1])
        XCTAssertEqual(report.responseOnTime.rate, 0.5)
        XCTAssertEqual([report.resolutionWithinSLA.met, report.resolutionWithinSLA.breached, report.resolutionWithinSLA.pending], [2, 2, 1])
        XCTAssertEqual([report.onsiteOnTime.met, report.onsiteOnTime.breached], [1, 0])
        XCTAssertEqual([report.resolutionRate.part, report.resolutionRate.whole], [3, 5])
        XCTAssertEqual([report.firstLineResolution.part, report.firstLineResolution.whole], [2, 3])
        XCTAssertEqual([report.complaints24h.met, report.complaints24h.breached, report.complaints24h.pending], [0, 0, 1])
        XCTAssertNil(report.complaints24h.rate, "rate is undefined when nothing has stopped or run late")
        XCTAssertEqual([report.followup3d.met, report.followup3d.breached], [1, 0])
        XCTAssertEqual(report.mttrMinutes.count, 2)
        XCTAssertEqual(report.mttrMinutes.mean, 210)
        XCTAssertEqual(report.mttrMinutes.median, 210)
        XCTAssertEqual(report.mttrMinutes.p90, 300)
        XCTAssertEqual(
            Set(report.breaches.flatMap(\.clocks).map { "\($0.clock):\($0.actualMinutes)" }),
            ["response:90", "resolve:300", "response:510", "resolve:510"])
        XCTAssertEqual(
            report.breaches.map { builder().tickets[$0.ticket].id }, ["T2", "T5"], "each breached ticket once, with all its clocks")
        XCTAssertEqual(report.aging.map(\.count), [2, 0, 0, 0, 0])
    }

    func testLaterAsOfTurnsPendingIntoBreached() {
        let late = ReportBuilder(tickets: builder().tickets, sla: builder().sla, asOf: at("2026-10-17 12:00"), timezone: "Asia/Shanghai")
        let report = late.report(for: Period("2026-10-15")!)
        XCTAssertEqual([report.responseOnTime.met, report.responseOnTime.breached, report.responseOnTime.pending], [2, 3, 0])
        XCTAssertEqual([report.complaints24h.breached, report.complaints24h.pending], [1, 0])
        XCTAssertEqual(report.openAtEnd, 2, "open at period end: as-of later than the end changes nothing")
    }

    func testJSONCarriesTheDocumentedKeys() throws {
        let builder = builder()
        let report = builder.report(for: Period("2026-10")!)
        let text = ReportEncoding(report: report, builder: builder).jsonText
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let period = try XCTUnwrap(json["period"] as? [String: Any])
        XCTAssertEqual(period["id"] as? String, "2026-10")
        XCTAssertEqual(period["start"] as? String, "2026-10-01T00:00:00+08:00")
        XCTAssertEqual(json["as_of"] as? String, "2026-10-15T20:30:00+08:00")
        let tickets = try XCTUnwrap(json["tickets"] as? [String: Any])
        XCTAssertEqual(tickets["opened"] as? Int, 6)
        let kpis = try XCTUnwrap(json["kpis"] as? [String: Any])
        for key in ["response_on_time", "onsite_on_time", "resolution_within_sla"] {
            let clock = try XCTUnwrap(kpis[key] as? [String: Any], key)
            XCTAssertEqual(Set(clock.keys), ["met", "breached", "pending", "rate", "target", "verdict", "better"])
        }
        let complaints = try XCTUnwrap(kpis["complaints_24h"] as? [String: Any])
        XCTAssertTrue(complaints["rate"] is NSNull, "rate is null when met + breached is 0")
        XCTAssertTrue(complaints["verdict"] is NSNull, "no verdict without a figure")
        XCTAssertEqual((kpis["response_on_time"] as? [String: Any])?["verdict"] as? String, "missed")  // 0.6 against ≥ 0.98
        XCTAssertEqual((kpis["resolution_rate"] as? [String: Any])?["resolved"] as? Int, 4)
        XCTAssertNotNil((kpis["mttr_minutes"] as? [String: Any])?["p90"])
        for key in ["by_priority", "by_type", "by_system", "by_category", "by_group"] {
            XCTAssertNotNil(json[key] as? [String: Any], key)
        }
        XCTAssertEqual(((json["by_type"] as? [String: Any])?["incident"] as? [String: Int])?["opened"], 2)
        XCTAssertEqual(text, ReportEncoding(report: builder.report(for: Period("2026-10")!), builder: builder).jsonText, "stable bytes")
    }

    func testCSVOpensInExcel() {
        let builder = builder()
        let csv = ReportEncoding(report: builder.report(for: Period("2026-10")!), builder: builder).csv(labels: Labels.chinese)
        XCTAssertEqual(Array(csv.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 BOM")
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("指标,达标,超时,未到期,达成率,目标,说明,结论\r\n实时响应率,3,2,1,0.6,0.98,,未达标\r\n"), text)
        XCTAssertEqual(ReportEncoding.csvField("=cmd|' /C calc'!A0"), "\"'=cmd|' /C calc'!A0\"", "formula injection is neutralised")
    }
}
