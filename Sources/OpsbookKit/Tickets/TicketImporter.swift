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

        let parser = TimestampParser(patterns: source.dateFormats, time: LocalTime(source.timezone))
        // Rows are read independently, in chunks on every core; problems are reported in row order.
        var chunks = parallelChunks(table.rows.count, chunk: 4_096, parallel: parallel) { position -> Result<ParsedRow, RowFailure> in
            let row = table.rows[position]
            let location = SourceLocation(file: exportFile, line: row.line, column: 1)
            var reader = RowReader(source: source, index: index, values: row.values, parser: parser)
            let parsed = reader.read(knownSystems: knownSystems, knownAssets: knownAssets)
            guard reader.problems.isEmpty, var parsed else {
                return .failure(RowFailure(location: location, message: reader.problems.joined(separator: "; ")))
            }
            parsed.ticket.location = location
            return .success(ParsedRow(order: position, location: location, ticket: parsed.ticket, updatedAt: parsed.updatedAt, state: parsed.state))
        }
        // A million rows: the text table and each chunk are let go as soon as they are read,
        // and flat exports go straight to tickets, so no row is held three times.
        let rowCount = table.rows.count
        table.rows = []
        var rows: [ParsedRow] = []
        var seen: [String: Int] = [:]
        if source.format == .flat { result.tickets.reserveCapacity(rowCount) } else { rows.reserveCapacity(rowCount) }
        for number in chunks.indices {
            for outcome in chunks[number] {
                result.rows += 1
                switch outcome {
                case let .failure(failure): rowProblem(source, failure.location, failure.message, &result, log)
                case let .success(row) where source.format == .events: rows.append(row)
                case let .success(row):
                    if let first = seen[row.ticket.id] {
                        rowProblem(source, row.location, "duplicate ticket id '\(row.ticket.id)' (first at line \(first))", &result, log)
                        continue
                    }
                    seen[row.ticket.id] = row.location.line
                    result.tickets.append(row.ticket)
                }
            }
            chunks[number] = []
        }
        if source.format == .events { result.tickets = fold(rows) }
        return result
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

/// One row's fields through the source's mapping, collecting every problem of the row.
private struct RowReader {
    let source: TicketSource
    let index: [String: Int]
    let values: [String]
    let parser: TimestampParser
    var problems: [String] = []

    func raw(_ field: String) -> String? {
        if let column = index[field], column < values.count {
            let value = values[column].trimmedASCII
            if !source.missing.contains(value) { return source.values[field]?[value] ?? value }
        }
        return source.defaults[field].map { source.values[field]?[$0] ?? $0 }
    }

    mutating func time(_ field: String) -> Int? {
        guard let text = raw(field), !text.isEmpty else { return nil }
        guard let instant = parser.parse(text[...]) else {
            problems.append("unparseable date '\(text)' in column '\(source.columns[field]?.column ?? field)'")
            return nil
        }
        return instant
    }

    mutating func vocabulary(_ field: String, _ words: [String]) -> String {
        guard let value = raw(field), !value.isEmpty else {
            problems.append("no \(field) (map the column or set a default)")
            return ""
        }
        guard words.contains(value) else {
            problems.append("unknown \(field) '\(value)' with no mapping in 'values'")
            return value
        }
        return value
    }

    mutating func read(knownSystems: Set<String>, knownAssets: Set<String>) -> (ticket: Ticket, updatedAt: Int?, state: String?)? {
        guard let id = raw("id"), !id.isEmpty else { problems.append("no ticket id"); return nil }
        let opened = time("opened_at")
        if opened == nil && problems.isEmpty { problems.append("no opened_at") }
        var ticket = Ticket(id: id, openedAt: opened ?? 0, location: SourceLocation(file: "", line: 0, column: 0), source: source.file)
        ticket.title = raw("title") ?? ""
        ticket.type = vocabulary("type", Ticket.types)
        ticket.priority = vocabulary("priority", Ticket.priorities)
        if let tier = raw("tier"), !tier.isEmpty {
            if Ticket.tiers.contains(tier) { ticket.tier = tier } else { problems.append("unknown tier '\(tier)' with no mapping in 'values'") }
        }
        ticket.status = raw("status") ?? ""
        ticket.category = raw("category") ?? ""
        ticket.group = raw("group") ?? ""
        ticket.assignee = raw("assignee") ?? ""
        ticket.channel = raw("channel") ?? ""
        if let system = raw("system"), !system.isEmpty {
            if knownSystems.contains(system) { ticket.system = system }
            else { problems.append("system '\(system)' is not a system of the knowledge base" + (Suggestion.closest(to: system, in: knownSystems).map { "; did you mean '\($0)'?" } ?? "")) }
        }
        if let asset = raw("asset"), !asset.isEmpty {
            if knownAssets.contains(asset) { ticket.asset = asset }
            else { problems.append("asset '\(asset)' is not an inventory item" + (Suggestion.closest(to: asset, in: knownAssets).map { "; did you mean '\($0)'?" } ?? "")) }
        }
        ticket.firstResponseAt = time("first_response_at")
        ticket.onsiteArrivedAt = time("onsite_arrived_at")
        ticket.resolvedAt = time("resolved_at")
        ticket.closedAt = time("closed_at")
        ticket.followedUpAt = time("followed_up_at")
        if let flag = raw("onsite_required"), !flag.isEmpty {
            switch flag.lowercased() {
            case "true", "yes", "y", "1", "是": ticket.onsiteRequired = true
            case "false", "no", "n", "0", "否": ticket.onsiteRequired = false
            default: problems.append("onsite_required '\(flag)' is not yes/no")
            }
        }
        if let score = raw("satisfaction"), !score.isEmpty {
            if let value = Double(score) { ticket.satisfaction = value } else { problems.append("satisfaction '\(score)' is not a number") }
        }
        if let count = raw("reopen_count"), !count.isEmpty {
            if let value = Int(count) { ticket.reopenCount = value } else { problems.append("reopen_count '\(count)' is not a whole number") }
        }
        var state: String?
        var updated: Int?
        if source.format == .events {
            updated = time("updated_at")
            if updated == nil && !problems.contains(where: { $0.contains("updated_at") }) { problems.append("no updated_at") }
            let sourceState = index["status"].flatMap { $0 < values.count ? values[$0].trimmedASCII : nil } ?? ""
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
