/// A support calendar: `24x7`, or working days and hours with public holidays and make-up
/// working days (调休). Business time is the part of a span that falls in working hours.
public struct BusinessCalendar: Sendable {
    public var name: String
    public var alwaysOpen: Bool
    /// ISO weekdays, 1 = Monday.
    public var days: Set<Int> = [1, 2, 3, 4, 5]
    /// Working intervals within a day, in minutes since midnight, sorted and disjoint.
    public var hours: [(start: Int, end: Int)] = [(0, 1440)]
    public var holidays: Set<Day> = []
    public var workdays: Set<Day> = []
    public var time: LocalTime

    public static func twentyFourSeven(_ name: String, time: LocalTime) -> BusinessCalendar {
        BusinessCalendar(name: name, alwaysOpen: true, time: time)
    }

    /// A copy sharing no storage with this one, for one core's work (see parallelRanges).
    func unshared() -> BusinessCalendar {
        var copy = self
        copy.name = String(decoding: Array(name.utf8), as: UTF8.self)
        copy.days = Set(days.map { $0 })
        copy.hours = hours.map { $0 }
        copy.holidays = Set(holidays.map { $0 })
        copy.workdays = Set(workdays.map { $0 })
        copy.time = time.unshared()
        return copy
    }

    public func isWorkingDay(_ day: Day) -> Bool {
        if alwaysOpen { return true }
        if holidays.contains(day) { return false }
        if workdays.contains(day) { return true }
        return days.contains(day.weekday)
    }

    /// Working seconds in one working day: what `1d` means on this calendar.
    public var secondsPerDay: Int { alwaysOpen ? 86_400 : hours.reduce(0) { $0 + ($1.end - $1.start) * 60 } }

    /// Business seconds in [from, to).
    public func seconds(from: Int, to: Int) -> Int {
        guard to > from else { return 0 }
        if alwaysOpen { return to - from }
        var total = 0
        var day = time.day(of: from)
        let last = time.day(of: to)
        while day <= last {
            if isWorkingDay(day) {
                for interval in hours {
                    let start = time.instant(day, minute: interval.start)
                    let end = time.instant(day, minute: interval.end)
                    total += max(0, min(end, to) - max(start, from))
                }
            }
            day = day.adding(days: 1)
        }
        return total
    }
}

/// A span during which an SLA clock does not run (the ticket waits on the client).
public struct Pause: Sendable, Hashable {
    public var start: Int
    /// nil: still paused.
    public var end: Int?
}

extension BusinessCalendar {
    /// Business seconds in [from, to) outside every pause.
    public func seconds(from: Int, to: Int, excluding pauses: [Pause]) -> Int {
        var total = seconds(from: from, to: to)
        for pause in pauses {
            let start = max(pause.start, from)
            let end = min(pause.end ?? to, to)
            if end > start { total -= seconds(from: start, to: end) }
        }
        return max(total, 0)
    }
}
