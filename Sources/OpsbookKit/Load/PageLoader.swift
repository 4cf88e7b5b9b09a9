import Foundation

/// Turns one Markdown file into a Page: front matter read key by key, body rendered with
/// link placeholders. Pure apart from the diagnostics it reports.
enum PageLoader {
    /// Ids are lowercase ASCII letters, digits, '.', '_' or '-', starting with a letter or digit.
    static func isValidID(_ id: String) -> Bool {
        var bytes = id.utf8.makeIterator()
        guard let first = bytes.next(), (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"): continue
            default: return false
            }
        }
        return true
    }

    static let commonKeys = ["id", "title", "type", "tags", "related", "description", "audience", "owner", "reviewed", "review_every",
                             "weight", "aliases", "draft"]
    static let keysByType: [PageType: [String]] = [
        .system: ["criticality", "runs_on", "depends_on", "service_calendar"],
        .procedure: ["applies_to", "kind", "frequency", "role"],
        .emergencyPlan: ["severity", "trigger", "applies_to", "rto", "rpo", "roles", "drills", "drill_next", "drill_every"],
        .article: ["kind", "applies_to"],
        // A period narrative (reports/2026-10.md) names the printed report's version and date.
        .page: ["version", "prepared"],
    ]
    /// Scalar keys shown on the page, in display order.
    static let displayedKeys = ["description", "owner", "criticality", "kind", "frequency", "role",
                                "severity", "trigger", "rto", "rpo", "service_calendar"]
    static let referenceKeys = ["related", "runs_on", "depends_on", "applies_to"]
    /// Keys whose value feeds a figure or a target: a value outside the vocabulary is an error.
    static let figureKeys: Set<String> = ["criticality"]

    static let vocabularies: [String: [String]] = [
        "criticality": ["critical", "high", "medium", "low"],
        "severity": ["I", "II", "III", "IV"],
        "procedure.kind": ["sop", "inspection", "change", "maintenance", "troubleshooting", "setup",
                           "backup", "recovery", "checklist"],
        "article.kind": ["inspection-report", "onsite-service-report", "emergency-plan", "solution",
                         "tuning-plan", "diagnosis-report", "hardening-plan", "migration-plan",
                         "patch-plan", "upgrade-plan", "faq", "howto"],
        "drill.result": ["pass", "partial", "fail"],
    ]

    /// The id a file gets when its front matter sets none: its path without `.md`, lowercased.
    static func defaultID(for sourcePath: String) -> String {
        String(sourcePath.dropLast(3)).lowercased()
    }

    /// `extraKeys` are front-matter keys another loader reads from the same file (planned work).
    static func load(text: String, sourcePath: String, file: String, extraKeys: [String] = [], options: LoadOptions = LoadOptions(),
                     log: DiagnosticLog) -> Page {
        let split = FrontMatterSplit(text, file: file, log: log)
        let fileStart = SourceLocation(file: file, line: 1, column: 1)
        var fields: YAMLMapping?
        if let yaml = split.yaml, let value = YAMLValue.parse(yaml, file: file, lineOffset: split.yamlLineOffset, log: log) {
            if let mapping = value.mapping {
                fields = mapping
            } else {
                log.error(
                    "frontmatter.shape", at: value.location, "front matter should be a mapping of keys to values, not \(value.kindName)")
            }
        }

        let visibleBody = InternalSections.apply(split.body, keep: options.audience >= .internal, file: file,
                                                 lineOffset: split.bodyLineOffset, log: log)
        let body = MarkdownRenderer.render(visibleBody, rawHTML: options.rawHTML, language: options.language)
        let folder = sourcePath.pathParts.first.map(String.init) ?? ""
        var type = sourcePath.contains("/") ? PageType.fromFolder(folder) : .page
        if let typeValue = fields?["type"], let name = fields?.string("type", log: log) {
            if let explicit = PageType(rawValue: name) { type = explicit }
            else {
                // Hugo's `type` picks a layout (docs, posts …): a collection brought over still builds.
                log.warning("page.type", at: typeValue.location, "unknown page type '\(name)'; the page is a \(type.rawValue) "
                                + "(by its folder)", suggestion: Suggestion.closest(to: name, in: PageType.allCases.map(\.rawValue)))
            }
        }

        var id = defaultID(for: sourcePath)
        var idLocation = fileStart
        if let idValue = fields?["id"], let explicit = fields?.string("id", log: log) {
            idLocation = idValue.location
            if isValidID(explicit) { id = explicit }
            else {
                log.error("id.invalid", at: idValue.location,
                          "id '\(explicit)' must be lowercase letters, digits, '.', '_' or '-', starting with a letter or digit",
                          suggestion: Anchors.slug(explicit).isEmpty ? nil : Anchors.slug(explicit))
            }
        }

        let fileName = sourcePath.fileStem
        var title = fields?.string("title", log: log) ?? body.firstHeading ?? ""
        // A period's narrative (reports/2026-10.md) is titled by its report.
        let narrative = sourcePath.hasPrefix("reports/") && Period(fileName) != nil
        if title.trimmingWhitespace.isEmpty {
            title = fileName
            if !narrative { log.warning("page.title", at: fileStart,
                        "page has no title (no 'title' key and no '# heading'); using the file name '\(fileName)'") }
        }

        var page = Page(id: id, idLocation: idLocation, sourcePath: sourcePath, file: file, title: title, type: type,
                        body: body, bodyLineOffset: split.bodyLineOffset)
        if let fields {
            read(fields, into: &page, extraKeys: extraKeys, log: log)
            (page.audience, page.audienceLocation) = AudienceKey.read(fields, log: log)
        }
        reportShortcodes(in: split.body, page: page, log: log)
        return page
    }

    private static func read(_ fields: YAMLMapping, into page: inout Page, extraKeys: [String], log: DiagnosticLog) {
        let allowed = commonKeys + (keysByType[page.type] ?? [])
        for pair in fields.pairs {
            guard let key = pair.key.scalar, !allowed.contains(key), !extraKeys.contains(key) else { continue }
            let elsewhere = keysByType.filter { $0.value.contains(key) }.map(\.key.rawValue).sorted()
            if !elsewhere.isEmpty {
                log.warning("key.wrong-type", at: pair.key.location,
                            "key '\(key)' is not used by \(page.type.rawValue) pages (it belongs to \(elsewhere.joined(separator: ", ")))")
            } else {
                UnknownKey.report(key, at: pair.key.location, allowed: allowed, message: "unknown front matter key '\(key)'; it is ignored",
                                  log: log)
            }
        }
        page.tags = fields.strings("tags", log: log).map(\.text)
        for key in referenceKeys where allowed.contains(key) {
            page.references += fields.strings(key, log: log).map { Reference(target: $0.text, location: $0.location, field: key) }
        }
        for key in displayedKeys where allowed.contains(key) {
            guard let value = fields.string(key, log: log) else { continue }
            page.properties.append((key, value))
            let vocabulary = key == "kind" ? "\(page.type.rawValue).kind" : key
            if let words = vocabularies[vocabulary], !words.contains(value) {
                // A criticality picks a system's availability target: a typo would drop the target silently.
                let message = "'\(value)' is not a known \(key) (\(words.joined(separator: ", ")))"
                if Self.figureKeys.contains(key) {
                    log.error("value.unknown", at: fields[key]!.location, message, suggestion: Suggestion.closest(to: value, in: words))
                } else {
                    log.warning("value.unknown", at: fields[key]!.location, message, suggestion: Suggestion.closest(to: value, in: words))
                }
            }
        }
        readCollectionKeys(fields, into: &page, log: log)
        if allowed.contains("roles") { page.roles = fields.strings("roles", log: log).map(\.text) }
        if allowed.contains("version") {
            page.reportVersion = fields.string("version", log: log)
            page.prepared = fields.day("prepared", log: log)
        }
        page.reviewed = fields.day("reviewed", log: log)
        page.reviewedLocation = fields["reviewed"]?.location
        if let text = fields.string("review_every", log: log) {
            page.reviewEvery = Interval(text)
            if page.reviewEvery == nil {
                log.error("review.every", at: fields["review_every"]!.location, "'\(text)' is not an interval (90d, 6m, 1y)")
            }
        }
        if allowed.contains("drills") {
            page.drills = readDrills(fields, log: log)
            page.drillNext = fields.day("drill_next", log: log)
            if let text = fields.string("drill_every", log: log) {
                page.drillEvery = Interval(text)
                if page.drillEvery == nil {
                    log.error("drill.every", at: fields["drill_every"]!.location, "'\(text)' is not an interval (90d, 2w, 6mo, 1y)")
                }
            }
        }
    }

    /// Keys collections from Hugo and MkDocs carry: `weight` orders a section, `aliases`
    /// are old addresses that redirect here, `draft: true` keeps the page out of client builds.
    private static func readCollectionKeys(_ fields: YAMLMapping, into page: inout Page, log: DiagnosticLog) {
        if let text = fields.string("weight", log: log) {
            if let weight = Int(text.trimmingWhitespace) { page.weight = weight }
            else { log.warning("page.weight", at: fields["weight"]!.location, "weight '\(text)' is not a whole number; it is ignored") }
        }
        page.aliases = fields.strings("aliases", log: log).map { (path: $0.text, location: $0.location) }
        if let text = fields.string("draft", log: log) {
            switch text.lowercased() {
            case "true", "yes":
                page.draft = true
                log.warning(
                    "page.draft", at: fields["draft"]!.location, "draft page: it is left out of client builds (internal builds show it)")
            case "false", "no": break
            default: log.warning("page.draft", at: fields["draft"]!.location, "draft must be true or false; '\(text)' is ignored")
            }
        }
    }

    private static func readDrills(_ fields: YAMLMapping, log: DiagnosticLog) -> [Drill] {
        fields.list("drills", log: log).compactMap { entry in
            guard let drill = entry.mapping else {
                log.error("yaml.type", at: entry.location, "each drill should be a mapping with date, result and notes")
                return nil
            }
            drill.reportUnknownKeys(allowed: ["date", "result", "notes"], what: "a drill", log: log)
            guard let day = drill.day("date", log: log) else {
                if drill["date"] == nil { log.error("drill.date", at: drill.location, "drill has no 'date'") }
                return nil
            }
            let result = drill.string("result", log: log) ?? ""
            if let words = vocabularies["drill.result"], !result.isEmpty, !words.contains(result) {
                log.warning("value.unknown", at: drill["result"]!.location,
                            "'\(result)' is not a known drill result (\(words.joined(separator: ", ")))",
                            suggestion: Suggestion.closest(to: result, in: words))
            }
            return Drill(date: day, result: result, notes: drill.string("notes", log: log) ?? "")
        }.sorted { $0.date < $1.date }
    }

    /// Collections brought from Hugo keep their shortcodes; they build, as visible text.
    private static func reportShortcodes(in body: String, page: Page, log: DiagnosticLog) {
        guard body.fastContains("{{<") || body.fastContains("{{%") else { return }
        var inFence = false
        for (index, line) in body.parts(separatedBy: UInt8(ascii: "\n"), omittingEmpty: false).enumerated() {
            if line.trimmingWhitespace.hasPrefix("```") { inFence.toggle() }
            guard !inFence, let range = line.range(of: "{{<") ?? line.range(of: "{{%") else { continue }
            let column = line[..<range.lowerBound].unicodeScalars.count + 1
            log.warning("hugo.shortcode", at: SourceLocation(file: page.file, line: page.bodyLineOffset + index + 1, column: column),
                        "Hugo shortcodes are not supported; it is shown as text")
        }
    }
}

/// The `audience` key wherever it may appear.
enum AudienceKey {
    static func read(_ fields: YAMLMapping, key: String = "audience", log: DiagnosticLog) -> (Audience?, SourceLocation?) {
        guard let text = fields.string(key, log: log) else { return (nil, nil) }
        guard let audience = Audience(rawValue: text) else {
            log.error("audience.unknown", at: fields[key]!.location, "audience must be public, client or internal",
                      suggestion: Suggestion.closest(to: text, in: Audience.allCases.map(\.rawValue)))
            return (.internal, fields[key]!.location)
        }
        return (audience, fields[key]!.location)
    }
}
