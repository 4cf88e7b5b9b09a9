/// report.json's `people` object (quarters and years): the contract's staffing, training,
/// survey and visit figures, each target with its verdict. Reasons for leaving appear only
/// in an internal build (the audience filter removes them before reports are computed).
extension ReportEncoding {
    func peopleJSON(_ people: PeopleFigures) -> JSONValue {
        let judge = Judge(judged: report.judged, target: target)
        let reason = people.rotationRate == nil ? [("reason", JSONValue.string("no one on the roster in the 12 months"))] : []
        let rotationRate: [(String, JSONValue)] = [
            ("from", day(people.window.from)), ("to", day(people.window.to)), ("leavers", .int(people.leavers)),
            ("average_headcount", .number(people.averageHeadcount, places: 2)), ("rate", .rate(people.rotationRate)),
        ]
        return .object([
            ("as_of_day", day(people.reference)),
            ("rotation_rate", .object(rotationRate + judge("rotation_rate") + reason)),
            ("rotations", .array(people.rotations.map(rotationJSON))),
            ("rotations_without_notice", .array(people.withoutNotice.map(rotationJSON))),
            ("late_replacements", .array(people.lateReplacements.map(rotationJSON))),
            ("first_in_last_out_violations", .array(people.firstInLastOutViolations.map(rotationJSON))),
            ("started_before_approval", .array(people.startedBeforeApproval.map(rotationJSON))),
            ("headcount", headcountJSON(people)),
            ("backup", .object([
                ("person", people.backup.map(JSONValue.string) ?? .null),
                ("available", people.backupAvailable.map(JSONValue.bool) ?? .null),
            ])),
            ("certifications_expiring", .array(people.expiring.map(certificationJSON))),
            ("training_hours", .object(trainingJSON(people) + judge("training_hours"))),
            ("survey_score", surveyJSON(people.survey, judged: judge("survey_score"))),
            ("visits", .array(people.visits.map(visitJSON))),
            ("open_actions", .array(people.openActions.map { actionJSON($0, on: people.reference) })),
        ])
    }

    /// A people target's value, verdict and direction, as every judged figure carries them.
    private struct Judge {
        let judged: [JudgedFigure]
        let target: (String) -> JSONValue

        func callAsFunction(_ name: String) -> [(String, JSONValue)] {
            let better = PeopleFigures.targets.first { $0.name == name }?.better ?? .higher
            let verdict = judged.first { $0.key == name }?.verdict.map { JSONValue.string($0.rawValue) } ?? .null
            return [("target", target(name)), ("verdict", verdict), ("better", .string(better.rawValue))]
        }
    }

    private func day(_ day: Day?) -> JSONValue { day.map { .string($0.description) } ?? .null }

    private func rotationJSON(_ rotation: PeopleFigures.Rotation) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("person", .string(rotation.person)), ("role", .string(rotation.role)), ("type", .string(rotation.kind.rawValue)),
            ("end_on", day(rotation.endOn)), ("requested_on", day(rotation.requestedOn)), ("approved_on", day(rotation.approvedOn)),
            ("replaced_by", rotation.replacedBy.map(JSONValue.string) ?? .null), ("start_on", day(rotation.startOn)),
            ("client_notice_on", day(rotation.clientNoticeOn)), ("days_to_replace", rotation.daysToReplace.map(JSONValue.int) ?? .null),
        ]
        if let reason = rotation.reason { pairs.append(("reason", .string(reason))) }
        return .object(pairs)
    }

    private func headcountJSON(_ people: PeopleFigures) -> JSONValue {
        let below = people.belowContract.map { JSONValue.object([("role", .string($0.role)), ("days", .int($0.days))]) }
        return .object([
            ("contracted", .int(people.contracted)), ("on_site", .int(people.onSite)),
            ("days_below_contract", .int(people.daysBelowContract)), ("below_contract", .array(below)),
        ])
    }

    private func certificationJSON(_ expiring: PeopleFigures.Expiring) -> JSONValue {
        .object([
            ("person", .string(expiring.person)), ("name", .string(expiring.certification)), ("vendor", .string(expiring.vendor)),
            ("expires", day(expiring.expires)), ("days_left", .int(expiring.daysLeft)),
        ])
    }

    private func trainingJSON(_ people: PeopleFigures) -> [(String, JSONValue)] {
        [
            ("sessions", .int(people.trainingSessions)), ("hours", .number(people.trainingHours, places: 2)),
            ("per_person", people.trainingHoursPerPerson.map { .number($0, places: 2) } ?? .null),
        ]
    }

    private func visitJSON(_ visit: (date: Day, title: String, feedback: String?)) -> JSONValue {
        .object([("date", day(visit.date)), ("title", .string(visit.title))] + (visit.feedback.map { [("feedback", .string($0))] } ?? []))
    }

    private func actionJSON(_ action: ImprovementAction, on reference: Day) -> JSONValue {
        .object([
            ("title", .string(action.title)), ("owner", .string(action.owner)), ("due", day(action.due)),
            ("status", .string(action.status.rawValue)), ("source", .string(action.source)),
            ("overdue", .bool(action.isOverdue(on: reference))),
        ])
    }

    private func surveyJSON(_ survey: PeopleFigures.SurveyResult?, judged: [(String, JSONValue)]) -> JSONValue {
        guard let survey else {
            let reason = ("reason", JSONValue.string("no survey of a half year ended by then"))
            return .object([("period", .null), ("overall", .null)] + judged + [reason])
        }
        let figures: [(String, JSONValue)] = [
            ("period", .string(survey.period)), ("scale", .int(survey.scale)), ("responses", .int(survey.responses)),
            ("overall", survey.overall.map { .number($0, places: 2) } ?? .null),
            ("previous_period", survey.previousPeriod.map(JSONValue.string) ?? .null),
            ("previous_overall", survey.previousOverall.map { .number($0, places: 2) } ?? .null),
        ]
        let items = survey.items.map { entry in
            JSONValue.object([
                ("item", .string(entry.item.rawValue)), ("score", entry.score.map { .number($0, places: 2) } ?? .null),
                ("previous", entry.previous.map { .number($0, places: 2) } ?? .null),
            ])
        }
        let answers = survey.answers.isEmpty ? [] : [("answers", JSONValue.array(survey.answers.map(answerJSON)))]
        return .object(figures + judged + [("items", .array(items))] + answers)
    }

    private func answerJSON(_ answer: Survey.Response) -> JSONValue {
        let scores = SurveyItem.allCases.compactMap { item in answer.scores[item].map { (item.rawValue, JSONValue.number($0, places: 2)) } }
        return .object([
            ("respondent", .string(answer.respondent)), ("signed_on", answer.signedOn.map { .string($0.description) } ?? .null),
            ("scores", .object(scores)), ("comments", answer.comments.map(JSONValue.string) ?? .null),
        ])
    }
}
