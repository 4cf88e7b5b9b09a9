import Foundation

extension TableReader {
    /// One JSON object per line; the header is every key seen, sorted. A line that is not
    /// a JSON object is returned in `bad` with its line number.
    static func jsonLines(_ text: String) -> (table: Table, bad: [Int]) {
        var objects: [(Int, [String: String])] = []
        var bad: [Int] = []
        var keys = Set<String>()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
                bad.append(index + 1)
                continue
            }
            var row: [String: String] = [:]
            for (key, value) in object {
                keys.insert(key)
                switch value {
                case let text as String: row[key] = text
                case is NSNull: row[key] = ""
                case let number as NSNumber:
                    row[key] = String(cString: number.objCType) == "c" ? (number.boolValue ? "true" : "false") : number.stringValue
                default: row[key] = String(describing: value)
                }
            }
            objects.append((index + 1, row))
        }
        let header = keys.sorted()
        return (Table(header: header, rows: objects.map { line, row in (line, header.map { row[$0] ?? "" }) }), bad)
    }
}
