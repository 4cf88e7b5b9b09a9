/// `content/sla.yaml`: calendars, the policies that pick a calendar and targets for each
/// ticket, and the contract's KPI thresholds.
public struct SLAPolicy: Sendable {
    public struct Rule: Sendable {
        /// Ticket field → accepted values; every field must match.
        public var match: [(field: String, values: [String])]
        public var calendar: String
        public var response: Int?
        public var onsite: Int?
        public var resolve: Int?
        /// Each target as sla.yaml writes it (`response` → `15m`), for pages to show it so.
        public var written: [String: String] = [:]
    }

    public var calendars: [String: BusinessCalendar] = [:]
    public var rules: [Rule] = []
    /// KPI name → threshold rate (0…1).
    public var targets: [String: Double] = [:]
    public var file: String?

    public func ruleIndex(for ticket: Ticket) -> Int? {
        rules.firstIndex { rule in rule.match.allSatisfy { condition in condition.values.contains(ticket.field(condition.field) ?? "") } }
    }

    public static let knownTargets = ["response_on_time", "onsite_on_time", "resolution_within_sla", "resolution_rate",
                                      "first_line_resolution", "complaints_24h", "followup_3d", "satisfaction",
                                      "inspection_overdue", "planned_work_overdue", "reopen_rate"]
    /// Targets where lower is better: met when the figure is at or below them.
    public static let lowerIsBetter: Set<String> = ["inspection_overdue", "planned_work_overdue", "reopen_rate"]
}

/// `15m`, `4h`, `2d`, `1d4h30m` → seconds; `d` is one working day of the calendar.
enum SLADuration {
    /// The longest duration a target, grace or window may have: ten years.
    static let longest = 3_650 * 86_400

    static func parse(_ text: String, secondsPerDay: Int) -> Int? {
        var total = 0, number = 0, sawDigit = false, sawUnit = false
        for character in text.replacingOccurrences(of: " ", with: "") {
            if let digit = character.wholeNumberValue, character.isASCII {
                number = number * 10 + digit
                guard number <= longest else { return nil }
                sawDigit = true
                continue
            }
            guard sawDigit else { return nil }
            switch character {
            case "m": total += number * 60
            case "h": total += number * 3600
            case "d": total += number * secondsPerDay
            default: return nil
            }
            // Numbers and totals stay below ten years, so no product or sum can overflow.
            guard total <= longest else { return nil }
            number = 0; sawDigit = false; sawUnit = true
        }
        return sawUnit && !sawDigit ? total : nil
    }
}
