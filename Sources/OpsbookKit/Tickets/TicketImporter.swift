import Foundation

/// The tickets of one source, and how many rows were skipped under `on_error: skip`.
public struct TicketImport: Sendable {
    public var source: String
    public var audience: Audience? = nil
    /// Field → audience; personal fields (assignee) default to internal.
    public var fieldAudience: [String: Audience] = [:]
    public var tickets: [Ticket]
    public var rows: Int
    public var skippedRows: Int
}

/// Reads an export as its source says: decode, split into rows, map columns and values,
/// parse timestamps, and for event logs fold each ticket's rows into one ticket with its
/// final state, first response and pending pauses. Every bad row is a diagnostic at its
/// line; none is dropped silently.
enum TicketImporter {
    static func run(_ source: TicketSource, knownSystems: Set<String>, knownAssets: Set<String>, parallel: Bool = true,
                    log: DiagnosticLog) -> TicketImport {
        var result = TicketImport(source: source.file, audience: source.audience, fieldAudience: source.fieldAudience,
                                  tickets: [], rows: 0, skippedRows: 0)
        let url = source.export.hasPrefix("/") ? URL(fileURLWithPath: source.export)
            : URL(fileURLWithPath: source.file).deletingLastPathComponent().appending(path: source.export)
        guard let data = try? Data(contentsOf: url) else {
            log.error("tickets.file", at: source.exportLocation, "export file '\(source.export)' cannot be read")
            return result
        }
        let lowered = source.export.lowercased()
        let exportFile = url.path
        var table: Table
        if lowered.hasSuffix(".xlsx") {
            do { table = try XLSXReader.read(data, sheet: source.sheet) } catch {
                log.error("tickets.file", at: source.exportLocation, "export '\(source.export)': \(error)")
                return result
            }
        } else {
            guard let parsed = readText(data, source: source, exportFile: exportFile, result: &result, log: log) else { return result }
            table = parsed
        }
        _ = consume data  // a million rows are a hundred megabytes of text: not kept while mapping
        return map(consume table, source: source, exportFile: exportFile, knownSystems: knownSystems, knownAssets: knownAssets, result: result,
                   parallel: parallel, log: log)
    }

