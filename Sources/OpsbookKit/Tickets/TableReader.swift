/// The fields of one row as ranges of bytes.
struct RowFields {
    let bytes: UnsafeBufferPointer<UInt8>
    let ranges: [Range<Int>]
    /// The row as the file holds it, quotes included, for pointing at a field's column.
    var raw: UnsafeBufferPointer<UInt8>? = nil
    var delimiter: UInt8 = 0
    var count: Int { ranges.count }

    /// Where field `index` starts: lines after the row's first line, and the column (1-based,
    /// in characters) on that line. Column 1 when the row has no text of its own (JSON Lines, XLSX).
    func start(ofField index: Int) -> (lines: Int, column: Int) {
        guard let raw else { return (0, 1) }
        return TableReader.fieldStart(in: raw, delimiter: delimiter, field: index)
    }
    subscript(index: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[ranges[index]]) }
    var strings: [String] { ranges.map { String(decoding: bytes[$0], as: UTF8.self) } }
    /// Only delimiters and blanks (a spreadsheet's trailing `,,,,` rows): no ticket, no problem.
    var isBlank: Bool { ranges.indices.allSatisfy { self[$0].trimmingASCIIBlanks.isEmpty } }
}

/// A header and rows read from an export, each row with the file line it starts on (a
/// quoted field may span lines). Delimited text keeps its bytes and only the row bounds:
/// the fields of a row are split when the row is read, so a million rows are split on
/// every core and never held as eight million strings at once.
struct Table {
    var header: [String]
    /// Where a quoted field opens that never closes: everything after it would be one field.
    var unclosedQuote: (line: Int, column: Int)?
    private var storage: Storage

    private enum Storage {
        case rows([(line: Int, values: [String])])
        case delimited(text: String, rows: [Span], delimiter: UInt8)
    }

    struct Span { var line: Int; var start: Int; var end: Int }

    init(header: [String], rows: [(line: Int, values: [String])]) {
        self.header = header
        storage = .rows(rows)
    }

    init(header: [String], text: String, rows: [Span], delimiter: UInt8) {
        self.header = header
        storage = .delimited(text: text, rows: rows, delimiter: delimiter)
    }

    var count: Int {
        switch storage {
        case let .rows(rows): rows.count
        case let .delimited(_, rows, _): rows.count
        }
    }

    /// `body` for each row of `range` with its number, first line and fields, read in place
    /// where the row has no quotes.
    func forEachRow(in range: Range<Int>, _ body: (_ row: Int, _ line: Int, RowFields) -> Void) {
        switch storage {
        case let .rows(rows):
            for row in range {
                var bytes: [UInt8] = [], ranges: [Range<Int>] = []
                for value in rows[row].values { let start = bytes.count; bytes += value.utf8; ranges.append(start..<bytes.count) }
                bytes.withUnsafeBufferPointer { body(row, rows[row].line, RowFields(bytes: $0, ranges: ranges)) }
            }
        case .delimited(var text, let rows, let delimiter):
            text.withUTF8 { all in
                for row in range {
                    TableReader.withFields(of: UnsafeBufferPointer(rebasing: all[rows[row].start..<rows[row].end]), delimiter: delimiter) {
                        body(row, rows[row].line, $0)
                    }
                }
            }
        }
    }

    /// Lets the text go once every row has been read.
    mutating func release() { storage = .rows([]) }
}

enum TableReader {
    /// The delimiter among `,` `;` tab that occurs most in the header line, outside quotes.
    static func detectDelimiter(_ text: String) -> UInt8 {
        var counts: [UInt8: Int] = [44: 0, 59: 0, 9: 0]
        var quoted = false
        for byte in text.utf8 {
            if byte == 10 { break }
            if byte == 34 { quoted.toggle() }
            if !quoted, counts[byte] != nil { counts[byte]! += 1 }
        }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
    }

    /// How RFC 4180 reads a byte: quotes open a field only at its start, `""` inside them is
    /// a quote, delimiters and newlines within quotes are text, a CR before LF is dropped.
    /// The row scan and the field split share this machine, so they always agree.
    private struct Machine {
        var quoted = false, fieldStarted = false, wasQuoted = false

        enum Step { case text(UInt8), skip, quoteEscape, fieldEnd, rowEnd }

        mutating func step(_ byte: UInt8, next: UInt8?, delimiter: UInt8) -> Step {
            if quoted {
                if byte == 34 {
                    if next == 34 { return .quoteEscape }
                    quoted = false
                    return .skip
                }
                if byte == 13, next == 10 { return .skip }  // CRLF inside quotes is one line break, as Excel means it
                return .text(byte)
            }
            if byte == 34, !fieldStarted, !wasQuoted { quoted = true; wasQuoted = true; return .skip }
            if byte == delimiter { fieldStarted = false; wasQuoted = false; return .fieldEnd }
            if byte == 10 { fieldStarted = false; wasQuoted = false; return .rowEnd }
            if byte == 13 { return .skip }
            fieldStarted = true
            return .text(byte)
        }
    }

