import XCTest
@testable import OpsbookKit

/// Golden business-time cases, worked out by hand.
final class BusinessTimeTests: XCTestCase {
    let shanghai = LocalTime("Asia/Shanghai")

    func office(_ time: LocalTime) -> BusinessCalendar {
        var calendar = BusinessCalendar(name: "office", alwaysOpen: false, time: time)
        calendar.hours = [(510, 720), (810, 1050)]  // 08:30-12:00, 13:30-17:30: 7.5 h a day
        calendar.holidays = Set((1...7).map { Day("2026-10-0\($0)")! })
        calendar.workdays = [Day("2026-10-10")!]   // make-up Saturday
        return calendar
    }

    func at(_ text: String, _ time: LocalTime? = nil) -> Int {
        TimestampParser(patterns: [], time: time ?? shanghai).parse(text[...])!
    }

    func testFridayEveningAcrossNationalDayAndMakeUpSaturday() {
        let calendar = office(shanghai)
        // Fri 09-25 17:00-17:30 (0.5 h) + Mon-Wed 09-28..30 (3 × 7.5 h) + holiday week (0)
        // + Thu-Fri 10-08..09 (2 × 7.5 h) + make-up Sat 10-10 08:30-10:00 (1.5 h) = 39.5 h.
        let seconds = calendar.seconds(from: at("2026-09-25 17:00"), to: at("2026-10-10 10:00"))
        XCTAssertEqual(seconds / 60, 39 * 60 + 30)
    }

    func testPendingIntervalOverANightIsNotCounted() {
        let calendar = office(shanghai)
        // Pending Mon 16:00 → Tue 10:00 covers 1.5 h + 1.5 h of working time.
        let pause = Pause(start: at("2026-09-28 16:00"), end: at("2026-09-29 10:00"))
        let seconds = calendar.seconds(from: at("2026-09-25 17:00"), to: at("2026-10-10 10:00"), excluding: [pause])
        XCTAssertEqual(seconds / 60, 36 * 60 + 30)
    }

    func testLunchBreakAndWeekendsAreNotWorkingTime() {
        let calendar = office(shanghai)
        XCTAssertEqual(calendar.seconds(from: at("2026-10-12 11:50"), to: at("2026-10-12 13:40")), 20 * 60)
        XCTAssertEqual(calendar.seconds(from: at("2026-10-17 09:00"), to: at("2026-10-18 18:00")), 0, "an ordinary weekend")
        XCTAssertEqual(calendar.secondsPerDay, 27_000)
        XCTAssertEqual(SLADuration.parse("2d", secondsPerDay: calendar.secondsPerDay), 54_000)
        XCTAssertEqual(SLADuration.parse("1d4h30m", secondsPerDay: 86_400), 86_400 + 4 * 3600 + 1800)
        XCTAssertNil(SLADuration.parse("4 hours", secondsPerDay: 86_400))
    }

    func testTimeZonesAndDaylightSaving() {
        let newYork = LocalTime("America/New_York")
        let always = BusinessCalendar.twentyFourSeven("24x7", time: newYork)
        // 2026-03-08 is the spring-forward day: noon to noon is 23 hours.
        XCTAssertEqual(always.seconds(from: at("2026-03-07 12:00", newYork), to: at("2026-03-08 12:00", newYork)), 23 * 3600)
        var weekdays = BusinessCalendar(name: "ny", alwaysOpen: false, time: newYork)
        weekdays.hours = [(540, 1020)]
        // Working hours stay 09:00-17:00 wall-clock on the Monday after the change.
        XCTAssertEqual(weekdays.seconds(from: at("2026-03-06 09:00", newYork), to: at("2026-03-09 17:00", newYork)), 16 * 3600)
        // The same instant read with an explicit offset.
        XCTAssertEqual(at("2026-10-15T08:30:00+08:00", newYork), at("2026-10-15 08:30"))
    }

    func testTimestampPatterns() {
        let parser = TimestampParser(patterns: ["d/M/yyyy HH:mm", "dd/MMM/yy hh:mm a", "yyyy/M/d H:mm"], time: shanghai)
        XCTAssertEqual(parser.parse("29/2/2016 01:16"), at("2016-02-29 01:16"))
        XCTAssertNil(parser.parse("29/2/2015 01:16"), "no 29 February in 2015")
        XCTAssertNil(parser.parse("31/4/2016 01:16"))
        XCTAssertEqual(parser.parse("11/May/24 03:26 PM"), at("2024-05-11 15:26"))
        XCTAssertEqual(parser.parse("2026/10/5 8:05"), at("2026-10-05 08:05"))
        XCTAssertEqual(parser.parse("2026-10-05T00:05:00Z"), at("2026-10-05 08:05"))
        XCTAssertNil(parser.parse("2026-13-45"))
        XCTAssertNil(parser.parse("yesterday"))
    }

    func testPeriods() {
        XCTAssertEqual(Period("2026-W42").map { "\($0.first)…\($0.end)" }, "2026-10-12…2026-10-19")
        XCTAssertEqual(Period("2026-W01")?.first.description, "2025-12-29", "ISO week 1 holds the first Thursday")
        XCTAssertEqual(Period("2026-Q4").map { "\($0.first)…\($0.end)" }, "2026-10-01…2027-01-01")
        XCTAssertEqual(Period("2026-10")?.previous.id, "2026-09")
        XCTAssertEqual(Period("2026-W01")?.previous.id, "2025-W52")
        XCTAssertEqual(Period("2026-Q1")?.previous.id, "2025-Q4")
        XCTAssertEqual(Period.containing(Day("2027-01-01")!).map(\.id),
                       ["2027-01-01", "2026-W53", "2027-01", "2027-Q1", "2027-H1", "2027"])
        // The service plan's half-year report (半年报): January to June, July to December.
        XCTAssertEqual(Period("2026-H1").map { "\($0.first)…\($0.end)" }, "2026-01-01…2026-07-01")
        XCTAssertEqual(Period("2026-H2").map { "\($0.first)…\($0.end)" }, "2026-07-01…2027-01-01")
        XCTAssertEqual(Period("2026-H1")?.previous.id, "2025-H2")
        XCTAssertEqual(Period("2026-H2")?.previous.id, "2026-H1")
        XCTAssertEqual(Period.containing(Day("2026-06-30")!)[4].id, "2026-H1")
        for bad in ["2026-W54", "2026-13", "2026-Q5", "2026-H3", "2026-H0", "26", "2026-10-32"] { XCTAssertNil(Period(bad), bad) }
        XCTAssertEqual(Day("2026-10-01")?.weekday, 4)
    }
}
