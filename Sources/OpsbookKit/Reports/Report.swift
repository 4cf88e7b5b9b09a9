/// One period's service report: the figures of domain.md, evaluated at `asOf`.
public struct Report: Sendable {
    /// met / breached / pending over the tickets whose clock applies; rate = met ÷ (met + breached).
    public struct Clock: Sendable {
        public var met = 0, breached = 0, pending = 0
        public var rate: Double? { met + breached == 0 ? nil : Double(met) / Double(met + breached) }
        mutating func add(_ state: ClockState?) {
            switch state {
            case .met: met += 1
            case .breached: breached += 1
            case .pending: pending += 1
            case nil: break
            }
        }
    }

    public struct Ratio: Sendable {
        public var part = 0, whole = 0
        public var rate: Double? { whole == 0 ? nil : Double(part) / Double(whole) }
    }

    public struct Summary: Sendable {
        public var mean: Double?, median: Double?, p90: Double?, count = 0
    }

    public struct Breakdown: Sendable {
        public var opened = 0, resolved = 0, breached = 0
        mutating func add(resolved isResolved: Bool, breached isBreached: Bool) {
            opened += 1
            if isResolved { resolved += 1 }
            if isBreached { breached += 1 }
        }
    }

    /// A ticket that breached one or more clocks, listed once.
    public struct Breach: Sendable {
        public struct Clock: Sendable {
            public var clock: String
            public var targetMinutes: Int
            public var actualMinutes: Int
        }
        public var ticket: Int
        public var clocks: [Clock]
        /// Wall-clock minutes the ticket waited on the client up to as-of (its clocks did not run).
        public var pausedMinutes: Int
        /// The calendar the ticket's policy counts in.
        public var calendar: String
    }

    /// The breakdown key of tickets with no value in a dimension (report.json keeps it; pages translate it).
    public static let noValue = "(none)"

    public var period: Period
    public var asOf: Int
    /// The data stops before the period ends (DataClock.coveredUntil): its figures will move.
    public var provisional = false
    public var start: Int
    public var end: Int
    public var opened = 0
    public var resolved = 0
    public var openAtEnd = 0
    public var aging: [(bucket: String, count: Int)] = []
    public var skippedRows = 0
    public var excludedRows = 0
    /// Export rows of only delimiters or blanks, skipped.
    public var blankRows = 0
    /// Cohort tickets that no SLA policy matches (indices into the builder's tickets).
    public var slaUnmatched: [Int] = []
    /// KPI → the fields no export of the cohort's tickets provides, when none has them all.
    public var notMeasured: [String: [String]] = [:]
    /// KPI → cohort tickets left out of it because their export lacks its inputs (while others have them).
    public var unmeasuredTickets: [String: Int] = [:]
    public var responseOnTime = Clock()
    public var onsiteOnTime = Clock()
    public var resolutionWithinSLA = Clock()
    public var complaints24h = Clock()
    public var followup3d = Clock()
    public var resolutionRate = Ratio()
    public var firstLineResolution = Ratio()
    /// Reopened ÷ resolved by as-of, over the cohort.
    public var reopenRate = Ratio()
    public var satisfaction = Summary()
    public var mttrMinutes = Summary()
    /// Dimension (priority, type, system, category, group) → value → figures, sorted by value.
    public var breakdowns: [(dimension: String, rows: [(key: String, figures: Breakdown)])] = []
    public var breaches: [Breach] = []
    /// Opened tickets per day (per month for a year) and type, for the volume chart.
    public var volume: [(label: String, byType: [String: Int])] = []
    /// Inspections, planned work, drills and spares of the period (set by ReportSet).
    public var operations: OperationsFigures?
    /// A system or item with several incidents in the period: a problem candidate.
    public struct Recurring: Sendable {
        /// "system" or "asset".
        public var dimension: String
        public var key: String
        /// Indexes into the builder's tickets, in opening order.
        public var tickets: [Int]
    }

    /// System availability; nil when nothing records outages (set by ReportSet).
    public var availability: AvailabilityFigures?
    /// Systems and items with three or more incidents (set by ReportSet).
    public var recurring: [Recurring] = []
    /// P1/P2 incidents opened in the period, by index into the builder's tickets (set by ReportSet).
    public var majorIncidents: [Int] = []
    /// Beside each major incident: its paused minutes up to as-of.
    public var majorIncidentPausedMinutes: [Int] = []
    /// Improvement actions (from period narratives and client visits) still open at the
    /// period's last day or as-of, oldest due first (set by ReportSet).
    public var actions: [ImprovementAction] = []
    /// The day open actions and overdue flags are counted at.
    public var actionsDay: Day?
    /// Staffing, training, surveys and visits; quarters and years only (set by ReportSet).
    public var people: PeopleFigures?
    /// Every KPI of KPI.all judged against its target, with the change from the previous
    /// period (set by ReportSet), in table order.
    public var kpis: [KPIResult] = []

    public func kpi(_ name: String) -> KPIResult? { kpis.first { $0.kpi.name == name } }

    /// The most rows of one list a report page shows (breaches, major incidents, …).
    public static let pageListLimit = 300

    /// Whether the printed report names report.csv as the attachment holding its long lists:
    /// quarters, half-years and years (so the PDF stays short), and a month with a list longer
    /// than a page shows. report.csv then carries every major incident, recurring system or item
    /// and unmatched ticket. Days and weeks are not printed: their page and report.json hold them.
    public var attachesLists: Bool {
        guard Period.Kind.printed.contains(period.kind) else { return false }
        return period.kind != .month
            || max(majorIncidents.count, recurring.count, breaches.count, slaUnmatched.count) > Self.pageListLimit
    }

    /// The three rate KPIs that moved most since the previous period (by percentage points),
    /// for the executive summary.
    public var largestChanges: [KPIResult] {
        let rates = kpis.filter { $0.kpi.name != "satisfaction" && $0.kpi.name != "mttr_minutes" && ($0.change ?? 0) != 0 }
        return Array(rates.sorted { (abs($0.change ?? 0), $1.kpi.name) > (abs($1.change ?? 0), $0.kpi.name) }.prefix(3))
    }

    /// Every figure with a target, judged (JudgedFigures): the one list verdicts are counted from.
    public var judged: [JudgedFigure] = []
    public var verdicts: VerdictCounts { VerdictCounts(judged) }

    /// Judges every KPI against sla.yaml's targets, with the change from `previous` when there
    /// is one, then every figure with a target into `judged`.
    mutating func judge(previous: Report?, sla: SLAPolicy) {
        kpis = KPI.all.map { KPIResult($0, report: self, previous: previous, targets: sla.targets) }
        judged = judgedFigures(targets: sla.targets, availabilityTargets: sla.availability)
    }
}

public enum ClockState: Sendable, Equatable {
    case met, pending
    case breached(elapsed: Int)
}
