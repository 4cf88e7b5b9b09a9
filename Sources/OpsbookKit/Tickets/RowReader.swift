/// The source's mapping resolved once per export — each field's columns, value mapping and
/// default, and the row filters — so reading a row looks nothing up by field name.
final class FieldPlan: Sendable {
    typealias Field = TicketField

    struct Column { var positions: [Int]; var mapping: [String: String]?; var fallback: String?; var firstOf = false }
    struct Filter { var position: Int; var values: Set<String>; var present: Bool }

    let columns: [Column]
    let exclude: [Filter], include: [Filter]
    let missing: Set<String>
    /// Values longer than every `missing` marker need no set lookup.
    let longestMissing: Int
    /// JSON Lines cells may hold several values (a path through an array).
    let multiValued: Bool
    let source: TicketSource
    let file: String, exportFile: String
    let parser: TimestampParser
    let knownSystems: Set<String>, knownAssets: Set<String>

    /// One plan per chunk of rows, with its own copies of everything a row takes a
    /// reference to (see parallelRanges).
    init(_ source: TicketSource, index: [String: [Int]], filters: (exclude: [Filter], include: [Filter]), multiValued: Bool,
         exportFile: String, knownSystems: Set<String>, knownAssets: Set<String>) {
        func copy(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }
        columns = Field.allCases.map { field in
            let mapping = source.values[field.name].map { Dictionary(uniqueKeysWithValues: $0.map { ($0.key, copy($0.value)) }) }
            return Column(positions: index[field.name] ?? [], mapping: mapping,
                          fallback: source.defaults[field.name].map { copy(mapping?[$0] ?? $0) },
                          firstOf: source.columns[field.name]?.firstOf ?? false)
        }
        exclude = filters.exclude
        include = filters.include
        missing = Set(source.missing.map(copy))
        longestMissing = source.missing.map(\.utf8.count).max() ?? 0
        self.multiValued = multiValued
        self.source = source
        file = copy(source.file)
        self.exportFile = copy(exportFile)
        parser = TimestampParser(patterns: source.dateFormats, time: LocalTime(source.timezone))
        self.knownSystems = Set(knownSystems.map(copy))
        self.knownAssets = Set(knownAssets.map(copy))
    }

    func isMissing(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count <= longestMissing && missing.contains(String(decoding: bytes, as: UTF8.self))
    }
}

/// A field's value: bytes of the row, read in place, or the text a join, mapping or default gave.
enum FieldValue {
    case bytes(UnsafeBufferPointer<UInt8>)
    case text(String)

    var isEmpty: Bool {
        switch self {
        case let .bytes(bytes): bytes.isEmpty
        case let .text(text): text.isEmpty
        }
    }

    var string: String {
        switch self {
        case let .bytes(bytes): String(decoding: bytes, as: UTF8.self)
        case let .text(text): text
        }
    }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch self {
        case let .bytes(bytes): return body(bytes)
        case .text(var text): return text.withUTF8(body)
        }
    }

    /// The word of `words` this value spells, so a million tickets share a few strings.
    func word(in words: [String]) -> String? {
        withBytes { bytes in words.first { word in word.utf8.elementsEqual(bytes) } }
    }
}

/// A problem of one row: `kind` groups rows failing the same way (so a broken export prints
/// the first few of each kind, not every row), `field` points the column.
struct RowProblem {
    var kind: String
    var message: String
    var field: FieldPlan.Field?
}

/// One row's fields through the source's mapping, collecting every problem of the row.
struct RowReader {
    let plan: FieldPlan
    let fields: RowFields
    var problems: [RowProblem] = []

    /// The cell of a field: one column, the first non-empty of several (`first_of`), or
    /// several joined with `-` (empty parts left out).
    func cell(_ field: FieldPlan.Field) -> FieldValue? {
        let positions = plan.columns[field.rawValue].positions
        if plan.columns[field.rawValue].firstOf {
            for position in positions where position < fields.count {
                let bytes = fields[position].trimmingASCIIBlanks
                if !bytes.isEmpty && !plan.isMissing(bytes) { return .bytes(bytes) }
            }
            return nil
        }
        if positions.count == 1 {
            guard positions[0] < fields.count else { return nil }
            return .bytes(fields[positions[0]].trimmingASCIIBlanks)
        }
        guard !positions.isEmpty else { return nil }
        let parts = positions.compactMap { position -> String? in
            guard position < fields.count else { return nil }
            let bytes = fields[position].trimmingASCIIBlanks
            return bytes.isEmpty || plan.isMissing(bytes) ? nil : String(decoding: bytes, as: UTF8.self)
        }
        return .text(parts.joined(separator: "-"))
    }

