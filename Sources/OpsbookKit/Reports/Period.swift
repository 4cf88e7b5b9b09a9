/// A reporting period: day `2026-10-15`, ISO week `2026-W42`, month `2026-10`, quarter
/// `2026-Q4`, half-year `2026-H2` (the service plan's 半年报) or year `2026`. Boundaries are
/// local midnights; weeks start on Monday.
public struct Period: Sendable, Hashable, Comparable {
    public enum Kind: String, Sendable, CaseIterable {
        case day, week, month, quarter, half, year
        /// The kinds printed to PDF: the contract's monthly, quarterly, half-year and yearly reports.
        public static let printed: Set<Kind> = [.month, .quarter, .half, .year]
    }

    public var kind: Kind
    /// First and one-past-last local day.
    public var first: Day
    public var end: Day
    public var id: String

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1, parts[0].count == 4, let year = Int(parts[0]) {
            self.init(year: year)
        } else if parts.count == 2, parts[0].count == 4, let year = Int(parts[0]) {
            let tail = parts[1]
            if tail.hasPrefix("W"), tail.count == 3, let week = Int(tail.dropFirst()) {
                guard week >= 1, week <= Period.isoWeeks(in: year) else { return nil }
                self.init(isoYear: year, week: week)
            } else if tail.hasPrefix("Q"), tail.count == 2, let quarter = Int(tail.dropFirst()), (1...4).contains(quarter) {
                self.init(year: year, quarter: quarter)
            } else if tail.hasPrefix("H"), tail.count == 2, let half = Int(tail.dropFirst()), (1...2).contains(half) {
                self.init(year: year, half: half)
            } else if tail.count == 2, let month = Int(tail), (1...12).contains(month) {
                self.init(year: year, month: month)
            } else { return nil }
        } else if parts.count == 3, let day = Day(text) {
            self.init(day: day)
        } else { return nil }
    }

    public init(day: Day) { kind = .day; first = day; end = day.adding(days: 1); id = day.description }
    public init(year: Int, month: Int) {
        kind = .month
        first = Day(year: year, month: month, day: 1)!
        end = month == 12 ? Day(year: year + 1, month: 1, day: 1)! : Day(year: year, month: month + 1, day: 1)!
        id = "\(year)-\(month < 10 ? "0" : "")\(month)"
    }
    public init(year: Int, quarter: Int) {
        kind = .quarter
        first = Day(year: year, month: quarter * 3 - 2, day: 1)!
        end = quarter == 4 ? Day(year: year + 1, month: 1, day: 1)! : Day(year: year, month: quarter * 3 + 1, day: 1)!
        id = "\(year)-Q\(quarter)"
    }
    public init(year: Int, half: Int) {
        kind = .half
        first = Day(year: year, month: half * 6 - 5, day: 1)!
        end = half == 2 ? Day(year: year + 1, month: 1, day: 1)! : Day(year: year, month: 7, day: 1)!
        id = "\(year)-H\(half)"
    }
    public init(year: Int) {
        kind = .year
        first = Day(year: year, month: 1, day: 1)!
        end = Day(year: year + 1, month: 1, day: 1)!
        id = "\(year)"
    }
    public init(isoYear: Int, week: Int) {
        kind = .week
        let jan4 = Day(year: isoYear, month: 1, day: 4)!
        first = jan4.adding(days: 1 - jan4.weekday + (week - 1) * 7)
        end = first.adding(days: 7)
        id = "\(isoYear)-W\(week < 10 ? "0" : "")\(week)"
    }

    /// The periods of each kind that contain `day`.
    public static func containing(_ day: Day) -> [Period] {
        let (isoYear, week) = isoWeek(of: day)
        return [Period(day: day), Period(isoYear: isoYear, week: week), Period(year: day.year, month: day.month),
                Period(year: day.year, quarter: (day.month - 1) / 3 + 1), Period(year: day.year, half: day.month <= 6 ? 1 : 2),
                Period(year: day.year)]
    }

    public static func isoWeek(of day: Day) -> (year: Int, week: Int) {
        let thursday = day.adding(days: 4 - day.weekday)
        let jan1 = Day(year: thursday.year, month: 1, day: 1)!
        return (thursday.year, (thursday.ordinal - jan1.ordinal) / 7 + 1)
    }

    static func isoWeeks(in year: Int) -> Int { isoWeek(of: Day(year: year, month: 12, day: 28)!).week }

    /// The period of the same kind just before this one.
    public var previous: Period {
        switch kind {
        case .day: Period(day: first.adding(days: -1))
        case .week: Period.containing(first.adding(days: -7))[1]
        case .month: first.month == 1 ? Period(year: first.year - 1, month: 12) : Period(year: first.year, month: first.month - 1)
        case .quarter: Period.containing(first.adding(days: -1))[3]
        case .half: Period.containing(first.adding(days: -1))[4]
        case .year: Period(year: first.year - 1)
        }
    }

    public var days: [Day] { (0..<(end.ordinal - first.ordinal)).map { first.adding(days: $0) } }

    public static func < (a: Period, b: Period) -> Bool { (a.first, a.kind.rawValue) < (b.first, b.kind.rawValue) }
}
