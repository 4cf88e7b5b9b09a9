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
    /// Field → the export column(s) it reads: several columns are joined with `-`; a name may
    /// be a dotted path into JSON Lines objects, or `Name#2` for the second column of that name.
    var columns: [String: ColumnRef] = [:]
    /// Where `columns:` is, for errors about the mapping as a whole.
    var columnsLocation: SourceLocation?
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
    /// When the export was taken (`extracted_at:`); the default as-of is never before it.
    var extractedAt: Int?
    var extractedAtLocation: SourceLocation?
    /// Rows left out (`exclude:`) or kept (`include:`) by a column's value.
    var exclude: [RowFilter] = []
    var include: [RowFilter] = []

    struct ColumnRef {
        var names: [String]
        var location: SourceLocation
        /// `{first_of: [A, B]}`: the first of the columns with a value, not all of them joined.
        var firstOf = false
        var display: String { names.joined(separator: firstOf ? " | " : " + ") }
    }

    /// A column (or path) and the values that select a row; `present` selects any non-empty value.
    struct RowFilter {
        var column: String
        var values: Set<String>
        var present: Bool
        var location: SourceLocation
    }

    static let keys = ["file", "format", "encoding", "delimiter", "sheet", "columns", "values", "defaults", "date_formats",
                       "timezone", "missing", "states", "on_error", "audience", "field_audience", "extracted_at", "exclude", "include"]
    /// Fields that name or describe people: internal unless `field_audience` marks them client.
    static let personalFields = ["assignee"]
    static let stateNames = ["new", "open", "pending", "resolved", "closed"]

    /// The source a `tickets/*.yaml` describes, or nil after an error that leaves no row readable.
    static func load(text: String, file: String, siteTimezone: String, log: DiagnosticLog) -> TicketSource? {
        guard
            let fields = YAMLValue.parseMapping(
                text, file: file, shapeID: "tickets.shape", shape: "a ticket source should be a mapping (file, format, columns, …)",
                keys: keys, what: "a ticket source", log: log)
        else { return nil }
        var source = TicketSource(file: file, location: fields.location, exportLocation: fields.location, timezone: siteTimezone)
        guard let export = fields.string("file", log: log) else {
            log.error("tickets.file", at: fields.location, "ticket source has no 'file'")
            return nil
        }
        source.export = export
        source.exportLocation = fields.location(of: "file")
        guard source.readFileShape(fields, log: log), source.readColumns(fields, log: log) else { return nil }
        source.readValues(fields, log: log)
        guard source.readStates(fields, log: log), source.readScope(fields, log: log) else { return nil }
        return source
    }
}

/// The steps of `load`, one group of keys each; a step returns false after an error that stops the source.
extension TicketSource {
    /// `format`, `encoding`, `delimiter` and `sheet`: how the export file is cut into rows.
    private mutating func readFileShape(_ fields: YAMLMapping, log: DiagnosticLog) -> Bool {
        if let format = fields.string("format", log: log) {
            guard let known = Format(rawValue: format) else {
                log.error("tickets.format", at: fields.location(of: "format"), "format must be 'flat' or 'events'",
                          suggestion: Suggestion.closest(to: format, in: ["flat", "events"]))
                return false
            }
            self.format = known
        }
        if let encoding = fields.string("encoding", log: log) {
            guard let known = TextDecoding.Encoding(rawValue: encoding.lowercased()) else {
                log.error("tickets.encoding", at: fields.location(of: "encoding"), "encoding must be auto, utf-8, gb18030 or utf-16")
                return false
            }
            self.encoding = known
        }
        if let delimiter = fields.string("delimiter", log: log) {
            let normalized = delimiter == "\\t" || delimiter == "tab" ? "\t" : delimiter
            guard normalized.utf8.count == 1 else {
                log.error("tickets.delimiter", at: fields.location(of: "delimiter"), "delimiter must be one character (',', ';' or tab)")
                return false
            }
            self.delimiter = normalized.utf8.first
        }
        sheet = fields.string("sheet", log: log)
        if let sheet = fields["sheet"], !export.lowercased().hasSuffix(".xlsx") {
            log.warning("tickets.sheet", at: sheet.location, "'sheet' applies to .xlsx files only")
        }
        return true
    }