    /// The values of a cell that holds several (JSON Lines through an array), missing ones left out.
    func elements(_ value: FieldValue) -> [String] {
        value.string.split(separator: Character(Unicode.Scalar(TableReader.valueSeparator)), omittingEmptySubsequences: true)
            .map { $0.trimmingWhitespace }.filter { !$0.isEmpty && !plan.missing.contains($0) }
    }

    func raw(_ field: FieldPlan.Field) -> FieldValue? {
        let column = plan.columns[field.rawValue]
        if let value = cell(field) {
            if plan.multiValued, value.withBytes({ $0.contains(TableReader.valueSeparator) }) {
                // A single-valued field takes the first element its `values` map knows; with a
                // `values` map and no element it knows, the default; with no map, the first element.
                let all = elements(value)
                if let mapping = column.mapping {
                    if let known = all.lazy.compactMap({ mapping[$0] }).first { return .text(known) }
                    if let fallback = column.fallback { return .text(fallback) }
                }
                if let first = all.first { return .text(first) }
            } else if !value.withBytes(plan.isMissing) {
                if let mapping = column.mapping, let mapped = mapping[value.string] { return .text(mapped) }
                return value
            }
        }
        return column.fallback.map(FieldValue.text)
    }

    /// Text as the site shows it: control characters (a NUL from a broken export) become U+FFFD.
    func text(_ field: FieldPlan.Field) -> String {
        guard let value = raw(field) else { return "" }
        let clean = value.withBytes { bytes in !bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D } }
        if clean { return value.string }
        return String(
            value.string.unicodeScalars.map { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" ? "\u{FFFD}" : Character($0) })
    }

    mutating func problem(_ kind: String, _ field: FieldPlan.Field?, _ message: String) {
        problems.append(RowProblem(kind: kind, message: message, field: field))
    }

    mutating func time(_ field: FieldPlan.Field) -> Int? {
        guard let value = raw(field), !value.isEmpty else { return nil }
        guard let instant = value.withBytes({ plan.parser.parse(bytes: $0) }) else {
            let column = plan.source.columns[field.name]?.display ?? field.name
            problem("date.\(field.name)", field, "unparseable date '\(value.string)' in column '\(column)'")
            return nil
        }
        return instant
    }

    mutating func vocabulary(_ field: FieldPlan.Field, _ words: [String]) -> String {
        guard let value = raw(field), !value.isEmpty else {
            problem("missing.\(field.name)", field, "no \(field.name) (map the column or set a default)")
            return ""
        }
        guard let word = value.word(in: words) else {
            problem("unknown.\(field.name)", field, "unknown \(field.name) '\(value.string)' with no mapping in 'values'")
            return value.string
        }
        return word
    }

    /// Whether the row passes `exclude:` and `include:`.
    func isSelected() -> Bool {
        func matches(_ filter: FieldPlan.Filter) -> Bool {
            guard filter.position < fields.count else { return false }
            let bytes = fields[filter.position].trimmingASCIIBlanks
            if filter.present { return !bytes.isEmpty && !plan.isMissing(bytes) }
            let text = String(decoding: bytes, as: UTF8.self)
            if plan.multiValued, bytes.contains(TableReader.valueSeparator) {
                return elements(.text(text)).contains(where: filter.values.contains)
            }
            return filter.values.contains(text)
        }
        if plan.exclude.contains(where: matches) { return false }
        return plan.include.isEmpty || plan.include.contains(where: matches)
    }
}

extension RowReader {
    /// The ticket of this row, with its updated_at and state for an event log; nil when the
    /// row has no id. Every problem found is in `problems`.
    mutating func read() -> (ticket: Ticket, updatedAt: Int?, state: String?)? {
        let source = plan.source
        guard let id = raw(.id), !id.isEmpty else { problem("missing.id", .id, "no ticket id"); return nil }
        // A flat export's updated_at is read too: it is one of the times that say when the data was taken.
        let updated = time(.updatedAt)
        if source.format == .events, updated == nil && !problems.contains(where: { $0.field == .updatedAt }) {
            problem("missing.updated_at", .updatedAt, "no updated_at")
        }
        // An event log without an opened column opens the ticket at its first event (see fold).
        let openedMapped = !plan.columns[FieldPlan.Field.openedAt.rawValue].positions.isEmpty
        let opened = openedMapped ? time(.openedAt) : updated
        if opened == nil && openedMapped && !problems.contains(where: { $0.field == .openedAt }) {
            problem("missing.opened_at", .openedAt, "no opened_at")
        }
        var ticket = Ticket(id: id.string, openedAt: opened ?? 0, location: SourceLocation(file: "", line: 0, column: 0), source: plan.file)
        ticket.title = text(.title)
        ticket.type = vocabulary(.type, Ticket.types)
        ticket.priority = vocabulary(.priority, Ticket.priorities)
        if let tier = raw(.tier), !tier.isEmpty {
            if let word = tier.word(in: Ticket.tiers) { ticket.tier = word }
            else { problem("unknown.tier", .tier, "unknown tier '\(tier.string)' with no mapping in 'values'") }
        }
        ticket.status = text(.status)
        ticket.category = text(.category)
        ticket.group = text(.group)
        ticket.assignee = text(.assignee)
        ticket.channel = text(.channel)
        if let tags = cell(.tags) {
            let mapping = plan.columns[FieldPlan.Field.tags.rawValue].mapping
            ticket.tags = (plan.multiValued ? elements(tags) : [tags.string]).filter { !$0.isEmpty && !plan.missing.contains($0) }
                .map { mapping?[$0] ?? $0 }
        }
        readReferences(into: &ticket)
        ticket.firstResponseAt = time(.firstResponseAt)
        ticket.onsiteArrivedAt = time(.onsiteArrivedAt)
        ticket.resolvedAt = time(.resolvedAt)
        ticket.closedAt = time(.closedAt)
        // A reopen time says the ticket came back at least once; a mapped count says how often.
        if time(.reopenedAt) != nil { ticket.reopenCount = 1 }
        ticket.followedUpAt = time(.followedUpAt)
        ticket.outageStart = time(.outageStart)
        ticket.outageEnd = time(.outageEnd)
        // A clock that stops before it starts would count as met in no time.
        if let opened, openedMapped {
            for (field, stop) in [(FieldPlan.Field.firstResponseAt, ticket.firstResponseAt), (.onsiteArrivedAt, ticket.onsiteArrivedAt),
                                  (.resolvedAt, ticket.resolvedAt), (.closedAt, ticket.closedAt)] {
                if let stop, stop < opened {
                    problem("order.\(field.name)", field, "\(field.name) '\(text(field))' is before opened_at '\(text(.openedAt))'")
                }
            }
        }
        readNumbers(into: &ticket)
        var state: String?
        if source.format == .events {
            let sourceState = cell(.status)?.string ?? ""
            if let mapped = source.states[sourceState] { state = mapped }
            else { problem("unknown.state", .status, "state '\(sourceState)' is in no list of 'states'") }
        }
        return (ticket, updated, state)
    }

