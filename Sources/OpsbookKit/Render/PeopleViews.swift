/// A quarter's or year's "people and client feedback" section: the PeopleFigures the
/// reports stage computed, as cards and tables.
extension ReportPages {
    func peopleView(_ people: PeopleFigures, targets: [String: Double]) -> View {
        let roleNames = Dictionary(graph.content.team.roles.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let flagged = people.rotations + people.lateReplacements.filter { late in !people.rotations.contains { $0.person == late.person } }
        let lists: View = [
            "cards": .list(peopleCards(people, targets: targets)),
            "rotations": .list(flagged.map { rotationRow($0, people, roleNames: roleNames) }),
        ]
        var view = lists.merging(peopleTables(people)) { first, _ in first }
        if let survey = people.survey {
            view["survey_items"] = .list(survey.items.map { entry in
                ["item": .text(graph.content.site.language == .en ? entry.item.en : entry.item.zh),
                 "score": .text(entry.score.map { JSONValue.format($0, places: 2) } ?? labels["report.none"]),
                 "previous": .text(entry.previous.map { JSONValue.format($0, places: 2) } ?? labels["report.none"])]
            })
            view["survey_period"] = .text(survey.period)
            view["survey_previous"] = .text(survey.previousPeriod ?? labels["report.none"])
        }
        for key in ["rotations", "expiring", "visits", "actions", "survey_items", "answers"] {
            if case let .list(rows)? = view[key] { view["has_\(key)"] = .bool(!rows.isEmpty) }
        }
        return view
    }

    private func peopleCards(_ people: PeopleFigures, targets: [String: Double]) -> [TemplateValue] {
        let violations = people.withoutNotice.count + people.lateReplacements.count + people.firstInLastOutViolations.count
            + people.startedBeforeApproval.count
        var cards: [TemplateValue] = [
            peopleCard(
                "rotation_rate", people, targets: targets, value: percent(people.rotationRate), target: percent,
                detail: "\(labels["people.leavers"]) \(people.leavers) · \(labels["people.average_headcount"]) "
                    + "\(JSONValue.format(people.averageHeadcount, places: 2)) · \(people.window.from) – \(people.window.to)"),
            peopleCard(
                "training_hours", people, targets: targets,
                value: people.trainingHoursPerPerson.map { "\(JSONValue.format($0, places: 2)) \(labels["people.hours_per_person"])" }
                    ?? labels["report.none"],
                target: { "\(JSONValue.format($0, places: 1)) \(self.labels["people.hours_per_person"])" },
                detail: "\(people.trainingSessions) \(labels["people.sessions"]) · \(JSONValue.format(people.trainingHours, places: 1)) "
                    + labels["people.person_hours"]),
            surveyCard(people, targets: targets),
            ["label": .text(labels["people.on_site"]), "value": .text("\(people.onSite) / \(people.contracted)"),
             "detail": .text("\(labels["people.days_below"]) \(people.daysBelowContract)"),
             "status": .text(people.daysBelowContract == 0 && people.onSite >= people.contracted ? "ok" : "bad")],
            ["label": .text(labels["people.rules"]), "value": .text("\(violations)"),
             "detail": .text("\(labels["people.without_notice"]) \(people.withoutNotice.count) · \(labels["people.late"]) "
                             + "\(people.lateReplacements.count) · \(labels["people.filo"]) \(people.firstInLastOutViolations.count) · "
                             + "\(labels["people.unapproved"]) \(people.startedBeforeApproval.count)"),
             "status": .text(violations == 0 ? "ok" : "bad")],
        ]
        if let available = people.backupAvailable {
            cards.append([
                "label": .text(labels["people.backup"]), "value": .text(labels[available ? "people.available" : "people.missing"]),
                "detail": .text(people.backup ?? ""), "status": .text(available ? "ok" : "bad")
            ])
        }
        return cards
    }

    private func peopleTables(_ people: PeopleFigures) -> View {
        [
            "expiring": .list(people.expiring.map { entry in
                ["person": .text(entry.person), "name": .text(entry.certification), "vendor": .text(entry.vendor),
                 "expires": .text(entry.expires.description), "expired": .bool(entry.daysLeft < 0),
                 "days_left": .text(entry.daysLeft < 0 ? labels["people.expired"] : "\(entry.daysLeft) \(labels["unit.day"])")]
            }),
            "visits": .list(people.visits.map { visit in
                var view: View = ["date": .text(visit.date.description), "title": .text(visit.title)]
                if let feedback = visit.feedback { view["feedback"] = .text(feedback) }
                return .object(view)
            }),
            "answers": .list((people.survey?.answers ?? []).map { answer in
                ["respondent": .text(answer.respondent), "signed": .text(answer.signedOn?.description ?? ""),
                 "comments": .text(answer.comments ?? "")]
            }),
            "actions": .list(people.openActions.map { action in
                ["title": .text(action.title), "owner": .text(action.owner), "due": .text(action.due?.description ?? ""),
                 "status": .text(labels["action.\(action.status.rawValue)"]), "source": .text(action.source),
                 "overdue": .bool(action.isOverdue(on: people.reference))]
            }),
        ]
    }

    private func peopleCard(_ key: String, _ people: PeopleFigures, targets: [String: Double], value: String,
                            target: (Double) -> String, detail: String) -> TemplateValue {
        var card: View = ["label": .text(labels["kpi.\(key)"]), "value": .text(value), "detail": .text(detail)]
        if let goal = targets[key], let better = PeopleFigures.targets.first(where: { $0.name == key })?.better {
            card["target"] = .text((better == .lower ? "≤ " : "≥ ") + target(goal))
        }
        if let verdict = people.verdict(key, targets: targets) {
            card["status"] = .text(verdict == .met ? "ok" : "bad")
            card["verdict"] = .text(labels["verdict.\(verdict.rawValue)"])
        }
        return .object(card)
    }

    private func surveyCard(_ people: PeopleFigures, targets: [String: Double]) -> TemplateValue {
        guard let survey = people.survey else {
            return ["label": .text(labels["kpi.survey_score"]), "value": .text(labels["report.not_measured"]),
                    "detail": .text(labels["people.no_survey"]), "status": "unmeasured"]
        }
        let previous = survey.previousOverall.map { " · \(labels["people.previous"]) \(JSONValue.format($0, places: 2))" } ?? ""
        return peopleCard("survey_score", people, targets: targets,
                          value: survey.overall.map { "\(JSONValue.format($0, places: 2)) / \(survey.scale)" } ?? labels["report.none"],
                          target: { JSONValue.format($0, places: 2) },
                          detail: "\(survey.period) · \(survey.responses) \(labels["people.responses"])\(previous)")
    }

    private func rotationRow(_ rotation: PeopleFigures.Rotation, _ people: PeopleFigures, roleNames: [String: String]) -> TemplateValue {
        var problems: [String] = []
        if people.withoutNotice.contains(where: { $0.person == rotation.person }) { problems.append(labels["people.without_notice"]) }
        if people.lateReplacements.contains(where: { $0.person == rotation.person }) {
            problems.append("\(labels["people.late"]) \(rotation.daysToReplace.map { "\($0) \(labels["unit.day"])" } ?? "")")
        }
        if people.firstInLastOutViolations.contains(where: { $0.person == rotation.person }) { problems.append(labels["people.filo"]) }
        if people.startedBeforeApproval.contains(where: { $0.person == rotation.person }) { problems.append(labels["people.unapproved"]) }
        return ["person": .text(rotation.person), "role": .text(roleNames[rotation.role] ?? rotation.role),
                "end": .text(rotation.endOn.description), "replaced_by": .text(rotation.replacedBy ?? ""),
                "start": .text(rotation.startOn?.description ?? ""), "approved": .text(rotation.approvedOn?.description ?? ""),
                "problems": .list(problems.map { .text($0) }), "ok": .bool(problems.isEmpty)]
    }
}