    /// RFC 4180: the header and the bounds and first line of every non-empty row.
    static func delimited(_ text: String, delimiter: UInt8) -> Table {
        var text = text
        var spans: [Table.Span] = []
        var unclosed: (line: Int, column: Int)?
        spans.reserveCapacity(text.utf8.count / 64)
        text.withUTF8 { b in
            var machine = Machine()
            var line = 1, rowLine = 1, start = 0, i = 0, quoteOpened = 0
            func endRow(_ end: Int) {
                var trimmedEnd = end
                if trimmedEnd > start, b[trimmedEnd - 1] == 13 { trimmedEnd -= 1 }
                let empty = trimmedEnd == start || (trimmedEnd - start == 2 && b[start] == 34 && b[start + 1] == 34)
                if !empty { spans.append(.init(line: rowLine, start: start, end: end)) }
            }
            while i < b.count {
                let byte = b[i]
                // Plain bytes outside quotes are most of a file; only these four change state.
                if !machine.quoted, byte != 34, byte != 10, byte != delimiter, byte != 13 { machine.fieldStarted = true; i += 1; continue }
                let wasQuoted = machine.quoted
                switch machine.step(byte, next: i + 1 < b.count ? b[i + 1] : nil, delimiter: delimiter) {
                case .rowEnd:
                    endRow(i); line += 1; rowLine = line; start = i + 1
                case .quoteEscape: i += 1
                case .text(10): line += 1
                default: break
                }
                if !wasQuoted, machine.quoted { quoteOpened = i }
                i += 1
            }
            if start < b.count { endRow(b.count) }
            if machine.quoted { unclosed = SourceText.position(ofByte: quoteOpened, in: b) }
        }
        guard let first = spans.first else { return Table(header: [], rows: []) }
        let header = text.withUTF8 {
            withFields(of: UnsafeBufferPointer(rebasing: $0[first.start..<first.end]), delimiter: delimiter) { $0.strings }
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
        var table = Table(header: header, text: text, rows: Array(spans.dropFirst()), delimiter: delimiter)
        table.unclosedQuote = unclosed
        return table
    }

    /// Splits one row. Most rows have no quotes and no CR: their fields are ranges of the
    /// row itself; the others are unquoted into a buffer of their own.
    static func withFields<R>(of row: UnsafeBufferPointer<UInt8>, delimiter: UInt8, _ body: (RowFields) -> R) -> R {
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(16)
        let line = row.last == 13 ? UnsafeBufferPointer(rebasing: row.dropLast()) : row  // CRLF files
        if !line.contains(where: { $0 == 34 || $0 == 13 }) {
            var start = 0
            for i in 0..<line.count where line[i] == delimiter { ranges.append(start..<i); start = i + 1 }
            ranges.append(start..<line.count)
            return body(RowFields(bytes: line, ranges: ranges, raw: row, delimiter: delimiter))
        }
        var unquoted: [UInt8] = []
        unquoted.reserveCapacity(row.count)
        var machine = Machine()
        var start = 0, i = 0
        while i < row.count {
            switch machine.step(row[i], next: i + 1 < row.count ? row[i + 1] : nil, delimiter: delimiter) {
            case let .text(byte): unquoted.append(byte)
            case .quoteEscape: unquoted.append(34); i += 1
            case .fieldEnd, .rowEnd: ranges.append(start..<unquoted.count); start = unquoted.count
            case .skip: break
            }
            i += 1
        }
        ranges.append(start..<unquoted.count)
        return unquoted.withUnsafeBufferPointer { body(RowFields(bytes: $0, ranges: ranges, raw: row, delimiter: delimiter)) }
    }

    /// The line (after the row's first) and character column where field `index` of a raw row starts.
    static func fieldStart(in row: UnsafeBufferPointer<UInt8>, delimiter: UInt8, field index: Int) -> (lines: Int, column: Int) {
        var machine = Machine()
        var field = 0, lines = 0, column = 1, i = 0
        while i < row.count, field < index {
            let byte = row[i]
            switch machine.step(byte, next: i + 1 < row.count ? row[i + 1] : nil, delimiter: delimiter) {
            case .fieldEnd: field += 1
            case .text(10): lines += 1
            case .quoteEscape: i += 1; column += 1
            default: break
            }
            if byte & 0xC0 != 0x80 { column += 1 }  // UTF-8 continuation bytes are not characters
            if byte == 10 { column = 1 }
            i += 1
        }
        return (lines, column)
    }
}