    /// `columns`: field → export column(s); the fields no row can be read without must be there.
    private mutating func readColumns(_ fields: YAMLMapping, log: DiagnosticLog) -> Bool {
        guard let columns = fields["columns"]?.mapping else {
            log.error("tickets.columns", at: fields["columns"]?.location ?? fields.location, "ticket source needs a 'columns' mapping")
            return false
        }
        columnsLocation = fields.keyLocation("columns")
        for (key, value) in columns.pairs {
            guard let field = key.scalar else { continue }
            guard TicketField.allNames.contains(field) else {
                log.error("tickets.field", at: key.location, "unknown ticket field '\(field)'",
                          suggestion: Suggestion.closest(to: field, in: TicketField.allNames))
                continue
            }
            let firstOf = value.mapping?.pairs.count == 1 ? value.mapping?["first_of"] : nil
            let list = firstOf ?? value
            let names = list.scalar.map { [$0] } ?? list.sequence?.compactMap(\.scalar) ?? []
            guard !names.isEmpty, names.count == (list.sequence?.count ?? 1), value.mapping == nil || firstOf != nil else {
                log.error("yaml.type", at: value.location, "column of '\(field)' should be a column name, a list of column names "
                    + "(joined with '-'), or {first_of: [columns]} (the first with a value)")
                continue
            }
            self.columns[field] = ColumnRef(names: names, location: value.location, firstOf: firstOf != nil)
        }
        // An event log without an opened column opens each ticket at its first event.
        let required = format == .events ? ["id", "updated_at", "status"] : ["id", "opened_at"]
        let unmapped = required.filter { self.columns[$0] == nil }
        guard unmapped.isEmpty else {
            // One error at the mapping, before any row: every row would fail the same way.
            log.error("tickets.columns", at: fields.keyLocation("columns") ?? fields.location,
                      "'columns' must map \(unmapped.map { "'\($0)'" }.joined(separator: " and ")) (no row can be read without it)")
            return false
        }
        return true
    }

    /// Type and priority decide every ticket's SLA: without a column or a default for one, every
    /// row would fail the same way. One error at the mapping instead (the importer reports it
    /// beside the header's problems, before any row is read).
    func reportUnmappedVocabulary(log: DiagnosticLog) -> Bool {
        let unmapped = [TicketField.type, .priority].map(\.name).filter { columns[$0] == nil && defaults[$0] == nil }
        guard !unmapped.isEmpty else { return true }
        let names = unmapped.map { "'\($0)'" }.joined(separator: " and ")
        log.error("tickets.columns", at: columnsLocation ?? location,
                  "'columns' must map \(names), or 'defaults' give \(unmapped.count == 1 ? "it" : "them") "
                      + "(every ticket needs a type and a priority)")
        return false
    }

    /// `values`, `defaults`, `date_formats`, `timezone` and `missing`: how a cell's text becomes a value.
    private mutating func readValues(_ fields: YAMLMapping, log: DiagnosticLog) {
        for (key, value) in fields["values"]?.mapping?.pairs ?? [] {
            guard let field = key.scalar, let table = value.mapping else { continue }
            values[field] = Dictionary(table.pairs.compactMap { pair in
                guard let from = pair.key.scalar, let to = pair.value.scalar else { return nil }
                return (from, to)
            }, uniquingKeysWith: { first, _ in first })
        }
        for (key, value) in fields["defaults"]?.mapping?.pairs ?? [] {
            guard let field = key.scalar, let text = value.scalar else { continue }
            defaults[field] = text
        }
        dateFormats = fields.strings("date_formats", log: log).map(\.text)
        if let zone = fields.string("timezone", log: log) {
            if TimeZoneCheck.isKnown(zone) { timezone = zone }
            else { log.error("site.timezone", at: fields.location(of: "timezone"), "unknown time zone '\(zone)'") }
        }
        if let missing = fields["missing"] {
            self.missing = Set(missing.sequence?.map { $0.scalar ?? "" } ?? fields.strings("missing", log: log).map(\.text))
        }
    }

