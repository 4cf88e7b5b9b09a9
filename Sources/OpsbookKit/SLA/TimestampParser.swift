/// Parses export timestamps: ISO 8601 always, then the source's Unicode date patterns
/// (`d/M/yyyy HH:mm`, `yyyy/M/d H:mm`, `dd/MMM/yy hh:mm a`) in order. Values without an
/// offset are wall-clock times of the source's time zone. Strict: `31/2/2026` fails.
public struct TimestampParser: Sendable {
    enum Token: Sendable {
        case year(Int), month(Int), monthName, day(Int), hour24(Int), hour12(Int), minute(Int), second(Int), ampm, literal(Character)
    }

    let patterns: [[Token]]
    let time: LocalTime

    public init(patterns: [String], time: LocalTime) {
        self.patterns = patterns.map(TimestampParser.compile)
        self.time = time
    }

    static func compile(_ pattern: String) -> [Token] {
        var tokens: [Token] = []
        var chars = Array(pattern)[...]
        while let c = chars.first {
            let run = chars.prefix { $0 == c }.count
            chars = chars.dropFirst(run)
            switch c {
            case "y": tokens.append(.year(run))
            case "M": tokens.append(run >= 3 ? .monthName : .month(run))
            case "d": tokens.append(.day(run))
            case "H": tokens.append(.hour24(run))
            case "h": tokens.append(.hour12(run))
            case "m": tokens.append(.minute(run))
            case "s": tokens.append(.second(run))
            case "a": tokens.append(.ampm)
            default: for _ in 0..<run { tokens.append(.literal(c)) }
            }
        }
        return tokens
    }

    public func parse(_ text: Substring) -> Int? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// The instants a timestamp may have: from 1970 (tickets, records and reports are all
    /// later) to the end of year 9999 (so every date derived from one exists).
    public static let range = 0...253_402_300_799

    /// Reads in place: a million rows have five timestamps each.
    func parse(bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let trimmed = bytes.trimmingASCIIBlanks
        if let instant = parseISO(trimmed) { return Self.range.contains(instant) ? instant : nil }
        for pattern in patterns {
            if let instant = parse(trimmed, with: pattern) { return Self.range.contains(instant) ? instant : nil }
        }
        return nil
    }

    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private func parse(_ bytes: UnsafeBufferPointer<UInt8>, with pattern: [Token]) -> Int? {
        var i = 0
        var year: Int?, month: Int?, day: Int?, hour = 0, minute = 0, second = 0, pm: Bool?
        var twelveHour = false
        func number(min: Int, max: Int) -> Int? {
            var value = 0, count = 0
            while i < bytes.count, count < max, bytes[i] >= 48, bytes[i] <= 57 {
                value = value * 10 + Int(bytes[i] - 48); i += 1; count += 1
            }
            return count >= min ? value : nil
        }
        for token in pattern {
            switch token {
            case let .year(n):
                guard let v = number(min: n == 2 ? 2 : 4, max: n == 2 ? 2 : 4) else { return nil }
                year = n == 2 ? 2000 + v : v
            case let .month(n): guard let v = number(min: n, max: 2) else { return nil }; month = v
            case .monthName:
                guard i + 3 <= bytes.count,
                    let index = Self.monthNames.firstIndex(of: String(decoding: bytes[i..<i + 3], as: UTF8.self).lowercased())
                else { return nil }
                month = index + 1
                i += 3
            case let .day(n): guard let v = number(min: n, max: 2) else { return nil }; day = v
            case let .hour24(n): guard let v = number(min: n, max: 2), v < 24 else { return nil }; hour = v
            case let .hour12(n): guard let v = number(min: n, max: 2), (1...12).contains(v) else { return nil }; hour = v; twelveHour = true
            case let .minute(n): guard let v = number(min: n, max: 2), v < 60 else { return nil }; minute = v
            case let .second(n): guard let v = number(min: n, max: 2), v < 60 else { return nil }; second = v
            case .ampm:
                guard i + 2 <= bytes.count else { return nil }
                let word = String(decoding: bytes[i..<i + 2], as: UTF8.self).uppercased()
                guard word == "AM" || word == "PM" else { return nil }
                pm = word == "PM"
                i += 2
            case let .literal(c):
                guard i < bytes.count, Character(UnicodeScalar(bytes[i])) == c else { return nil }
                i += 1
            }
        }
        guard i == bytes.count, let year, let month, let day else { return nil }
        if twelveHour, let pm { hour = hour % 12 + (pm ? 12 : 0) }
        guard let date = Day(year: year, month: month, day: day) else { return nil }
        return time.instant(date, minute: hour * 60 + minute, second: second)
    }

    /// `2026-10-15`, `2026-10-15 08:30[:00]`, `2026-10-15T08:30[:00][.fff][Z|+08:00|+0800]`.
    private func parseISO(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        func digits(_ at: Int, _ n: Int) -> Int? {
            guard at + n <= b.count else { return nil }
            var v = 0
            for k in at..<at + n { guard b[k] >= 48, b[k] <= 57 else { return nil }; v = v * 10 + Int(b[k] - 48) }
            return v
        }
        guard b.count >= 10, let y = digits(0, 4), b[4] == 45, let mo = digits(5, 2), b[7] == 45, let d = digits(8, 2),
              let date = Day(year: y, month: mo, day: d) else { return nil }
        if b.count == 10 { return time.instant(date) }
        guard b[10] == 84 || b[10] == 32, let h = digits(11, 2), h < 24, b.count >= 16, b[13] == 58, let mi = digits(14, 2), mi < 60 else {
            return nil
        }
        var i = 16, s = 0
        if i < b.count, b[i] == 58 { guard let v = digits(i + 1, 2), v < 60 else { return nil }; s = v; i += 3 }
        if i < b.count, b[i] == 46 { i += 1; while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 } }
        if i == b.count { return time.instant(date, minute: h * 60 + mi, second: s) }
        let localSeconds = LocalTime.daysFromCivil(date) * 86_400 + h * 3600 + mi * 60 + s
        if b[i] == 90, i + 1 == b.count { return localSeconds }
        guard b[i] == 43 || b[i] == 45, let oh = digits(i + 1, 2) else { return nil }
        var j = i + 3
        if j < b.count, b[j] == 58 { j += 1 }
        // Real offsets run from −12:00 to +14:00.
        guard let om = digits(j, 2), j + 2 == b.count, oh <= 14, om < 60 else { return nil }
        let offset = (oh * 3600 + om * 60) * (b[i] == 43 ? 1 : -1)
        return localSeconds - offset
    }
}
