/// The contract's promises about people and the client (service plan 1.9–1.11, 1.14), kept
/// as records beside the tickets: staffing changes, certifications, training, client visits
/// and the half-yearly service-quality survey.

/// `content/staffing.yaml`: the contracted roster and its dated changes.
public struct Staffing: Sendable {
    public enum ChangeKind: String, Sendable, CaseIterable { case join, leave, replace }

    public struct Change: Sendable {
        public var kind: ChangeKind
        /// join: the newcomer; leave: the leaver; replace: the newcomer.
        public var person: String
        /// replace: the engineer who leaves.
        public var replaces: String?
        public var role: String
        public var requestedOn: Day?
        public var approvedOn: Day?
        /// The client's written request, when the client asked for the change.
        public var clientNoticeOn: Day?
        /// The newcomer's first day on site (join, replace).
        public var startOn: Day?
        /// The leaver's last day (leave, replace).
        public var endOn: Day?
        /// Internal: never in a client build.
        public var reason: String?
        public var location: SourceLocation

        /// Who leaves with this change, and on which day.
        public var leaver: (name: String, day: Day)? {
            switch kind {
            case .join: nil
            case .leave: endOn.map { (person, $0) }
            case .replace: replaces.flatMap { name in endOn.map { (name, $0) } }
            }
        }

        /// Who arrives with this change, and on which day.
        public var newcomer: (name: String, day: Day)? {
            kind == .leave ? nil : startOn.map { (person, $0) }
        }
    }

    /// A former engineer, known to the records but no longer in team.yaml.
    public struct Former: Sendable {
        public var name: String
        public var role: String
        public var location: SourceLocation
    }

    /// Role id → contracted headcount.
    public var contracted: [(role: String, headcount: Int, location: SourceLocation)] = []
    /// The backup engineer the contract asks to be available.
    public var backup: String?
    public var backupLocation: SourceLocation?
    public var former: [Former] = []
    public var changes: [Change] = []
    public var file: String?

    public var contractedTotal: Int { contracted.reduce(0) { $0 + $1.headcount } }
}

/// A vendor certification held by an engineer (`certifications:` of a person in team.yaml).
public struct Certification: Sendable {
    public var name: String
    public var vendor: String
    public var expires: Day?
    public var location: SourceLocation
}

/// One training session of `content/training.yaml`.
public struct TrainingSession: Sendable {
    public var date: Day
    public var topic: String
    public var hours: Double
    public var attendees: [(name: String, location: SourceLocation)]
    public var location: SourceLocation
}

/// An improvement action: from a client visit (and, in the same shape, a report narrative),
/// carried into every later report until it is closed.
public struct ImprovementAction: Sendable {
    public enum Status: String, Sendable, CaseIterable { case open, doing, closed }
    public var title: String
    public var owner: String
    public var due: Day?
    public var status: Status
    /// When a closed action was closed; without it, a closed action counts as closed in
    /// every report.
    public var closedOn: Day?
    /// Where it was agreed: a visit's date and title.
    public var source: String
    public var raisedOn: Day
    public var location: SourceLocation

    /// Raised by `day` and not closed by then.
    public func isOpen(on day: Day) -> Bool {
        raisedOn <= day && !(status == .closed && (closedOn.map { $0 <= day } ?? true))
    }

    public func isOverdue(on day: Day) -> Bool { isOpen(on: day) && (due.map { $0 < day } ?? false) }
}

/// `content/visits/*.yaml`: one client visit.
public struct ClientVisit: Sendable {
    public var id: String
    public var date: Day
    public var title: String
    public var attendees: [String]
    public var topics: [String]
    /// The client's feedback in words; internal (personal remarks may be in it).
    public var feedback: String?
    public var actions: [ImprovementAction]
    public var location: SourceLocation
}

/// The items of the client's service-quality survey form (service plan 1.11.4).
public enum SurveyItem: String, Sendable, CaseIterable {
    case attitude, realtimeResponse = "realtime_response", onsiteOnTime = "onsite_on_time",
         inspectionOverdue = "inspection_overdue", plannedOverdue = "planned_overdue", resolution

    public var zh: String {
        switch self {
        case .attitude: "服务态度"
        case .realtimeResponse: "实时响应率"
        case .onsiteOnTime: "准时现场响应率"
        case .inspectionOverdue: "巡检超期率"
        case .plannedOverdue: "计划内工作超期率"
        case .resolution: "工单解决率"
        }
    }

    public var en: String {
        switch self {
        case .attitude: "Service attitude"
        case .realtimeResponse: "Real-time response"
        case .onsiteOnTime: "On-site response on time"
        case .inspectionOverdue: "Inspections overdue"
        case .plannedOverdue: "Planned work overdue"
        case .resolution: "Tickets resolved"
        }
    }
}

/// `content/surveys/YYYY-H1.yaml`: the half-yearly survey signed by the client.
public struct Survey: Sendable {
    public struct Response: Sendable {
        public var respondent: String
        public var signedOn: Day?
        public var scores: [SurveyItem: Double]
        public var comments: String?
    }

    /// "2026-H1".
    public var period: String
    public var year: Int
    public var half: Int
    public var scale: Int
    /// Individual answers: internal; a client build keeps only `means` and `count`.
    public var responses: [Response]
    /// Item → mean score over the responses, computed when loaded.
    public var means: [SurveyItem: Double]
    public var count: Int
    public var signedOn: Day?
    /// The last day of its half year.
    public var end: Day
    public var location: SourceLocation

    /// The mean of the item means, over the items answered.
    public var overall: Double? {
        means.isEmpty ? nil : SurveyItem.allCases.compactMap { means[$0] }.reduce(0, +) / Double(means.count)
    }
}
