/// A span during which a system was down (or, `planned`, in a maintenance window): from
/// `content/outages.yaml`, from an export's tickets marked as outages, or a planned-work
/// window (`window_start` / `window_end`).
public struct Outage: Sendable {
    public enum Source: Sendable, Equatable {
        case record
        case ticket(String)
        case plannedWork(String)
    }

    public var system: String
    public var start: Int
    /// nil while the outage goes on.
    public var end: Int?
    public var planned: Bool
    public var cause: String
    public var source: Source
    public var location: SourceLocation
}
