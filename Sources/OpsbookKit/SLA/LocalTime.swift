import Foundation

/// Instants are whole seconds since 1970 UTC. LocalTime converts between them and the
/// wall-clock dates and times of one time zone (the site's, or an export's).
public struct LocalTime: Sendable {
    public let zone: TimeZone
    private let offsets: OffsetTable

    public init(_ identifier: String) {
        zone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")!
        offsets = OffsetTable.shared(for: zone)
    }

    private init(zone: TimeZone, offsets: OffsetTable) {
        self.zone = zone
        self.offsets = offsets
    }

    /// A copy with its own offset table, for one core's work (see parallelRanges).
    func unshared() -> LocalTime { LocalTime(zone: zone, offsets: offsets.unshared()) }

    /// Seconds east of UTC at an instant.
    public func offset(at instant: Int) -> Int { offsets.offset(at: instant) }

    /// The instant of a wall-clock time; in a DST gap, the time after the jump.
    public func instant(_ day: Day, minute: Int = 0, second: Int = 0) -> Int {
        let local = LocalTime.daysFromCivil(day) * 86_400 + minute * 60 + second
        var guess = local - offset(at: local)
        guess = local - offset(at: guess)
        return guess
    }

    /// The wall-clock day and seconds since its midnight of an instant.
    public func local(_ instant: Int) -> (day: Day, secondOfDay: Int) {
        let shifted = instant + offset(at: instant)
        let days = Int((Double(shifted) / 86_400).rounded(.down))
        return (LocalTime.civil(fromDays: days), shifted - days * 86_400)
    }

    public func day(of instant: Int) -> Day { local(instant).day }

    /// `2026-10-15T08:30:00+08:00`: the form reports print instants in.
    public func iso(_ instant: Int) -> String {
        let offset = offset(at: instant)
        let (day, seconds) = local(instant)
        let minutes = abs(offset) / 60
        return Self.digits(day, [seconds / 3600, seconds / 60 % 60, seconds % 60, minutes / 60, minutes % 60],
                           separators: "T::" + (offset < 0 ? "-" : "+") + ":")
    }

    /// `2026-10-15 08:30`, for tables.
    public func short(_ instant: Int) -> String {
        let (day, seconds) = local(instant)
        return Self.digits(day, [seconds / 3600, seconds / 60 % 60], separators: " :")
    }

    /// The day, then each field in two digits after its separator, written as bytes: a year's
    /// report of a million tickets formats millions of times.
    private static func digits(_ day: Day, _ fields: [Int], separators: String) -> String {
        guard (1000...9999).contains(day.year) else {
            return zip(separators, fields).reduce(day.description) { $0 + String($1.0) + (($1.1 < 10) ? "0" : "") + String($1.1) }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10 + 3 * fields.count)
        func two(_ value: Int) { bytes += [UInt8(ascii: "0") + UInt8(value / 10 % 10), UInt8(ascii: "0") + UInt8(value % 10)] }
        two(day.year / 100)
        two(day.year % 100)
        bytes.append(UInt8(ascii: "-"))
        two(day.month)
        bytes.append(UInt8(ascii: "-"))
        two(day.day)
        for (separator, field) in zip(separators.utf8, fields) {
            bytes.append(separator)
            two(field)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // Howard Hinnant's civil-from-days algorithms: exact for the proleptic Gregorian calendar.
    static func daysFromCivil(_ date: Day) -> Int {
        let y = date.month <= 2 ? date.year - 1 : date.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (date.month + 9) % 12
        let doy = (153 * mp + 2) / 5 + date.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z: Int) -> Day {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return Day(unchecked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

/// A zone's UTC offsets as a sorted list of transitions, built once per zone: asking
/// Foundation for every timestamp of a million-row export is far too slow.
final class OffsetTable: @unchecked Sendable {
    private let starts: [Int]
    private let values: [Int]
    nonisolated(unsafe) private static var tables: [String: OffsetTable] = [:]  // guarded by lock
    private static let lock = NSLock()

    static func shared(for zone: TimeZone) -> OffsetTable {
        lock.lock()
        defer { lock.unlock() }
        if let table = tables[zone.identifier] { return table }
        let table = OffsetTable(zone)
        tables[zone.identifier] = table
        return table
    }

    private init(starts: [Int], values: [Int]) {
        self.starts = starts
        self.values = values
    }

    func unshared() -> OffsetTable { OffsetTable(starts: starts.map { $0 }, values: values.map { $0 }) }

    private init(_ zone: TimeZone) {
        var starts = [Int.min], values = [zone.secondsFromGMT(for: Date(timeIntervalSince1970: -2_208_988_800))]
        var cursor = Date(timeIntervalSince1970: -2_208_988_800)  // 1900
        let limit = Date(timeIntervalSince1970: 4_102_444_800)     // 2100
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < limit {
            starts.append(Int(next.timeIntervalSince1970))
            values.append(zone.secondsFromGMT(for: next))
            cursor = next
        }
        self.starts = starts
        self.values = values
    }

    func offset(at instant: Int) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= instant { low = mid } else { high = mid - 1 }
        }
        return values[low]
    }
}

extension Day {
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self = Day(year: year, month: month, day: day)!
    }

    /// Days since 1970-01-01.
    public var ordinal: Int { LocalTime.daysFromCivil(self) }
    public func adding(days: Int) -> Day { LocalTime.civil(fromDays: ordinal + days) }
    /// 1 = Monday … 7 = Sunday (ISO).
    public var weekday: Int { ((ordinal % 7) + 7 + 3) % 7 + 1 }
}
