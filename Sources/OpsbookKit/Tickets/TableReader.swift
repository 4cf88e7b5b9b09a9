/// A header and rows read from a delimited text or JSON Lines export, each row with the
/// file line it starts on (a quoted field may span lines).
struct Table {
    var header: [String]
    var rows: [(line: Int, values: [String])]
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

    /// RFC 4180: quotes around fields, `""` inside them, delimiters and newlines within quotes.
    static func delimited(_ text: String, delimiter: UInt8) -> Table {
        var rows: [(Int, [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false, wasQuoted = false
        var line = 1, rowLine = 1
        let bytes = Array(text.utf8)
        var i = 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        func endRow() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append((rowLine, fields)) }
            fields = []
        }
        while i < bytes.count {
            let byte = bytes[i]
            if quoted {
                if byte == 34 {
                    if i + 1 < bytes.count, bytes[i + 1] == 34 { field.append(34); i += 2; continue }
                    quoted = false
                } else if byte == 13, i + 1 < bytes.count, bytes[i + 1] == 10 {
                    // CRLF inside a quoted field is one line break, as Excel means it.
                } else {
                    if byte == 10 { line += 1 }
                    field.append(byte)
                }
            } else if byte == 34, field.isEmpty, !wasQuoted {
                quoted = true; wasQuoted = true
            } else if byte == delimiter {
                endField()
            } else if byte == 10 {
                endRow(); line += 1; rowLine = line
            } else if byte != 13 {
                field.append(byte)
            }
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        guard let first = rows.first else { return Table(header: [], rows: []) }
        return Table(header: first.1.map { $0.trimmingCharacters(in: .whitespaces) }, rows: Array(rows.dropFirst()))
    }
}
