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
    /// System availability targets by criticality (`availability: {high: 0.999}`); `default`
    /// for any other.
    public var availability: [String: Double] = [:]
    public var file: String?

    public func ruleIndex(for ticket: Ticket) -> Int? {
        rules.firstIndex { rule in rule.match.allSatisfy { condition in condition.values.contains(ticket.field(condition.field) ?? "") } }
    }

    /// The KPIs sla.yaml may set a target for (MTTR's in business minutes) and the people
    /// figures (PeopleFigures.targets).
    public static var knownTargets: [String] { KPI.all.map(\.name) + PeopleFigures.targets.map(\.name) }

    /// Targets that are not rates: scores, hours and minutes.
    public static let unboundedTargets: Set<String> = ["satisfaction", "survey_score", "training_hours", "mttr_minutes"]
}

/// `15m`, `4h`, `2d`, `1d4h30m` → seconds; `d` is one working day of the calendar.
enum SLADuration {
    /// The longest duration a target, grace or window may have: ten years.
    static let longest = 3_650 * 86_400

    /// `1d4h30m` → [(1, d), (4, h), (30, m)]; nil unless every number has a unit (m, h, d)
    /// and stays within ten years. Spaces are ignored.
    static func parts(_ text: String) -> [(number: Int, unit: Character)]? {
        var parts: [(number: Int, unit: Character)] = [], number = 0, sawDigit = false
        for character in text where character != " " {
            if let digit = character.wholeNumberValue, character.isASCII {
                number = number * 10 + digit
                guard number <= longest else { return nil }
                sawDigit = true
                continue
            }
            guard sawDigit, "mhd".contains(character) else { return nil }
            parts.append((number, character))
            number = 0; sawDigit = false
        }
        return !parts.isEmpty && !sawDigit ? parts : nil
    }

    static func parse(_ text: String, secondsPerDay: Int) -> Int? {
        guard let parts = parts(text) else { return nil }
        var total = 0
        for (number, unit) in parts {
            total += number * (unit == "m" ? 60 : unit == "h" ? 3600 : secondsPerDay)
            // Numbers and totals stay below ten years, so no product or sum can overflow.
            guard total <= longest else { return nil }
        }
        return total
    }
}
