/// Reads `content/surveys/YYYY-Hn.yaml`: the half-yearly service-quality survey, one entry
/// per signed response, each item of the form scored on `scale` (default 5).
enum SurveyLoader {
    /// "2026-H1" → (2026, 1).
    static func half(_ name: String) -> (year: Int, half: Int)? {
        let parts = name.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), year >= 1970, year <= 9999,
              parts[1] == "H1" || parts[1] == "H2" else { return nil }
        return (year, parts[1] == "H1" ? 1 : 2)
    }

    static func load(text: String, file: String, name: String, log: DiagnosticLog) -> Survey? {
        guard let (year, half) = half(name), let end = Day(year: year, month: half == 1 ? 6 : 12, day: half == 1 ? 30 : 31) else {
            log.error("survey.file", at: SourceLocation(file: file, line: 1, column: 1),
                      "survey files are named after their half year, like surveys/2026-H1.yaml")
            return nil
        }
        guard
            let fields = YAMLValue.parseMapping(
                text, file: file, shapeID: "survey.shape", shape: "a survey should be a mapping with scale and responses",
                keys: ["scale", "responses"], what: "a survey", log: log)
        else { return nil }
        let scale = fields.int("scale", log: log) ?? 5
        if !(2...100).contains(scale) {
            log.error("survey.scale", at: fields["scale"]?.location ?? fields.location, "'scale' should be from 2 to 100")
        }
        var responses: [Survey.Response] = []
        for entry in fields.list("responses", log: log) {
            guard let response = entry.mapping else {
                log.error("yaml.type", at: entry.location, "each response should be a mapping"); continue
            }
            response.reportUnknownKeys(allowed: ["respondent", "signed_on", "scores", "comments"], what: "a survey response", log: log)
            let signed = response.day("signed_on", log: log)
            if signed == nil {
                log.error("survey.signed", at: response.location, "response has no 'signed_on': the survey is signed by the client")
            }
            if let signed, signed <= end.adding(days: -183) {
                log.error(
                    "survey.signed", at: response["signed_on"]?.location ?? response.location,
                    "signed \(signed), before the half year \(name) began")
            }
            responses.append(
                Survey.Response(
                    respondent: response.string("respondent", log: log) ?? "", signedOn: signed,
                    scores: scores(response, scale: scale, log: log), comments: response.string("comments", log: log)))
        }
        if responses.isEmpty { log.error("survey.responses", at: fields.location, "survey has no responses") }
        var means: [SurveyItem: Double] = [:]
        for item in SurveyItem.allCases {
            let given = responses.compactMap { $0.scores[item] }
            if !given.isEmpty { means[item] = given.reduce(0, +) / Double(given.count) }
        }
        return Survey(period: name, year: year, half: half, scale: scale, responses: responses, means: means, count: responses.count,
                      signedOn: responses.compactMap(\.signedOn).max(), end: end, location: fields.location)
    }

    private static func scores(_ response: YAMLMapping, scale: Int, log: DiagnosticLog) -> [SurveyItem: Double] {
        guard let value = response["scores"] else {
            log.error("survey.scores", at: response.location, "response has no 'scores'")
            return [:]
        }
        guard let mapping = value.mapping else {
            log.error("yaml.type", at: value.location, "'scores' should map each item of the form to its score")
            return [:]
        }
        var scores: [SurveyItem: Double] = [:]
        for (key, score) in mapping.pairs {
            guard let name = key.scalar else { continue }
            guard let item = SurveyItem(rawValue: name) else {
                log.error("survey.item", at: key.location, "'\(name)' is not an item of the survey form",
                          suggestion: Suggestion.closest(to: name, in: SurveyItem.allCases.map(\.rawValue)))
                continue
            }
            guard let text = score.scalar, let number = Double(text), number.isFinite, number >= 1, number <= Double(scale) else {
                log.error("survey.score", at: score.location, "the score of '\(name)' should be a number from 1 to \(scale)")
                continue
            }
            scores[item] = number
        }
        return scores
    }
}
