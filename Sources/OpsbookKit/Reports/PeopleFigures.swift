/// The people and client figures of one quarter or year (service plan 1.9–1.11, 1.14):
/// staff rotation over the trailing 12 months, rotations without notice, late replacements,
/// "先进后出" violations, days below the contracted headcount, the backup engineer,
/// certifications about to expire, training hours, the latest survey and client visits.
/// Counted as of the period's last day, or as-of when the period is still running.
public struct PeopleFigures: Sendable {
    /// sla.yaml targets for these figures, and which way is better.
    public static let targets: [(name: String, better: KPI.Better)] = [
        ("rotation_rate", .lower), ("survey_score", .higher), ("training_hours", .higher),
    ]
    /// Contract terms (service plan 1.10): notice of a rotation, days to replace on the
    /// client's written request, and the window for certifications about to expire.
    public static let noticeMonths = 1, replacementDays = 14, certificationWindowDays = 90

    public struct Rotation: Sendable {
        public var person: String
        public var role: String
        public var kind: Staffing.ChangeKind
        public var endOn: Day
        public var requestedOn: Day?
        public var approvedOn: Day?
        public var replacedBy: String?
        public var startOn: Day?
        public var clientNoticeOn: Day?
        /// Days from the client's notice to the newcomer's start (or to the reference day while unfilled).
        public var daysToReplace: Int?
        public var reason: String?
    }

    public struct Expiring: Sendable {
        public var person: String
        public var certification: String
        public var vendor: String
        public var expires: Day
        public var daysLeft: Int
    }

    public struct SurveyResult: Sendable {
        public var period: String
        public var scale: Int
        public var responses: Int
        public var overall: Double?
        public var previousPeriod: String?
        public var previousOverall: Double?
        public var items: [(item: SurveyItem, score: Double?, previous: Double?)]
        /// Internal builds only: each signed response.
        public var answers: [Survey.Response]
    }

    public var window: (from: Day, to: Day)
    public var leavers = 0
    public var averageHeadcount: Double = 0
    public var rotationRate: Double?
    public var rotations: [Rotation] = []
    public var withoutNotice: [Rotation] = []
    public var lateReplacements: [Rotation] = []
    public var firstInLastOutViolations: [Rotation] = []
    /// Newcomers who started in the period before their change was approved (the contract:
    /// interviewed and approved before starting).
    public var startedBeforeApproval: [Rotation] = []
    public var contracted = 0
    public var onSite = 0
    public var daysBelowContract = 0
    public var belowContract: [(role: String, days: Int)] = []
    /// Each contracted role with its headcount on the reference day.
    public var roles: [(role: String, contracted: Int, onSite: Int)] = []
    public var backup: String?
    public var backupAvailable: Bool?
    public var expiring: [Expiring] = []
    public var trainingSessions = 0
    public var trainingHours: Double = 0
    public var trainingHoursPerPerson: Double?
    public var survey: SurveyResult?
    /// Feedback only in internal builds.
    public var visits: [(date: Day, title: String, feedback: String?)] = []
    public var openActions: [ImprovementAction] = []
    public var reference: Day

    /// The figure sla.yaml's target `name` is held against.
    public func figure(_ name: String) -> Double? {
        switch name {
        case "rotation_rate": rotationRate
        case "survey_score": survey?.overall
        case "training_hours": trainingHoursPerPerson
        default: nil
        }
    }

    /// Met or missed against sla.yaml's target; nil without a figure or a target.
    public func verdict(_ name: String, targets: [String: Double]) -> Verdict? {
        guard let figure = figure(name), let target = targets[name],
              let better = Self.targets.first(where: { $0.name == name })?.better else { return nil }
        return better.verdict(figure, target: target)
    }

