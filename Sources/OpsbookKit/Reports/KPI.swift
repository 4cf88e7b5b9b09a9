/// The contract's KPIs, one table: the report.json key, the ticket inputs each needs, which
/// way is better, and how its figure is read from a period's report. Read by the importer's
/// warnings, the report builder, the verdicts, report.json, report.csv and the pages.
public struct KPI: Sendable {
    public enum Better: String, Sendable {
        /// Met when the figure is at or above the target.
        case higher
        /// Met when the figure is at or below the target.
        case lower

        /// The verdict of `figure` against `target`: the one rule every judged figure follows.
        public func verdict(_ figure: Double, target: Double) -> Verdict {
            (self == .higher ? figure >= target : figure <= target) ? .met : .missed
        }
    }

    public var name: String
    public var inputs: KPIInputs
    public var better: Better
    public var unit: JudgedFigure.Unit
    /// The period's figure (a rate 0–1; satisfaction's mean; MTTR's minutes); nil when there
    /// is nothing to count or it is not measured.
    let figure: @Sendable (Report) -> Double?

    public static let all: [KPI] = [
        KPI(name: "response_on_time", inputs: .firstResponse, better: .higher, unit: .rate) { $0.responseOnTime.rate },
        KPI(name: "onsite_on_time", inputs: .onsite, better: .higher, unit: .rate) { $0.onsiteOnTime.rate },
        KPI(name: "resolution_within_sla", inputs: .resolution, better: .higher, unit: .rate) { $0.resolutionWithinSLA.rate },
        KPI(name: "resolution_rate", inputs: .resolution, better: .higher, unit: .rate) { $0.resolutionRate.rate },
        KPI(name: "complaints_24h", inputs: .resolution, better: .higher, unit: .rate) { $0.complaints24h.rate },
        KPI(name: "followup_3d", inputs: [.onsite, .followUp, .resolution], better: .higher, unit: .rate) { $0.followup3d.rate },
        KPI(name: "first_line_resolution", inputs: [.tier, .resolution], better: .higher, unit: .rate) {
            $0.firstLineResolution.rate
        },
        KPI(name: "satisfaction", inputs: .satisfaction, better: .higher, unit: .score) { $0.satisfaction.mean },
        KPI(name: "mttr_minutes", inputs: .resolution, better: .lower, unit: .minutes) { $0.mttrMinutes.mean },
        KPI(name: "reopen_rate", inputs: [.reopen, .resolution], better: .lower, unit: .rate) { $0.reopenRate.rate },
        KPI(name: "inspection_overdue", inputs: [], better: .lower, unit: .rate) { $0.operations?.inspectionOverdueRate },
        KPI(name: "planned_work_overdue", inputs: [], better: .lower, unit: .rate) { $0.operations?.plannedOverdueRate },
    ]

    public static let ticketKPIs = all.filter { !$0.inputs.isEmpty }
    private static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
    public static func named(_ name: String) -> KPI? { byName[name] }

    /// The ticket KPIs that `missing` inputs disable.
    static func disabled(by missing: KPIInputs) -> [KPI] { ticketKPIs.filter { !$0.inputs.isDisjoint(with: missing) } }

    /// Met or missed against `target`; nil without a figure or a target.
    func verdict(_ figure: Double?, target: Double?) -> Verdict? {
        guard let figure, let target else { return nil }
        return better.verdict(figure, target: target)
    }
}

public enum Verdict: String, Sendable {
    case met, missed
}

/// One KPI of one period, judged: the figure, its target and verdict, and the change from the
/// previous period. Computed by the reports stage; encodings and pages only print it.
public struct KPIResult: Sendable {
    public var kpi: KPI
    public var figure: Double?
    public var target: Double?
    public var verdict: Verdict?
    public var previous: Double?
    /// Figure minus the previous period's, in the figure's unit; nil when either is missing.
    public var change: Double? { figure.flatMap { now in previous.map { now - $0 } } }
    /// Whether the change is for the better (nil: no change to judge, or none at all).
    public var improved: Bool? {
        guard let change, change != 0 else { return nil }
        return (change > 0) == (kpi.better == .higher)
    }

    init(_ kpi: KPI, report: Report, previous: Report?, targets: [String: Double]) {
        self.kpi = kpi
        figure = kpi.figure(report)
        target = targets[kpi.name]
        verdict = kpi.verdict(figure, target: target)
        self.previous = previous.flatMap(kpi.figure)
    }
}
