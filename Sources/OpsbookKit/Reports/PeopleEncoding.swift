/// report.json's `people` object (quarters and years): the contract's staffing, training,
/// survey and visit figures, each target with its verdict. Reasons for leaving appear only
/// in an internal build (the audience filter removes them before reports are computed).
extension ReportEncoding {
    func peopleJSON(_ people: PeopleFigures) -> JSONValue {
        let targets = builder.sla.targets
        func judged(_ name: String) -> [(String, JSONValue)] {
            let better = PeopleFigures.targets.first { $0.name == name }?.better ?? .higher
            return [("target", target(name)), ("verdict", people.verdict(name, targets: targets).map { .string($0.rawValue) } ?? .null),
                    ("better", .string(better.rawValue))]
        }
        func day(_ day: Day?) -> JSONValue { day.map { .string($0.description) } ?? .null }
        func rotation(_ rotation: PeopleFigures.Rotation) -> JSONValue {
            var pairs: [(String, JSONValue)] = [
                ("person", .string(rotation.person)), ("role", .string(rotation.role)), ("type", .string(rotation.kind.rawValue)),
                ("end_on", day(rotation.endOn)), ("requested_on", day(rotation.requestedOn)), ("approved_on", day(rotation.approvedOn)),
                ("replaced_by", rotation.replacedBy.map(JSONValue.string) ?? .null), ("start_on", day(rotation.startOn)),
                ("client_notice_on", day(rotation.clientNoticeOn)), ("days_to_replace", rotation.daysToReplace.map(JSONValue.int) ?? .null),
            ]
            if let reason = rotation.reason { pairs.append(("reason", .string(reason))) }
            return .object(pairs)
        }
        let reason = people.rotationRate == nil ? [("reason", JSONValue.string("no one on the roster in the 12 months"))] : []
        return .object([
            ("as_of_day", day(people.reference)),
            ("rotation_rate", .object([("from", day(people.window.from)), ("to", day(people.window.to)), ("leavers", .int(people.leavers)),
                                       ("average_headcount", .number(people.averageHeadcount, places: 2)),
                                       ("rate", .rate(people.rotationRate))] + judged("rotation_rate") + reason)),
            ("rotations", .array(people.rotations.map(rotation))),
            ("rotations_without_notice", .array(people.withoutNotice.map(rotation))),
            ("late_replacements", .array(people.lateReplacements.map(rotation))),
            ("first_in_last_out_violations", .array(people.firstInLastOutViolations.map(rotation))),
            ("started_before_approval", .array(people.startedBeforeApproval.map(rotation))),
            ("headcount", .object([("contracted", .int(people.contracted)), ("on_site", .int(people.onSite)),
                                   ("days_below_contract", .int(people.daysBelowContract)),
                                   ("below_contract", .array(people.belowContract.map { .object([("role", .string($0.role)), ("days", .int($0.days))]) }))])),
            ("backup", .object([("person", people.backup.map(JSONValue.string) ?? .null),
                                ("available", people.backupAvailable.map(JSONValue.bool) ?? .null)])),
            ("certifications_expiring", .array(people.expiring.map {
                .object([("person", .string($0.person)), ("name", .string($0.certification)), ("vendor", .string($0.vendor)),
                         ("expires", day($0.expires)), ("days_left", .int($0.daysLeft))])
            })),
            ("training_hours", .object([("sessions", .int(people.trainingSessions)), ("hours", .number(people.trainingHours, places: 2)),
                                        ("per_person", people.trainingHoursPerPerson.map { .number($0, places: 2) } ?? .null)]
                                       + judged("training_hours"))),
            ("survey_score", surveyJSON(people.survey, judged: judged("survey_score"))),
            ("visits", .array(people.visits.map { visit in
                .object([("date", day(visit.date)), ("title", .string(visit.title))] + (visit.feedback.map { [("feedback", .string($0))] } ?? []))
            })),
            ("open_actions", .array(people.openActions.map { action in
                .object([("title", .string(action.title)), ("owner", .string(action.owner)), ("due", day(action.due)),
                         ("status", .string(action.status.rawValue)), ("source", .string(action.source)),
                         ("overdue", .bool(action.isOverdue(on: people.reference)))])
            })),
        ])
    }

    private func surveyJSON(_ survey: PeopleFigures.SurveyResult?, judged: [(String, JSONValue)]) -> JSONValue {
        guard let survey else {
            return .object([("period", .null), ("overall", .null)] + judged + [("reason", .string("no survey of a half year ended by then"))])
        }
        return .object([
            ("period", .string(survey.period)), ("scale", .int(survey.scale)), ("responses", .int(survey.responses)),
            ("overall", survey.overall.map { .number($0, places: 2) } ?? .null),
            ("previous_period", survey.previousPeriod.map(JSONValue.string) ?? .null),
            ("previous_overall", survey.previousOverall.map { .number($0, places: 2) } ?? .null),
        ] + judged + [("items", .array(survey.items.map { entry in
            .object([("item", .string(entry.item.rawValue)), ("score", entry.score.map { .number($0, places: 2) } ?? .null),
                     ("previous", entry.previous.map { .number($0, places: 2) } ?? .null)])
        }))] + (survey.answers.isEmpty ? [] : [("answers", .array(survey.answers.map { answer in
            .object([("respondent", .string(answer.respondent)), ("signed_on", answer.signedOn.map { .string($0.description) } ?? .null),
                     ("scores", .object(SurveyItem.allCases.compactMap { item in answer.scores[item].map { (item.rawValue, .number($0, places: 2)) } })),
                     ("comments", answer.comments.map(JSONValue.string) ?? .null)])
        }))]))
    }
}