    private static func readText(_ data: Data, source: TicketSource, exportFile: String, result: inout TicketImport, log: DiagnosticLog) -> Table? {
        let lowered = source.export.lowercased()
        guard let text = TextDecoding.decode(data, as: source.encoding) else {
            log.error("tickets.encoding", at: source.exportLocation, "export '\(source.export)' is not valid \(source.encoding == .auto ? "UTF-8, UTF-16 or GB18030" : source.encoding.rawValue)")
            return nil
        }
        if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") {
            let (table, bad) = TableReader.jsonLines(text)
            for line in bad { rowProblem(source, SourceLocation(file: exportFile, line: line, column: 1), "line is not a JSON object", &result, log) }
            return table
        }
        if lowered.hasSuffix(".csv") || lowered.hasSuffix(".tsv") || lowered.hasSuffix(".txt") {
            let delimiter = source.delimiter ?? (lowered.hasSuffix(".tsv") ? 9 : TableReader.detectDelimiter(text))
            return TableReader.delimited(text, delimiter: delimiter)
        }
        log.error("tickets.file", at: source.exportLocation, "unsupported export type '\(source.export)' (read: .csv, .tsv, .jsonl, .xlsx)")
        return nil
    }

    private static func map(_ table: consuming Table, source: TicketSource, exportFile: String, knownSystems: Set<String>, knownAssets: Set<String>,
                            result: TicketImport, parallel: Bool, log: DiagnosticLog) -> TicketImport {
        var result = result

        var index: [String: Int] = [:]
        let header = table.header.map { $0.hasPrefix("\u{FEFF}") ? String($0.dropFirst()) : $0 }
        for (field, mapping) in source.columns {
            if let position = header.firstIndex(of: mapping.column) ?? header.firstIndex(where: { $0.lowercased() == mapping.column.lowercased() }) {
                index[field] = position
            } else {
                log.error("tickets.column", at: mapping.location, "column '\(mapping.column)' is not in the header of \(source.export)",
                          suggestion: Suggestion.closest(to: mapping.column, in: header))
            }
        }
        if index.count < source.columns.count { return result }

        // Rows are split and read independently, in chunks on every core.
        var chunks = parallelRanges(table.count, chunk: 4_096, parallel: parallel) { range -> ChunkRows in
            let plan = FieldPlan(source, index: index, exportFile: exportFile, knownSystems: knownSystems, knownAssets: knownAssets)
            var chunk = ChunkRows()
            chunk.tickets.reserveCapacity(range.count)
            table.forEachRow(in: range) { position, line, fields in
                let location = SourceLocation(file: plan.exportFile, line: line, column: 1)
                var reader = RowReader(plan: plan, fields: fields)
                guard let parsed = reader.read(), reader.problems.isEmpty else {
                    chunk.failures.append(RowFailure(location: location, message: reader.problems.joined(separator: "; ")))
                    return
                }
                var ticket = parsed.ticket
                ticket.location = location
                chunk.tickets.append(ticket)
                if source.format == .events { chunk.events.append((position, parsed.updatedAt, parsed.state)) }
            }
            return chunk
        }
        // A million rows: the text and each chunk are let go as soon as they are read, and
        // tickets are appended a chunk at a time, so no row is held three times.
        let rowCount = table.count
        table.release()
        var rows: [ParsedRow] = []
        var seen: [String: Int] = [:]
        seen.reserveCapacity(source.format == .flat ? rowCount : 0)
        if source.format == .flat { result.tickets.reserveCapacity(rowCount) } else { rows.reserveCapacity(rowCount) }
        for number in chunks.indices {
            let chunk = chunks[number]
            chunks[number] = ChunkRows()
            result.rows += chunk.tickets.count + chunk.failures.count
            var problems = chunk.failures
            if source.format == .events {
                for (ticket, event) in zip(chunk.tickets, chunk.events) {
                    rows.append(ParsedRow(order: event.order, location: ticket.location, ticket: ticket, updatedAt: event.updatedAt, state: event.state))
                }
            } else {
                var duplicates: [Int] = []
                chunk.tickets.withUnsafeBufferPointer { tickets in
                    for (position, ticket) in tickets.enumerated() {
                        if let first = seen[ticket.id] {
                            duplicates.append(position)
                            problems.append(RowFailure(location: ticket.location, message: "duplicate ticket id '\(ticket.id)' (first at line \(first))"))
                        } else {
                            seen[ticket.id] = ticket.location.line
                        }
                    }
                }
                if duplicates.isEmpty { result.tickets.append(contentsOf: chunk.tickets) }
                else {
                    let dropped = Set(duplicates)
                    result.tickets += chunk.tickets.indices.lazy.filter { !dropped.contains($0) }.map { chunk.tickets[$0] }
                }
            }
            // Problems in row order, as a reader of the export meets them.
            for problem in problems.sorted(by: { $0.location.line < $1.location.line }) {
                rowProblem(source, problem.location, problem.message, &result, log)
            }
        }
        if source.format == .events { result.tickets = fold(rows) }
        return result
    }

    /// One chunk of rows: the tickets read, in row order, and the rows that failed.
    private struct ChunkRows {
        var tickets: [Ticket] = []
        /// For event logs, beside each ticket: its row number, updated_at and state.
        var events: [(order: Int, updatedAt: Int?, state: String?)] = []
        var failures: [RowFailure] = []
    }

    private static func rowProblem(_ source: TicketSource, _ location: SourceLocation, _ message: String,
                                   _ result: inout TicketImport, _ log: DiagnosticLog) {
        if source.skipBadRows {
            result.skippedRows += 1
            log.warning("tickets.row", at: location, message + " (row skipped: on_error: skip)")
        } else {
            log.error("tickets.row", at: location, message)
        }
    }

    struct ParsedRow {
        var order: Int
        var location: SourceLocation
        var ticket: Ticket
        var updatedAt: Int?
        var state: String?
    }

    /// The latest row (by updated_at, then file order) gives the ticket's final values; the
    /// sequence of states gives the first response, the pending pauses and resolution.
    static func fold(_ rows: [ParsedRow]) -> [Ticket] {
        var groups: [String: [ParsedRow]] = [:]
        var order: [String] = []
        for row in rows {
            if groups[row.ticket.id] == nil { order.append(row.ticket.id) }
            groups[row.ticket.id, default: []].append(row)
        }
        return order.map { id in
            let events = groups[id]!.sorted { ($0.updatedAt ?? 0, $0.order) < ($1.updatedAt ?? 0, $1.order) }
            var ticket = events.last!.ticket
            ticket.location = events.last!.location
            ticket.status = events.last!.state ?? ticket.status
            if ticket.firstResponseAt == nil {
                ticket.firstResponseAt = events.first { $0.state != "new" }?.updatedAt
            }
            var pauses: [Pause] = []
            for event in events {
                guard let time = event.updatedAt else { continue }
                if event.state == "pending" {
                    if pauses.last.map({ $0.end != nil }) ?? true { pauses.append(Pause(start: time, end: nil)) }
                } else if let last = pauses.last, last.end == nil {
                    pauses[pauses.count - 1].end = time
                }
            }
            ticket.pauses = pauses
            let finished = events.reversed().prefix { $0.state == "resolved" || $0.state == "closed" }
            if ticket.resolvedAt == nil, let first = finished.last { ticket.resolvedAt = first.updatedAt }
            if ticket.closedAt == nil, let closed = finished.reversed().first(where: { $0.state == "closed" }) { ticket.closedAt = closed.updatedAt }
            if finished.isEmpty { ticket.resolvedAt = nil; ticket.closedAt = nil }
            return ticket
        }
    }
}

