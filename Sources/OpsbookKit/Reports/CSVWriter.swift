/// report.csv's bytes, row by row: UTF-8 with BOM, fields joined by commas, every row ended by
/// CRLF. A field that needs nothing (no comma, quote, line break, no leading = + - @) is copied
/// as its bytes; any other goes through ReportEncoding.csvField, the rule itself. A year's
/// report of a million tickets writes half a million rows, and csvField reads Characters.
struct CSVWriter {
    private(set) var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]

    mutating func row(_ fields: [String]) {
        for (position, field) in fields.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            append(field)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    private mutating func append(_ field: String) {
        var field = field
        let plain = field.withUTF8 { utf8 -> Bool in
            if let first = utf8.first, Self.formulaStarts.contains(first) { return false }
            guard !utf8.contains(where: { Self.special[Int($0)] }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if !plain { bytes.append(contentsOf: ReportEncoding.csvField(field).utf8) }
    }

    /// `=` `+` `-` `@`: a field starting with one would be a formula in Excel.
    private static let formulaStarts: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@")]
    /// Comma, quote, CR, LF: bytes that make a field need quoting.
    private static let special: [Bool] = (0..<256).map { [0x2C, 0x22, 0x0D, 0x0A].contains($0) }
}
