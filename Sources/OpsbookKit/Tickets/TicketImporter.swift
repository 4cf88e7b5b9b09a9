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
    /// Rows left out by `exclude:` / `include:`.
    public var excludedRows = 0
    /// Rows of only delimiters or blanks, skipped.
    public var blankRows = 0
    /// The KPI inputs this export does not provide.
    public var missingInputs = KPIInputs()
    /// When the export was taken, if its source says.
    public var extractedAt: Int? = nil
    /// Whether the export marks outages (maps `outage`): availability is measured from it.
    public var mapsOutage = false
    /// The newest time that moved a ticket's state: opened, updated, responded, arrived,
    /// resolved, closed or a pause. Never a follow-up, a survey or a free column.
    public var lastStateChange: Int? = nil
    /// The instant this export's tickets are judged at: `extracted_at`, else `lastStateChange`.
    public var asOf: Int? { extractedAt ?? lastStateChange }
}

/// Reads an export as its source says: decode, split into rows, map columns and values,
/// parse timestamps, and for event logs fold each ticket's rows into one ticket with its
/// final state, first response and pending pauses. Every bad row is a diagnostic at its
/// line; none is dropped silently.
enum TicketImporter {
    static func run(_ source: TicketSource, root: URL, knownSystems: Set<String>, knownAssets: Set<String>, parallel: Bool = true,
                    log: DiagnosticLog) -> TicketImport {
        var result = TicketImport(source: source.file, audience: source.audience, fieldAudience: source.fieldAudience,
                                  tickets: [], rows: 0, skippedRows: 0, extractedAt: source.extractedAt)
        let url = URL(fileURLWithPath: source.file).deletingLastPathComponent().appending(path: source.export)
        // Nothing outside content/ is read, ever: not by `..`, an absolute path or a link.
        let inside = root.resolvingSymlinksInPath().path + "/"
        guard !source.export.hasPrefix("/"), url.standardizedFileURL.resolvingSymlinksInPath().path.hasPrefix(inside) else {
            log.error("tickets.outside", at: source.exportLocation,
                      "export file '\(source.export)' is outside the content folder; Opsbook reads nothing outside it")
            return result
        }
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            log.error("tickets.file", at: source.exportLocation, "export file '\(source.export)' cannot be read")
            return result
        }
        let exportFile = url.path
        var table: Table
        var header: HeaderIndex
        if source.export.lowercased().hasSuffix(".xlsx") {
            // The workbook is read from the file by the archive itself, once.
            do { table = try XLSXReader.read(file: url, sheet: source.sheet) } catch {
                log.error("tickets.file", at: source.exportLocation, "export '\(source.export)': \(error)")
                return result
            }
            header = HeaderIndex(header: table.header)
        } else {
            // A million rows are a hundred megabytes of text: the bytes are not kept while mapping.
            guard let data = try? Data(contentsOf: url) else {
                log.error("tickets.file", at: source.exportLocation, "export file '\(source.export)' cannot be read")
                return result
            }
            guard let parsed = readText(consume data, source: source, exportFile: exportFile, result: &result, log: log) else {
                return result
            }
            (table, header) = parsed
        }
        result = map(consume table, header: header, source: source, exportFile: exportFile, knownSystems: knownSystems,
                     knownAssets: knownAssets, result: result, parallel: parallel, log: log)
        TicketClocks.finish(&result, source: source, log: log)
        result.missingInputs = KPIInputs.missing(provided: source.providedFields)
        result.mapsOutage = source.providedFields.contains(TicketField.outage.name)
        if !result.missingInputs.isEmpty {
            for index in result.tickets.indices { result.tickets[index].missingInputs = result.missingInputs }
            warnNotMeasured(source, missing: result.missingInputs, log: log)
        }
        return result
    }

    /// One warning per export naming the fields it lacks and the KPIs they leave unmeasured.
    private static func warnNotMeasured(_ source: TicketSource, missing: KPIInputs, log: DiagnosticLog) {
        let fields = missing.missingFields(provided: source.providedFields)
        let kpis = KPI.disabled(by: missing).map(\.name)
        log.warning("tickets.not_measured", at: source.columns["id"]?.location ?? source.location,
                    "export '\(source.export)' provides no \(fields.joined(separator: ", ")): "
                        + "\(kpis.joined(separator: ", ")) not measured for its tickets (map the column to measure them)")
    }

    private static func readText(_ data: Data, source: TicketSource, exportFile: String, result: inout TicketImport,
                                 log: DiagnosticLog) -> (Table, HeaderIndex)? {
        let lowered = source.export.lowercased()
        guard let text = TextDecoding.decode(data, as: source.encoding) else {
            log.error(
                "tickets.encoding", at: source.exportLocation,
                "export '\(source.export)' is not valid \(source.encoding == .auto ? "UTF-8, UTF-16 or GB18030" : source.encoding.rawValue)"
            )
            return nil
        }
        if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") {
            let (table, prefixes, bad) = TableReader.jsonLines(text)
            var reporter = RowProblemReporter(source: source)
            for line in bad {
                reporter.report(RowFailure(location: SourceLocation(file: exportFile, line: line, column: 1), kind: "json",
                                           message: "line is not a JSON object"), into: &result, log: log)
            }
            reporter.finish(into: &result, log: log)
            return (table, HeaderIndex(header: table.header, prefixes: prefixes))
        }
        if lowered.hasSuffix(".csv") || lowered.hasSuffix(".tsv") || lowered.hasSuffix(".txt") {
            let delimiter = source.delimiter ?? (lowered.hasSuffix(".tsv") ? 9 : TableReader.detectDelimiter(text))
            let table = TableReader.delimited(text, delimiter: delimiter)
            if let (line, column) = table.unclosedQuote {
                // Every later row would be read as one field: say where, and read nothing.
                log.error("tickets.quote", at: SourceLocation(file: exportFile, line: line, column: column),
                          "this quoted field never closes (a '\"' is missing): every later row would be part of it")
                return nil
            }
            return (table, HeaderIndex(header: table.header))
        }
        log.error("tickets.file", at: source.exportLocation, "unsupported export type '\(source.export)' (read: .csv, .tsv, .jsonl, .xlsx)")
        return nil
    }

    /// Each field's column positions and the row filters' positions; one error per column
    /// the header lacks, before any row is read. Nil when a mapped column is missing.
    private static func resolve(_ header: HeaderIndex, source: TicketSource, log: DiagnosticLog)
        -> (index: [String: [Int]], filters: (exclude: [FieldPlan.Filter], include: [FieldPlan.Filter]))? {
        let names = header.header
        if !header.duplicates.isEmpty {
            log.warning("tickets.header", at: source.exportLocation, "the header of \(source.export) repeats "
                + header.duplicates.map { "'\($0.name)' (\($0.count)×)" }.joined(separator: ", ")
                + "; a mapping reads the first unless it names another, like '\(header.duplicates[0].name)#2'")
        }
        var index: [String: [Int]] = [:]
        var complete = source.reportUnmappedVocabulary(log: log)
        for (field, mapping) in source.columns.sorted(by: { $0.key < $1.key }) {
            var positions: [Int] = []
            for column in mapping.names {
                guard let position = header.position(of: column) else {
                    log.error("tickets.column", at: mapping.location, "column '\(column)' is not in the header of \(source.export)",
                              suggestion: Suggestion.closest(to: column, in: names))
                    complete = false
                    continue
                }
                positions.append(position)
            }
            index[field] = positions
        }
        func filters(_ list: [TicketSource.RowFilter], _ key: String) -> [FieldPlan.Filter] {
            list.compactMap { filter in
                guard let position = header.position(of: filter.column) else {
                    log.warning("tickets.filter", at: filter.location, "'\(key)' column '\(filter.column)' is not in the header of "
                        + "\(source.export); it selects no row", suggestion: Suggestion.closest(to: filter.column, in: names))
                    return key == "include" ? FieldPlan.Filter(position: HeaderIndex.alwaysEmpty, values: [], present: false) : nil
                }
                return FieldPlan.Filter(position: position, values: filter.values, present: filter.present)
            }
        }
        let exclude = filters(source.exclude, "exclude"), include = filters(source.include, "include")
        guard complete else { return nil }
        return (index: index, filters: (exclude: exclude, include: include))
    }

    private static func map(_ table: consuming Table, header: HeaderIndex, source: TicketSource, exportFile: String,
                            knownSystems: Set<String>, knownAssets: Set<String>, result: TicketImport, parallel: Bool,
                            log: DiagnosticLog) -> TicketImport {
        var result = result
        guard let (index, filters) = resolve(header, source: source, log: log) else { return result }
        let multiValued = header.isNested

        // Rows are split and read independently, in chunks on every core.
        var chunks = parallelRanges(table.count, chunk: 4_096, parallel: parallel) { range -> ChunkRows in
            let plan = FieldPlan(source, index: index, filters: filters, multiValued: multiValued, exportFile: exportFile,
                                 knownSystems: knownSystems, knownAssets: knownAssets)
            var chunk = ChunkRows()
            chunk.tickets.reserveCapacity(range.count)
            table.forEachRow(in: range) { position, line, fields in
                guard !fields.isBlank else { chunk.blank += 1; return }
                var reader = RowReader(plan: plan, fields: fields)
                guard reader.isSelected() else { chunk.excluded += 1; return }
                let location = SourceLocation(file: plan.exportFile, line: line, column: 1)
                guard let parsed = reader.read(), reader.problems.isEmpty else {
                    chunk.failures.append(failure(reader.problems, plan: plan, fields: fields, at: location))
                    return
                }
                var ticket = parsed.ticket
                ticket.location = location
                chunk.tickets.append(ticket)
                if source.format == .events { chunk.events.append((position, parsed.updatedAt, parsed.state)) }
                if let updated = parsed.updatedAt { chunk.latestUpdate = max(chunk.latestUpdate ?? updated, updated) }
            }
            return chunk
        }
        // A million rows: the text and each chunk are let go as soon as they are read, and
        // tickets are appended a chunk at a time, so no row is held three times.
        let rowCount = table.count
        table.release()
        var rows: [ParsedRow] = []
        var seen: [String: Int] = [:]
        var reporter = RowProblemReporter(source: source)
        seen.reserveCapacity(source.format == .flat ? rowCount : 0)
        if source.format == .flat { result.tickets.reserveCapacity(rowCount) } else { rows.reserveCapacity(rowCount) }
        for number in chunks.indices {
            let chunk = chunks[number]
            chunks[number] = ChunkRows()
            result.rows += chunk.tickets.count + chunk.failures.count + chunk.excluded
            result.excludedRows += chunk.excluded
            result.blankRows += chunk.blank
            if let latest = chunk.latestUpdate { result.lastStateChange = max(result.lastStateChange ?? latest, latest) }
            var problems = chunk.failures
            if source.format == .events {
                for (ticket, event) in zip(chunk.tickets, chunk.events) {
                    rows.append(
                        ParsedRow(
                            order: event.order, location: ticket.location, ticket: ticket, updatedAt: event.updatedAt, state: event.state))
                }
            } else {
                var duplicates: [Int] = []
                chunk.tickets.withUnsafeBufferPointer { tickets in
                    for (position, ticket) in tickets.enumerated() {
                        if let first = seen[ticket.id] {
                            duplicates.append(position)
                            problems.append(RowFailure(location: ticket.location, kind: "duplicate.id",
                                                       message: "duplicate ticket id '\(ticket.id)' (first at line \(first))"))
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
                reporter.report(problem, into: &result, log: log)
            }
        }
        reporter.finish(into: &result, log: log)
        if source.format == .events {
            result.tickets = fold(rows, openedFromEvents: index["opened_at"] == nil, reopenMapped: index["reopen_count"] != nil)
        }
        return result
    }

    /// A failed row's diagnostic, pointed at the column of its first problem's field.
    private static func failure(_ problems: [RowProblem], plan: FieldPlan, fields: RowFields, at location: SourceLocation) -> RowFailure {
        var location = location
        if let field = problems.first?.field, let position = plan.columns[field.rawValue].positions.first, position < fields.count {
            let start = fields.start(ofField: position)
            location.line += start.lines
            location.column = start.column
        }
        return RowFailure(location: location, kind: problems.first?.kind ?? "row", message: problems.map(\.message).joined(separator: "; "))
    }

    /// One chunk of rows: the tickets read, in row order, and the rows that failed.
    private struct ChunkRows {
        var tickets: [Ticket] = []
        var excluded = 0, blank = 0
        /// For event logs, beside each ticket: its row number, updated_at and state.
        var events: [(order: Int, updatedAt: Int?, state: String?)] = []
        var failures: [RowFailure] = []
        /// The newest updated_at of the chunk's rows.
        var latestUpdate: Int?
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
    /// Without an opened column, a ticket opens at its first event. A ticket resolved (or
    /// closed) and then opened again is reopened once per such return, unless the export
    /// maps `reopen_count` (the tool's own count wins); the resolution clock uses the final resolution.
    static func fold(_ rows: [ParsedRow], openedFromEvents: Bool = false, reopenMapped: Bool = false) -> [Ticket] {
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
            if openedFromEvents, let first = events.lazy.compactMap(\.updatedAt).first { ticket.openedAt = first }
            var reopened = 0
            for (earlier, later) in zip(events, events.dropFirst()) where isFinished(earlier.state) && !isFinished(later.state) {
                reopened += 1
            }
            if !reopenMapped { ticket.reopenCount = reopened }
            let finished = events.reversed().prefix { isFinished($0.state) }
            if ticket.resolvedAt == nil, let first = finished.last { ticket.resolvedAt = first.updatedAt }
            if ticket.closedAt == nil, let closed = finished.reversed().first(where: { $0.state == "closed" }) {
                ticket.closedAt = closed.updatedAt
            }
            if finished.isEmpty { ticket.resolvedAt = nil; ticket.closedAt = nil }
            return ticket
        }
    }

    private static func isFinished(_ state: String?) -> Bool { state == "resolved" || state == "closed" }
}

/// A row that could not be read, with every problem found in it.
struct RowFailure: Error {
    var location: SourceLocation
    /// Rows failing the same way share a kind (see RowProblem).
    var kind: String
    var message: String
}

/// Prints the first rows of each kind of problem and one line for the rest: a broken export
/// must show its cause, not 65,000 lines. Under `on_error: skip` every bad row is counted.
struct RowProblemReporter {
    static let shownPerKind = 20
    let source: TicketSource
    private var counts: [String: Int] = [:]
    /// Per kind beyond the shown ones: the first such row and how many there were, in first-seen order.
    private var suppressed: [(kind: String, first: RowFailure, count: Int)] = []

    init(source: TicketSource) { self.source = source }

    mutating func report(_ failure: RowFailure, into result: inout TicketImport, log: DiagnosticLog) {
        if source.skipBadRows { result.skippedRows += 1 }
        let count = counts[failure.kind, default: 0] + 1
        counts[failure.kind] = count
        if count <= Self.shownPerKind {
            if source.skipBadRows { log.warning("tickets.row", at: failure.location, failure.message + " (row skipped: on_error: skip)") }
            else { log.error("tickets.row", at: failure.location, failure.message) }
        } else if let position = suppressed.firstIndex(where: { $0.kind == failure.kind }) {
            suppressed[position].count += 1
        } else {
            suppressed.append((failure.kind, failure, 1))
        }
    }

    func finish(into result: inout TicketImport, log: DiagnosticLog) {
        for (_, first, count) in suppressed {
            let message = "… and \(count) more row\(count == 1 ? "" : "s") like this (\(first.message))"
            if source.skipBadRows { log.warning("tickets.row", at: first.location, message + " (skipped: on_error: skip)") }
            else { log.error("tickets.row", at: first.location, message) }
        }
    }
}

