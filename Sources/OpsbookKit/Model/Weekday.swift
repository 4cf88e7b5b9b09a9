/// ISO weekdays (1 = Monday) by the three-letter codes calendars and schedules are written
/// with: one table for sla.yaml's `days:` and operations' `weekly:mon`.
enum Weekday {
    static let numbers = ["mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7]

    static func code(_ number: Int) -> String? { numbers.first { $0.value == number }?.key }
}