    /// `states`: Opsbook state → the source's states (an events source cannot do without).
    private mutating func readStates(_ fields: YAMLMapping, log: DiagnosticLog) -> Bool {
        guard let states = fields["states"] else {
            if format == .events {
                log.error(
                    "tickets.states", at: fields.location,
                    "an events source needs 'states' (new, open, pending, resolved, closed → source states)")
            }
            return true
        }
        guard let mapping = states.mapping else {
            log.error("yaml.type", at: states.location, "'states' maps Opsbook states to lists of source states")
            return false
        }
        for (key, value) in mapping.pairs {
            guard let state = key.scalar else { continue }
            guard Self.stateNames.contains(state) else {
                log.error("tickets.state", at: key.location, "unknown state '\(state)' (new, open, pending, resolved, closed)",
                          suggestion: Suggestion.closest(to: state, in: Self.stateNames))
                continue
            }
            let names = value.sequence?.compactMap(\.scalar) ?? value.scalar.map { [$0] } ?? []
            for name in names { self.states[name] = state }
        }
        return true
    }

    /// `audience`, `field_audience`, `extracted_at`, `exclude`, `include` and `on_error`: which rows and fields count.
    private mutating func readScope(_ fields: YAMLMapping, log: DiagnosticLog) -> Bool {
        audience = AudienceKey.read(fields, log: log).0
        if let levels = fields["field_audience"]?.mapping {
            for field in levels.keys { fieldAudience[field] = AudienceKey.read(levels, key: field, log: log).0 }
        }
        if let extracted = fields.string("extracted_at", log: log) {
            guard let instant = TimestampParser(patterns: [], time: LocalTime(timezone)).parse(extracted[...]) else {
                log.error("tickets.extracted_at", at: fields.location(of: "extracted_at"),
                          "extracted_at '\(extracted)' is not an ISO 8601 date or date-time")
                return false
            }
            extractedAt = instant
            extractedAtLocation = fields.location(of: "extracted_at")
        }
        exclude = Self.rowFilters(fields["exclude"], key: "exclude", log: log)
        include = Self.rowFilters(fields["include"], key: "include", log: log)
        if let onError = fields.string("on_error", log: log) {
            guard onError == "skip" || onError == "fail" else {
                log.error("tickets.on_error", at: fields.location(of: "on_error"), "on_error must be 'fail' or 'skip'")
                return false
            }
            skipBadRows = onError == "skip"
        }
        return true
    }
}

extension TicketSource {
    /// `exclude:` / `include:`: column (or path) → a value, a list of values, or `present`.
    static func rowFilters(_ value: YAMLValue?, key: String, log: DiagnosticLog) -> [RowFilter] {
        guard let value else { return [] }
        guard let mapping = value.mapping else {
            log.error("yaml.type", at: value.location, "'\(key)' maps a column to a list of values, or to 'present'")
            return []
        }
        return mapping.pairs.compactMap { pair in
            guard let column = pair.key.scalar else { return nil }
            let values = pair.value.sequence?.compactMap(\.scalar) ?? pair.value.scalar.map { [$0] } ?? []
            if values.isEmpty {
                log.error("yaml.type", at: pair.value.location, "'\(key)' of '\(column)' needs a value, a list of values, or 'present'")
                return nil
            }
            let present = pair.value.sequence == nil && values == ["present"]
            return RowFilter(column: column, values: present ? [] : Set(values), present: present, location: pair.key.location)
        }
    }

    /// The fields whose values this export provides: mapped, defaulted, or (for an event
    /// log) read from the sequence of states.
    var providedFields: Set<String> {
        var fields = Set(columns.keys).union(defaults.keys)
        if format == .events {
            fields.formUnion([TicketField.openedAt, .firstResponseAt, .resolvedAt, .closedAt, .reopenCount].map(\.name))
        }
        // A ticket closed without a resolved time was resolved when it closed (TicketClocks).
        if fields.contains(TicketField.closedAt.name) { fields.insert(TicketField.resolvedAt.name) }
        // A reopen time counts a reopen as well as a count does.
        if fields.contains(TicketField.reopenedAt.name) { fields.insert(TicketField.reopenCount.name) }
        return fields
    }
}

enum TimeZoneCheck {
    static func isKnown(_ identifier: String) -> Bool { LocalTime(identifier).zone.identifier == identifier || identifier == "UTC" }
}