    init(content: Content, period: Period, asOf: Day) {
        let roster = Roster(content)
        let last = min(period.end.adding(days: -1), asOf)
        reference = last
        let yearAgo = last.adding(days: -364)
        window = (yearAgo, last)
        let inPeriod = { (day: Day) in day >= period.first && day <= last }

        let yearDays = (0...364).map { yearAgo.adding(days: $0) }
        averageHeadcount = Double(yearDays.reduce(0) { $0 + roster.headcount(on: $1) }) / Double(yearDays.count)
        leavers = content.staffing.changes.filter { change in change.leaver.map { $0.day >= yearAgo && $0.day <= last } ?? false }.count
        rotationRate = averageHeadcount > 0 ? Double(leavers) / averageHeadcount : nil

        rotations = content.staffing.changes.compactMap { change in
            guard let leaver = change.leaver, inPeriod(leaver.day) else { return nil }
            return Self.rotation(change, leaver: leaver, reference: last)
        }
        withoutNotice = rotations.filter { rotation in
            guard rotation.clientNoticeOn == nil else { return false }
            guard let requested = rotation.requestedOn, let approved = rotation.approvedOn else { return true }
            return requested > rotation.endOn.adding(months: -Self.noticeMonths) || approved > rotation.endOn
        }
        lateReplacements = content.staffing.changes.compactMap { change in
            guard change.kind == .replace, let notice = change.clientNoticeOn, let leaver = change.leaver else { return nil }
            let started = change.startOn.flatMap { $0 <= last ? $0 : nil }
            let due = notice.adding(days: Self.replacementDays)
            // Late if it started past the deadline within the period, or is still unfilled past it.
            let late = started.map { inPeriod($0) && $0 > due } ?? (due < last)
            return late ? Self.rotation(change, leaver: leaver, reference: last) : nil
        }
        // "先进后出": the newcomer on site by the leaver's last day.
        firstInLastOutViolations = rotations.filter { rotation in
            rotation.kind == .replace && (rotation.startOn.map { $0 > rotation.endOn } ?? true)
        }

        startedBeforeApproval = content.staffing.changes.compactMap { change in
            guard let newcomer = change.newcomer, inPeriod(newcomer.day), change.approvedOn.map({ $0 > newcomer.day }) ?? true else {
                return nil
            }
            return Self.rotation(change, leaver: change.leaver ?? newcomer, reference: last)
        }
        countHeadcount(content, roster: roster, period: period, last: last)
        backup = content.staffing.backup
        backupAvailable = backup.map { roster.isOnSite($0, on: last) }
        expiring = Self.expiring(content, reference: last)
        countTraining(content, roster: roster, period: period, last: last)
        survey = Self.survey(content.surveys, last: last)
        visits = content.visits.filter { inPeriod($0.date) }.map { ($0.date, $0.title, $0.feedback) }
        openActions = content.visits.flatMap(\.actions).filter { $0.isOpen(on: last) }
    }

    private static func rotation(_ change: Staffing.Change, leaver: (name: String, day: Day), reference: Day) -> Rotation {
        let filled = change.startOn.flatMap { $0 <= reference ? $0 : nil }
        let days = change.clientNoticeOn.map { (filled ?? reference).ordinal - $0.ordinal }
        return Rotation(person: leaver.name, role: change.role, kind: change.kind, endOn: leaver.day, requestedOn: change.requestedOn,
                        approvedOn: change.approvedOn, replacedBy: change.kind == .replace ? change.person : nil, startOn: change.startOn,
                        clientNoticeOn: change.clientNoticeOn, daysToReplace: days, reason: change.reason)
    }

