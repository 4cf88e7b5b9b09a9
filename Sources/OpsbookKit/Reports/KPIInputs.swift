/// The ticket inputs a KPI needs. An export that provides none of an input's fields leaves
/// every KPI needing it "not measured" for that export's tickets — never 0 % or 100 %.
public struct KPIInputs: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let firstResponse = KPIInputs(rawValue: 1 << 0)
    public static let onsite = KPIInputs(rawValue: 1 << 1)
    public static let resolution = KPIInputs(rawValue: 1 << 2)
    public static let tier = KPIInputs(rawValue: 1 << 3)
    public static let satisfaction = KPIInputs(rawValue: 1 << 4)
    public static let followUp = KPIInputs(rawValue: 1 << 5)
    public static let reopen = KPIInputs(rawValue: 1 << 6)

    /// Each input and the ticket fields that provide it (all of them are needed).
    static let fields: [(input: KPIInputs, fields: [String])] = [
        (.firstResponse, [TicketField.firstResponseAt.name]),
        (.onsite, [TicketField.onsiteRequired.name, TicketField.onsiteArrivedAt.name]),
        (.resolution, [TicketField.resolvedAt.name]),
        (.tier, [TicketField.tier.name]),
        (.satisfaction, [TicketField.satisfaction.name]),
        (.followUp, [TicketField.followedUpAt.name]),
        (.reopen, [TicketField.reopenCount.name]),
    ]

    /// The inputs an export lacks, given the fields it provides.
    static func missing(provided: Set<String>) -> KPIInputs {
        fields.reduce(into: KPIInputs()) { missing, entry in
            if !entry.fields.allSatisfy(provided.contains) { missing.insert(entry.input) }
        }
    }

    /// The fields behind these inputs that `provided` does not hold, in table order.
    func missingFields(provided: Set<String> = []) -> [String] {
        Self.fields.filter { contains($0.input) }.flatMap(\.fields).filter { !provided.contains($0) }
    }
}
