/// Scheduled inspections (巡检), their records, planned work (计划内工作), spare parts
/// (备品备件) and quarterly scorecards (绩效考评): the service plan's operations records.
public struct InspectionSchedule: Sendable {
    public var id: String
    public var location: SourceLocation
    public var title: String
    public var procedure: Reference?
    public var targets: [Reference] = []
    public var frequency: Frequency
    /// Seconds after the due time before an inspection counts as late.
    public var grace: Int
    /// Minutes after midnight the inspection is due.
    public var at: Int
    public var role: String
    public var calendar: String?
    public var from: Day?
    public var until: Day?
    public var audience: Audience? = nil
}

public struct InspectionRecord: Sendable {
    public enum Result: String, Sendable, CaseIterable { case ok, findings, missed }
    public var schedule: Reference
    public var location: SourceLocation
    public var day: Day
    /// Minutes after midnight, when the record gives a time.
    public var minute: Int?
    public var by: String
    public var result: Result
    public var findings: RenderedMarkdown?
    public var findingsLineOffset = 0
    public var tickets: [Reference] = []
    public var audience: Audience? = nil
}

extension InspectionRecord {
    /// The record's time of day, `HH:mm`, when it gives one.
    var timeText: String? { minute.map { String(format: "%02d:%02d", $0 / 60, $0 % 60) } }
    /// When it was done: the day, and the time when the record gives one.
    var doneText: String { timeText.map { "\(day) \($0)" } ?? day.description }
}

public struct PlannedWork: Sendable {
    public static let kinds = ["change", "patch", "upgrade", "migration", "maintenance"]
    public static let statuses = ["planned", "in-progress", "done", "cancelled"]
    public var id: String
    public var location: SourceLocation
    public var title: String
    public var kind: String
    public var targets: [Reference] = []
    public var due: Day
    public var done: Day?
    public var status: String
    public var plan: Reference?
    public var window: String
    /// A maintenance window of the target systems, as written (checked by AvailabilityChecks).
    public var windowStart: String? = nil
    public var windowEnd: String? = nil
    /// The page of a planned work item written as Markdown (`planned/*.md`).
    public var page: String? = nil
    public var audience: Audience? = nil
}

public struct SparePart: Sendable {
    public var id: String
    public var location: SourceLocation
    public var name: String
    /// Inventory classes or item ids the part fits.
    public var fits: [Reference] = []
    public var place: String
    public var stock: Int
    public var minStock: Int
    public var audience: Audience? = nil
}

/// One run of the spare-parts check the service plan makes every half year (每半年会对备件进行检查).
public struct SpareCheck: Sendable {
    public var location: SourceLocation
    public var day: Day
    public var by: String
    public var findings: String
}

public struct SpareUsage: Sendable {
    public var location: SourceLocation
    public var day: Day
    public var part: Reference
    public var quantity: Int
    public var ticket: String
}

public struct Scorecard: Sendable {
    public struct Event: Sendable {
        public enum Category: String, Sendable, CaseIterable { case professional, service, bonus }
        public var category: Category
        public var item: String
        public var points: Int
        public var day: Day?
        public var note: String
    }
    public struct Engineer: Sendable {
        public var name: String
        public var role: String
        public var events: [Event]
        public var location: SourceLocation

        /// 专业基本行为 20 and 运维服务实施 80, each floored at zero; bonuses on top.
        public var professional: Int { max(0, 20 - events.filter { $0.category == .professional }.reduce(0) { $0 + $1.points }) }
        public var service: Int { max(0, 80 - events.filter { $0.category == .service }.reduce(0) { $0 + $1.points }) }
        public var bonus: Int { events.filter { $0.category == .bonus }.reduce(0) { $0 + $1.points } }
        public var total: Int { professional + service + bonus }
        public var grade: String { Scorecard.grade(total) }
    }
    public var quarter: Period
    public var file: String
    public var engineers: [Engineer]
    /// Scorecards are internal unless the file says otherwise.
    public var audience: Audience = .internal

    public static func grade(_ total: Int) -> String {
        switch total {
        case 90...: "A"
        case 80..<90: "B"
        case 70..<80: "C"
        case 60..<70: "D"
        default: "E"
        }
    }
}

/// When a scheduled inspection falls due.
public enum Frequency: Sendable, Equatable {
    case daily
    /// Working days of the schedule's calendar: skips holidays, includes make-up days.
    case workdays
    case weekly(weekday: Int)
    case monthly(day: Int)
    case quarterly(day: Int)
    case yearly(month: Int, day: Int)

    static let weekdays = Weekday.numbers

    public init?(_ text: String) {
        let parts = text.lowercased().split(separator: ":").map(String.init)
        switch (parts.first ?? "", parts.count) {
        case ("daily", 1): self = .daily
        case ("workdays", 1): self = .workdays
        case ("weekly", 2): guard let day = Frequency.weekdays[parts[1]] else { return nil }; self = .weekly(weekday: day)
        case ("weekly", 1): self = .weekly(weekday: 1)
        case ("monthly", 1): self = .monthly(day: 1)
        case ("monthly", 2): guard let day = Int(parts[1]), (1...31).contains(day) else { return nil }; self = .monthly(day: day)
        case ("quarterly", 1): self = .quarterly(day: 1)
        case ("quarterly", 2): guard let day = Int(parts[1]), (1...31).contains(day) else { return nil }; self = .quarterly(day: day)
        case ("yearly", 2):
            let md = parts[1].split(separator: "-").compactMap { Int($0) }
            guard md.count == 2, Day(year: 2000, month: md[0], day: md[1]) != nil else { return nil }
            self = .yearly(month: md[0], day: md[1])
        default: return nil
        }
    }

    /// Due days in [first, end), in order.
    public func days(from first: Day, to end: Day, calendar: BusinessCalendar?) -> [Day] {
        var result: [Day] = []
        var day = first
        while day < end {
            let due: Bool = switch self {
            case .daily: true
            case .workdays: calendar?.isWorkingDay(day) ?? (day.weekday <= 5)
            case let .weekly(weekday): day.weekday == weekday
            case let .monthly(target): day.day == min(target, Day.daysIn(month: day.month, year: day.year))
            case let .quarterly(target): (day.month - 1) % 3 == 0 && day.day == min(target, Day.daysIn(month: day.month, year: day.year))
            case let .yearly(month, target): day.month == month && day.day == min(target, Day.daysIn(month: month, year: day.year))
            }
            if due { result.append(day) }
            day = day.adding(days: 1)
        }
        return result
    }
}