    private mutating func countHeadcount(_ content: Content, roster: Roster, period: Period, last: Day) {
        let contract = content.staffing.contracted.isEmpty ? content.team.roles.map { ($0.id, $0.headcount) }
            : content.staffing.contracted.map { ($0.role, $0.headcount) }
        contracted = contract.reduce(0) { $0 + $1.1 }
        onSite = roster.headcount(on: last)
        roles = contract.map { ($0.0, $0.1, roster.headcount(on: last, role: $0.0)) }
        var below: [String: Int] = [:]
        for day in period.days where day <= last {
            var short = false
            for (role, headcount) in contract where roster.headcount(on: day, role: role) < headcount {
                below[role, default: 0] += 1
                short = true
            }
            if short { daysBelowContract += 1 }
        }
        belowContract = contract.compactMap { entry in below[entry.0].map { (entry.0, $0) } }
    }

    private static func expiring(_ content: Content, reference: Day) -> [Expiring] {
        let horizon = reference.adding(days: certificationWindowDays)
        return content.team.people.flatMap { person in
            person.certifications.compactMap { certification in
                guard let expires = certification.expires, expires <= horizon else { return nil }
                return Expiring(person: person.name, certification: certification.name, vendor: certification.vendor,
                                expires: expires, daysLeft: expires.ordinal - reference.ordinal)
            }
        }.sorted { ($0.expires, $0.person) < ($1.expires, $1.person) }
    }

    private mutating func countTraining(_ content: Content, roster: Roster, period: Period, last: Day) {
        let sessions = content.training.filter { $0.date >= period.first && $0.date <= last }
        trainingSessions = sessions.count
        trainingHours = sessions.reduce(0) { $0 + $1.hours * Double($1.attendees.count) }
        let days = period.days.filter { $0 <= last }
        let people = days.isEmpty ? 0 : Double(days.reduce(0) { $0 + roster.headcount(on: $1) }) / Double(days.count)
        // Per person per quarter: a year's hours are spread over its quarters.
        let quarters = period.kind == .year || period.kind == .half ? Double(max(1, (days.count + 90) / 91)) : 1
        trainingHoursPerPerson = people > 0 ? trainingHours / people / quarters : nil
    }

    /// The latest survey of a half year that ended and was signed by `last`, against the one
    /// before it.
    private static func survey(_ surveys: [Survey], last: Day) -> SurveyResult? {
        let done = surveys.filter { $0.end <= last && ($0.signedOn.map { $0 <= last } ?? false) }
        guard let latest = done.last else { return nil }
        let previous = done.dropLast().last
        return SurveyResult(period: latest.period, scale: latest.scale, responses: latest.count, overall: latest.overall,
                            previousPeriod: previous?.period, previousOverall: previous?.overall,
                            items: SurveyItem.allCases.map { ($0, latest.means[$0], previous?.means[$0]) }, answers: latest.responses)
    }
}

/// Who was on site on a day: team.yaml's people and staffing.yaml's former engineers, each
/// from their arrival (if a change records one) to their last day (if one does).
struct Roster {
    private var people: [(name: String, role: String, from: Day?, to: Day?)] = []

    init(_ content: Content) {
        var arrivals: [String: Day] = [:], departures: [String: Day] = [:]
        for change in content.staffing.changes {
            if let newcomer = change.newcomer { arrivals[newcomer.name] = newcomer.day }
            if let leaver = change.leaver { departures[leaver.name] = leaver.day }
        }
        let everyone =
            (content.team.people + content.team.unlisted).map { ($0.name, $0.role) } + content.staffing.former.map { ($0.name, $0.role) }
        people = everyone.map { ($0.0, $0.1, arrivals[$0.0], departures[$0.0]) }
    }

    func isOnSite(_ name: String, on day: Day) -> Bool {
        people.contains { $0.name == name && Self.present($0, on: day) }
    }

    func headcount(on day: Day, role: String? = nil) -> Int {
        people.reduce(0) { $0 + ((role == nil || $1.role == role) && Self.present($1, on: day) ? 1 : 0) }
    }

    private static func present(_ person: (name: String, role: String, from: Day?, to: Day?), on day: Day) -> Bool {
        (person.from.map { $0 <= day } ?? true) && (person.to.map { day <= $0 } ?? true)
    }
}
