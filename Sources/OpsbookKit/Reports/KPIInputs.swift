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
        (.firstResponse, ["first_response_at"]),
        (.onsite, ["onsite_required", "onsite_arrived_at"]),
        (.resolution, ["resolved_at"]),
        (.tier, ["tier"]),
        (.satisfaction, ["satisfaction"]),
        (.followUp, ["followed_up_at"]),
        (.reopen, ["reopen_count"]),
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

/// The contract's ticket KPIs: name (the report.json key) and the inputs each needs. Read by
/// the importer's warnings and the report builder. (Which way is better is SLAPolicy.lowerIsBetter.)
public struct TicketKPI: Sendable {
    public var name: String
    public var inputs: KPIInputs

    public static let all: [TicketKPI] = [
        TicketKPI(name: "response_on_time", inputs: .firstResponse),
        TicketKPI(name: "onsite_on_time", inputs: .onsite),
        TicketKPI(name: "resolution_within_sla", inputs: .resolution),
        TicketKPI(name: "resolution_rate", inputs: .resolution),
        TicketKPI(name: "complaints_24h", inputs: .resolution),
        TicketKPI(name: "followup_3d", inputs: [.onsite, .followUp, .resolution]),
        TicketKPI(name: "first_line_resolution", inputs: [.tier, .resolution]),
        TicketKPI(name: "satisfaction", inputs: .satisfaction),
        TicketKPI(name: "mttr_minutes", inputs: .resolution),
        TicketKPI(name: "reopen_rate", inputs: [.reopen, .resolution]),
    ]

    /// The KPIs that `missing` inputs disable.
    static func disabled(by missing: KPIInputs) -> [TicketKPI] { all.filter { !$0.inputs.isDisjoint(with: missing) } }
}
