/// Every field a ticket has, one table: its name in sources' `columns:` and sla.yaml's
/// `match:`, and what kind of value it holds. Read by the source loader, the SLA loader, the
/// row reader (FieldPlan) and the ticket's own `field(_:)`.
enum TicketField: Int, CaseIterable, Sendable {
    case id, title, type, priority, tier, status, category, group, assignee, channel, system, asset, tags
    case openedAt, firstResponseAt, onsiteArrivedAt, resolvedAt, closedAt, followedUpAt, updatedAt, reopenedAt
    case onsiteRequired, satisfaction, reopenCount
    /// Availability: a ticket marked as an outage of its system, and when the outage ran.
    case outage, outageStart, outageEnd

    enum Kind { case text, time, number }

    var name: String {
        switch self {
        case .openedAt: "opened_at"
        case .firstResponseAt: "first_response_at"
        case .onsiteArrivedAt: "onsite_arrived_at"
        case .resolvedAt: "resolved_at"
        case .closedAt: "closed_at"
        case .followedUpAt: "followed_up_at"
        case .updatedAt: "updated_at"
        case .onsiteRequired: "onsite_required"
        case .reopenCount: "reopen_count"
        case .reopenedAt: "reopened_at"
        case .outageStart: "outage_start"
        case .outageEnd: "outage_end"
        default: "\(self)"
        }
    }

    var kind: Kind {
        switch self {
        case .openedAt, .firstResponseAt, .onsiteArrivedAt, .resolvedAt, .closedAt, .followedUpAt, .updatedAt, .reopenedAt, .outageStart,
             .outageEnd:
            .time
        case .satisfaction, .reopenCount: .number
        default: .text
        }
    }

    /// The fields an SLA policy can match on (text values, `onsite_required` included).
    static let textNames = allCases.filter { $0.kind == .text }.map(\.name)
    static let allNames = allCases.map(\.name)
}