    private mutating func readReferences(into ticket: inout Ticket) {
        if let system = raw(.system)?.string, !system.isEmpty {
            if plan.knownSystems.contains(system) { ticket.system = system }
            else {
                problem("unknown.system", .system, "system '\(system)' is not a system of the knowledge base"
                    + (Suggestion.closest(to: system, in: plan.knownSystems).map { "; did you mean '\($0)'?" } ?? ""))
            }
        }
        if let asset = raw(.asset)?.string, !asset.isEmpty {
            if plan.knownAssets.contains(asset) { ticket.asset = asset }
            else {
                problem("unknown.asset", .asset, "asset '\(asset)' is not an inventory item"
                    + (Suggestion.closest(to: asset, in: plan.knownAssets).map { "; did you mean '\($0)'?" } ?? ""))
            }
        }
    }

    private mutating func readNumbers(into ticket: inout Ticket) {
        if let flag = raw(.onsiteRequired)?.string, !flag.isEmpty {
            switch flag.lowercased() {
            case "true", "yes", "y", "1", "是": ticket.onsiteRequired = true
            case "false", "no", "n", "0", "否": ticket.onsiteRequired = false
            default: problem("value.onsite_required", .onsiteRequired, "onsite_required '\(flag)' is not yes/no")
            }
        }
        if let flag = raw(.outage)?.string, !flag.isEmpty {
            switch flag.lowercased() {
            case "true", "yes", "y", "1", "是": ticket.outage = true
            case "false", "no", "n", "0", "否": ticket.outage = false
            default: problem("value.outage", .outage, "outage '\(flag)' is not yes/no (map an impact column's values to true / false)")
            }
        }
        if let score = raw(.satisfaction)?.string, !score.isEmpty {
            if let value = Double(score), value.isFinite, (0...100).contains(value) { ticket.satisfaction = value }
            else { problem("value.satisfaction", .satisfaction, "satisfaction '\(score)' is not a score (a number from 0 to 100)") }
        }
        if let count = raw(.reopenCount)?.string, !count.isEmpty {
            if let value = Int(count), value >= 0 { ticket.reopenCount = max(value, ticket.reopenCount) }
            else { problem("value.reopen_count", .reopenCount, "reopen_count '\(count)' is not a whole number") }
        }
    }
}
