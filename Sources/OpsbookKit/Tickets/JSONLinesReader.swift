import Foundation

extension TableReader {
    /// Separates the values a JSON Lines path collects through an array, inside one cell.
    static let valueSeparator: UInt8 = 0x1F

    /// One JSON object per line, flattened to dotted paths (`assignee.login`); a path
    /// through an array collects every element (`labels.name`), each behind the value
    /// separator, so even one element reads as a list. An object's own path reads `{…}`
    /// (`pull_request: present` finds it). The header is every path seen, sorted;
    /// `prefixes` are the paths of arrays, so a mapping may name a path that no row fills.
    /// A line that is not a JSON object is returned in `bad` with its line number.
    static func jsonLines(_ text: String) -> (table: Table, prefixes: Set<String>, bad: [Int]) {
        var objects: [(Int, [String: String])] = []
        var bad: [Int] = []
        var leaves = Set<String>(), prefixes = Set<String>()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
                bad.append(index + 1)
                continue
            }
            var row = FlatRow()
            flatten(object, path: "", inArray: false, into: &row, prefixes: &prefixes)
            leaves.formUnion(row.values.keys)
            objects.append((index + 1, row.cells))
        }
        let header = leaves.sorted()
        let rows = objects.map { line, row in (line, header.map { row[$0] ?? "" }) }
        return (Table(header: header, rows: rows), prefixes.subtracting(leaves), bad)
    }

    /// One object's values by path, and which paths went through an array.
    private struct FlatRow {
        var values: [String: [String]] = [:]
        var listed = Set<String>()
        var cells: [String: String] {
            let separator = String(decoding: [TableReader.valueSeparator], as: UTF8.self)
            return values.mapValues { $0.joined(separator: separator) }.reduce(into: [:]) { cells, entry in
                cells[entry.key] = listed.contains(entry.key) && !entry.value.isEmpty ? separator + entry.value : entry.value
            }
        }
    }

    /// Leaf values by path; key order never matters, as every path is its own column.
    private static func flatten(_ value: Any, path: String, inArray: Bool, into row: inout FlatRow, prefixes: inout Set<String>) {
        if inArray { row.listed.insert(path) }
        switch value {
        case let object as [String: Any]:
            if !path.isEmpty, !inArray { row.values[path, default: []].append("{…}") }
            for (key, child) in object {
                flatten(child, path: path.isEmpty ? key : path + "." + key, inArray: inArray, into: &row, prefixes: &prefixes)
            }
        case let array as [Any]:
            prefixes.insert(path)
            if array.isEmpty { row.values[path, default: []].append("") }
            for element in array { flatten(element, path: path, inArray: true, into: &row, prefixes: &prefixes) }
        case let text as String: row.values[path, default: []].append(text)
        case is NSNull: row.values[path, default: []].append("")
        case let number as NSNumber:
            let isBool = String(cString: number.objCType) == "c"
            row.values[path, default: []].append(isBool ? (number.boolValue ? "true" : "false") : number.stringValue)
        default: row.values[path, default: []].append("\(value)")
        }
    }
}

/// The export's header as a mapping reads it: a name exactly, else ignoring case; `Name#2`
/// for the second column of a name the header repeats; for JSON Lines, a path under an
/// object or array that no row fills reads as empty.
struct HeaderIndex {
    /// A position that no row has: the column exists in the data's shape but is always empty.
    static let alwaysEmpty = Int.max
    let header: [String]
    private var exact: [String: [Int]] = [:]
    private var lowered: [String: [Int]] = [:]
    /// Paths of objects and arrays, for JSON Lines; nil for a flat table.
    private let prefixes: Set<String>?
    /// JSON Lines: a cell may hold several values (a path through an array).
    var isNested: Bool { prefixes != nil }

    init(header: [String], prefixes: Set<String>? = nil) {
        self.header = header
        self.prefixes = prefixes
        for (position, name) in header.enumerated() {
            exact[name, default: []].append(position)
            lowered[name.lowercased(), default: []].append(position)
        }
    }

    /// Names the header holds more than once, in header order, with their counts.
    var duplicates: [(name: String, count: Int)] {
        var seen = Set<String>()
        return header.compactMap { name in
            guard let count = exact[name]?.count, count > 1, seen.insert(name).inserted else { return nil }
            return (name, count)
        }
    }

    func position(of name: String) -> Int? {
        if let found = exact[name] ?? lowered[name.lowercased()] { return found[0] }
        if let hash = name.lastIndex(of: "#"), let nth = Int(name[name.index(after: hash)...]), nth >= 1 {
            let base = String(name[..<hash])
            if let found = exact[base] ?? lowered[base.lowercased()], nth <= found.count { return found[nth - 1] }
        }
        guard let prefixes else { return nil }
        if prefixes.contains(name) { return Self.alwaysEmpty }
        if let dot = name.lastIndex(of: "."), prefixes.contains(String(name[..<dot])) || exact[String(name[..<dot])] != nil {
            return Self.alwaysEmpty
        }
        return nil
    }
}