/// The source's mapping resolved once per export — each field's column, value mapping and
/// default — so reading a row looks nothing up by field name.
private final class FieldPlan: Sendable {
    enum Field: Int, CaseIterable {
        case id, title, type, priority, tier, status, category, group, assignee, channel, system, asset
        case openedAt, firstResponseAt, onsiteArrivedAt, resolvedAt, closedAt, followedUpAt, updatedAt
        case onsiteRequired, satisfaction, reopenCount

        var name: String {
            switch self {
            case .openedAt: "opened_at"
            case .firstResponseAt: "first_response_at"
            case .onsiteArrivedAt: "onsite_arrived_at"
            case .resolvedAt: "resolved_at"
            case .closedAt: "closed_at"
            case .followedUpAt: "followed_up_at"
            case .updatedAt: "updated_at"
            case .onsiteRequired: "onsite_required"
            case .reopenCount: "reopen_count"
            default: "\(self)"
            }
        }
    }

    struct Column { var position: Int?; var mapping: [String: String]?; var fallback: String? }

    let columns: [Column]
    let missing: Set<String>
    /// Values longer than every `missing` marker need no set lookup.
    let longestMissing: Int
    let source: TicketSource
    let file: String, exportFile: String
    let parser: TimestampParser
    let knownSystems: Set<String>, knownAssets: Set<String>

    /// One plan per chunk of rows, with its own copies of everything a row takes a
    /// reference to (see parallelRanges).
    init(_ source: TicketSource, index: [String: Int], exportFile: String, knownSystems: Set<String>, knownAssets: Set<String>) {
        func copy(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }
        columns = Field.allCases.map { field in
            let mapping = source.values[field.name].map { Dictionary(uniqueKeysWithValues: $0.map { ($0.key, copy($0.value)) }) }
            return Column(position: index[field.name], mapping: mapping, fallback: source.defaults[field.name].map { copy(mapping?[$0] ?? $0) })
        }
        missing = Set(source.missing.map(copy))
        longestMissing = source.missing.map(\.utf8.count).max() ?? 0
        self.source = source
        file = copy(source.file)
        self.exportFile = copy(exportFile)
        parser = TimestampParser(patterns: source.dateFormats, time: LocalTime(source.timezone))
        self.knownSystems = Set(knownSystems.map(copy))
        self.knownAssets = Set(knownAssets.map(copy))
    }
}

/// A field's value: bytes of the row, read in place, or the text a mapping or default gave.
private enum FieldValue {
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

/// One row's fields through the source's mapping, collecting every problem of the row.
private struct RowReader {
    let plan: FieldPlan
    let fields: RowFields
    var problems: [String] = []

    func cell(_ field: FieldPlan.Field) -> UnsafeBufferPointer<UInt8>? {
        guard let position = plan.columns[field.rawValue].position, position < fields.count else { return nil }
        return fields[position].trimmingASCIIBlanks
    }

    func raw(_ field: FieldPlan.Field) -> FieldValue? {
        if let value = cell(field) {
            let missing = value.count <= plan.longestMissing && plan.missing.contains(String(decoding: value, as: UTF8.self))
            if !missing {
                if let mapping = plan.columns[field.rawValue].mapping, let mapped = mapping[String(decoding: value, as: UTF8.self)] { return .text(mapped) }
                return .bytes(value)
            }
        }
        return plan.columns[field.rawValue].fallback.map(FieldValue.text)
    }

