/// One ticket as the reports see it, whatever export it came from. Instants are seconds
/// since 1970 UTC.
public struct Ticket: Sendable {
    public static let types = ["consultation", "request", "incident", "alert", "complaint"]
    /// Five levels, as ITIL's impact × urgency matrix gives; a `values` table may fold a tool's own.
    public static let priorities = ["P1", "P2", "P3", "P4", "P5"]
    public static let tiers = ["L1", "L2", "L3", "vendor"]

    public var id: String
    public var title = ""
    public var type = ""
    public var priority = ""
    public var status = ""
    public var system = ""
    public var asset = ""
    public var category = ""
    public var group = ""
    public var assignee = ""
    public var tier = ""
    public var channel = ""
    public var openedAt: Int
    public var firstResponseAt: Int?
    public var onsiteRequired = false
    public var onsiteArrivedAt: Int?
    public var resolvedAt: Int?
    public var closedAt: Int?
    public var followedUpAt: Int?
    public var satisfaction: Double?
    public var reopenCount = 0
    /// Marked as an outage of its system (export field `outage`), from `outageStart` (else
    /// opened) to `outageEnd` (else resolved).
    public var outage = false
    public var outageStart: Int?
    public var outageEnd: Int?
    public var tags: [String] = []
    /// The KPI inputs this ticket's export does not provide: those KPIs leave it out.
    public var missingInputs = KPIInputs()
    public var pauses: [Pause] = []
    /// The export row (for events, the ticket's latest row).
    public var location: SourceLocation
    /// The ticket source (`content/tickets/NAME.yaml`) it came from.
    public var source: String

    /// Text fields by name, for policy matching.
    public func field(_ name: String) -> String? {
        switch name {
        case "id": id
        case "title": title
        case "type": type
        case "priority": priority
        case "status": status
        case "system": system
        case "asset": asset
        case "category": category
        case "group": group
        case "assignee": assignee
        case "tier": tier
        case "channel": channel
        case "onsite_required": onsiteRequired ? "true" : "false"
        case "outage": outage ? "true" : "false"
        case "tags": tags.joined(separator: ",")
        default: nil
        }
    }
}
