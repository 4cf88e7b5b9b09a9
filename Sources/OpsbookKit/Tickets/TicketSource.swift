/// `content/tickets/NAME.yaml`: how to read one export file into tickets.
struct TicketSource {
    enum Format: String { case flat, events }

    var file: String            // the yaml
    var location: SourceLocation
    var export: String = ""      // path of the export, relative to the yaml
    var exportLocation: SourceLocation
    var format: Format = .flat
    var encoding: TextDecoding.Encoding = .auto
    var delimiter: UInt8?
    /// The worksheet of an .xlsx export; default the first.
    var sheet: String?
    var columns: [String: (column: String, location: SourceLocation)] = [:]
    var values: [String: [String: String]] = [:]
    var defaults: [String: String] = [:]
    var dateFormats: [String] = []
    var timezone: String
    var missing: Set<String> = [""]
    /// Source state → Opsbook state (new, open, pending, resolved, closed).
    var states: [String: String] = [:]
    var skipBadRows = false
    var audience: Audience?
    var fieldAudience: [String: Audience] = [:]

    static let keys = ["file", "format", "encoding", "delimiter", "sheet", "columns", "values", "defaults", "date_formats",
                       "timezone", "missing", "states", "on_error", "audience", "field_audience"]
    /// Fields that name or describe people: internal unless `field_audience` marks them client.
    static let personalFields = ["assignee"]
    static let stateNames = ["new", "open", "pending", "resolved", "closed"]

    static func load(text: String, file: String, siteTimezone: String, log: DiagnosticLog) -> TicketSource? {
        guard let fields = YAMLValue.parseMapping(text, file: file, shapeID: "tickets.shape", shape: "a ticket source should be a mapping (file, format, columns, …)",
                                                  keys: keys, what: "a ticket source", log: log) else { return nil }
        var source = TicketSource(file: file, location: fields.location, exportLocation: fields.location, timezone: siteTimezone)
        guard let export = fields.string("file", log: log) else {
            log.error("tickets.file", at: fields.location, "ticket source has no 'file'")
            return nil
        }
        source.export = export
        source.exportLocation = fields["file"]!.location
        if let format = fields.string("format", log: log) {
            guard let known = Format(rawValue: format) else {
                log.error("tickets.format", at: fields["format"]!.location, "format must be 'flat' or 'events'",
                          suggestion: Suggestion.closest(to: format, in: ["flat", "events"]))
                return nil
            }
            source.format = known
        }
        if let encoding = fields.string("encoding", log: log) {
            guard let known = TextDecoding.Encoding(rawValue: encoding.lowercased()) else {
                log.error("tickets.encoding", at: fields["encoding"]!.location, "encoding must be auto, utf-8, gb18030 or utf-16")
                return nil
            }
            source.encoding = known
        }
        if let delimiter = fields.string("delimiter", log: log) {
            let normalized = delimiter == "\\t" || delimiter == "tab" ? "\t" : delimiter
            guard normalized.utf8.count == 1 else {
                log.error("tickets.delimiter", at: fields["delimiter"]!.location, "delimiter must be one character (',', ';' or tab)")
                return nil
            }
            source.delimiter = normalized.utf8.first
        }
        source.sheet = fields.string("sheet", log: log)
        if let sheet = fields["sheet"], !export.lowercased().hasSuffix(".xlsx") {
            log.warning("tickets.sheet", at: sheet.location, "'sheet' applies to .xlsx files only")
        }
        if let columns = fields["columns"]?.mapping {
            for (key, value) in columns.pairs {
                guard let field = key.scalar else { continue }
                guard TicketFieldNames.all.contains(field) else {
                    log.error("tickets.field", at: key.location, "unknown ticket field '\(field)'",
                              suggestion: Suggestion.closest(to: field, in: TicketFieldNames.all))
                    continue
                }
                guard let column = value.scalar else {
                    log.error("yaml.type", at: value.location, "column of '\(field)' should be a column name")
                    continue
                }
                source.columns[field] = (column, value.location)
            }
        } else {
            log.error("tickets.columns", at: fields["columns"]?.location ?? fields.location, "ticket source needs a 'columns' mapping")
            return nil
        }
        for required in ["id", "opened_at"] + (source.format == .events ? ["updated_at", "status"] : []) where source.columns[required] == nil {
            log.error("tickets.columns", at: fields["columns"]!.location, "'columns' must map '\(required)'")
        }
        if let values = fields["values"]?.mapping {
            for (key, value) in values.pairs {
                guard let field = key.scalar, let table = value.mapping else { continue }
                source.values[field] = Dictionary(table.pairs.compactMap { pair in
                    guard let from = pair.key.scalar, let to = pair.value.scalar else { return nil }
                    return (from, to)
                }, uniquingKeysWith: { first, _ in first })
            }
        }
        if let defaults = fields["defaults"]?.mapping {
            for (key, value) in defaults.pairs {
                guard let field = key.scalar, let text = value.scalar else { continue }
                source.defaults[field] = text
            }
        }
        source.dateFormats = fields.strings("date_formats", log: log).map(\.text)
        if let zone = fields.string("timezone", log: log) {
            if TimeZoneCheck.isKnown(zone) { source.timezone = zone }
            else { log.error("site.timezone", at: fields["timezone"]!.location, "unknown time zone '\(zone)'") }
        }
        if fields["missing"] != nil {
            source.missing = Set(fields["missing"]!.sequence?.map { $0.scalar ?? "" } ?? fields.strings("missing", log: log).map(\.text))
        }
        if let states = fields["states"] {
            guard let mapping = states.mapping else {
                log.error("yaml.type", at: states.location, "'states' maps Opsbook states to lists of source states")
                return nil
            }
            for (key, value) in mapping.pairs {
                guard let state = key.scalar else { continue }
                guard stateNames.contains(state) else {
                    log.error("tickets.state", at: key.location, "unknown state '\(state)' (new, open, pending, resolved, closed)",
                              suggestion: Suggestion.closest(to: state, in: stateNames))
                    continue
                }
                let names = value.sequence?.compactMap(\.scalar) ?? value.scalar.map { [$0] } ?? []
                for name in names { source.states[name] = state }
            }
        } else if source.format == .events {
            log.error("tickets.states", at: fields.location, "an events source needs 'states' (new, open, pending, resolved, closed → source states)")
        }
        source.audience = AudienceKey.read(fields, log: log).0
        if let levels = fields["field_audience"]?.mapping {
            for (key, _) in levels.pairs {
                guard let field = key.scalar else { continue }
                source.fieldAudience[field] = AudienceKey.read(levels, key: field, log: log).0
            }
        }
        if let onError = fields.string("on_error", log: log) {
            guard onError == "skip" || onError == "fail" else {
                log.error("tickets.on_error", at: fields["on_error"]!.location, "on_error must be 'fail' or 'skip'")
                return nil
            }
            source.skipBadRows = onError == "skip"
        }
        return source
    }
}

enum TimeZoneCheck {
    static func isKnown(_ identifier: String) -> Bool { LocalTime(identifier).zone.identifier == identifier || identifier == "UTC" }
}