    func text(_ field: FieldPlan.Field) -> String { raw(field)?.string ?? "" }

    mutating func time(_ field: FieldPlan.Field) -> Int? {
        guard let value = raw(field), !value.isEmpty else { return nil }
        guard let instant = value.withBytes({ plan.parser.parse(bytes: $0) }) else {
            problems.append("unparseable date '\(value.string)' in column '\(plan.source.columns[field.name]?.column ?? field.name)'")
            return nil
        }
        return instant
    }

    mutating func vocabulary(_ field: FieldPlan.Field, _ words: [String]) -> String {
        guard let value = raw(field), !value.isEmpty else {
            problems.append("no \(field.name) (map the column or set a default)")
            return ""
        }
        guard let word = value.word(in: words) else {
            problems.append("unknown \(field.name) '\(value.string)' with no mapping in 'values'")
            return value.string
        }
        return word
    }

    mutating func read() -> (ticket: Ticket, updatedAt: Int?, state: String?)? {
        let source = plan.source
        guard let id = raw(.id), !id.isEmpty else { problems.append("no ticket id"); return nil }
        let opened = time(.openedAt)
        if opened == nil && problems.isEmpty { problems.append("no opened_at") }
        var ticket = Ticket(id: id.string, openedAt: opened ?? 0, location: SourceLocation(file: "", line: 0, column: 0), source: plan.file)
        ticket.title = text(.title)
        ticket.type = vocabulary(.type, Ticket.types)
        ticket.priority = vocabulary(.priority, Ticket.priorities)
        if let tier = raw(.tier), !tier.isEmpty {
            if let word = tier.word(in: Ticket.tiers) { ticket.tier = word } else { problems.append("unknown tier '\(tier.string)' with no mapping in 'values'") }
        }
        ticket.status = text(.status)
        ticket.category = text(.category)
        ticket.group = text(.group)
        ticket.assignee = text(.assignee)
        ticket.channel = text(.channel)
        if let system = raw(.system)?.string, !system.isEmpty {
            if plan.knownSystems.contains(system) { ticket.system = system }
            else { problems.append("system '\(system)' is not a system of the knowledge base" + (Suggestion.closest(to: system, in: plan.knownSystems).map { "; did you mean '\($0)'?" } ?? "")) }
        }
        if let asset = raw(.asset)?.string, !asset.isEmpty {
            if plan.knownAssets.contains(asset) { ticket.asset = asset }
            else { problems.append("asset '\(asset)' is not an inventory item" + (Suggestion.closest(to: asset, in: plan.knownAssets).map { "; did you mean '\($0)'?" } ?? "")) }
        }
        ticket.firstResponseAt = time(.firstResponseAt)
        ticket.onsiteArrivedAt = time(.onsiteArrivedAt)
        ticket.resolvedAt = time(.resolvedAt)
        ticket.closedAt = time(.closedAt)
        ticket.followedUpAt = time(.followedUpAt)
        if let flag = raw(.onsiteRequired)?.string, !flag.isEmpty {
            switch flag.lowercased() {
            case "true", "yes", "y", "1", "是": ticket.onsiteRequired = true
            case "false", "no", "n", "0", "否": ticket.onsiteRequired = false
            default: problems.append("onsite_required '\(flag)' is not yes/no")
            }
        }
        if let score = raw(.satisfaction)?.string, !score.isEmpty {
            if let value = Double(score) { ticket.satisfaction = value } else { problems.append("satisfaction '\(score)' is not a number") }
        }
        if let count = raw(.reopenCount)?.string, !count.isEmpty {
            if let value = Int(count) { ticket.reopenCount = value } else { problems.append("reopen_count '\(count)' is not a whole number") }
        }
        var state: String?
        var updated: Int?
        if source.format == .events {
            updated = time(.updatedAt)
            if updated == nil && !problems.contains(where: { $0.contains("updated_at") }) { problems.append("no updated_at") }
            let sourceState = cell(.status).map { String(decoding: $0, as: UTF8.self) } ?? ""
            if let mapped = source.states[sourceState] { state = mapped }
            else { problems.append("state '\(sourceState)' is in no list of 'states'") }
        }
        return (ticket, updated, state)
    }
}

/// A row that could not be read, with every problem found in it.
private struct RowFailure: Error {
    var location: SourceLocation
    var message: String
}
