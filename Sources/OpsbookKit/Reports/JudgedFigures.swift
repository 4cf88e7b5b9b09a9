/// One figure of a period held against its target. A period's list of them is the one source
/// every verdict is counted from: the summary, the cards, the home page, the reports index,
/// report.json, report.csv and the PDF. Nothing else decides met or missed.
public struct JudgedFigure: Sendable {
    public enum Family: String, Sendable { case tickets, operations, availability, people }

    /// How the figure reads: a rate (0–1), a mean score, minutes of business time, a count,
    /// or an availability (a rate shown with more places: 99.95 % is not 100 %).
    public enum Unit: String, Sendable { case rate, score, minutes, count, availability }

    /// The KPI's name (KPI.all, PeopleFigures.targets), `drills`, `spares`, `availability`,
    /// or `availability.<system id>` for one system.
    public var key: String
    public var family: Family
    public var unit: Unit
    public var better: KPI.Better
    public var value: Double?
    public var target: Double
    /// Nil when there is no value: not measured, or nothing to count.
    public var verdict: Verdict?
    /// A system's title, for one system's availability; nil for the contract's KPIs.
    public var subject: String?
    /// Why the value is missing (only then).
    public var reason: String?

    init(_ key: String, _ family: Family, _ unit: Unit, better: KPI.Better, value: Double?, target: Double,
         subject: String? = nil, reason: String? = nil) {
        self.key = key
        self.family = family
        self.unit = unit
        self.better = better
        self.value = value
        self.target = target
        self.subject = subject
        verdict = value.map { better.verdict($0, target: target) }
        self.reason = value == nil ? reason ?? "nothing to count in this period" : nil
    }
}

/// How many of a period's judged figures met, missed, or could not be measured.
public struct VerdictCounts: Sendable, Equatable {
    public var met = 0, missed = 0, notMeasured = 0

    init(_ figures: [JudgedFigure]) {
        for figure in figures {
            switch figure.verdict {
            case .met?: met += 1
            case .missed?: missed += 1
            case nil: notMeasured += 1
            }
        }
    }
}

extension Report {
    /// The judged figure `key`, if the period has one.
    public func judged(_ key: String) -> JudgedFigure? { judged.first { $0.key == key } }

    /// Every figure of the period that has a target, in the order the report prints them:
    /// ticket KPIs, operations, availability (overall, then each system), people.
    func judgedFigures(targets: [String: Double], availabilityTargets: [String: Double]) -> [JudgedFigure] {
        var list: [JudgedFigure] = kpis.compactMap { result in
            guard let target = result.target else { return nil }
            if result.kpi.inputs.isEmpty, operations == nil { return nil }
            let reason = notMeasured[result.kpi.name].map { "not measured: no export provides " + $0.joined(separator: ", ") }
            return JudgedFigure(result.kpi.name, result.kpi.inputs.isEmpty ? .operations : .tickets, result.kpi.unit,
                                better: result.kpi.better, value: result.figure, target: target, reason: reason)
        }
        if let operations, !operations.drillsDue.isEmpty {
            list.append(JudgedFigure("drills", .operations, .count, better: .higher, value: Double(operations.drillsDone.count),
                                     target: Double(operations.drillsDue.count)))
        }
        if let operations, operations.spareChecksDue > 0 {
            list.append(JudgedFigure("spare_checks", .operations, .count, better: .higher,
                                     value: Double(operations.spareChecksDone.count), target: Double(operations.spareChecksDue)))
        }
        if let operations, operations.sparesTracked {
            list.append(JudgedFigure("spares", .operations, .count, better: .lower,
                                     value: Double(operations.sparesBelowMinimum.count), target: 0))
        }
        if let availability {
            if let target = availabilityTargets["overall"] ?? availabilityTargets["default"] {
                list.append(JudgedFigure("availability", .availability, .availability, better: .higher, value: availability.overall,
                                         target: target, reason: "no service time in this period"))
            }
            for system in availability.systems {
                guard let target = system.target else { continue }
                list.append(JudgedFigure("availability.\(system.id)", .availability, .availability, better: .higher,
                                         value: system.availability, target: target, subject: system.title,
                                         reason: "no service time in this period"))
            }
        }
        if let people {
            for (name, better) in PeopleFigures.targets {
                guard let target = targets[name] else { continue }
                list.append(JudgedFigure(name, .people, name == "training_hours" ? .score : .rate, better: better,
                                         value: people.figure(name), target: target))
            }
        }
        return list
    }
}
