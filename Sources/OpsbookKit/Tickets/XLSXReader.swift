import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads one sheet of an Excel workbook (.xlsx: zipped XML) into a Table. Numbers formatted
/// as dates become `yyyy-MM-dd HH:mm:ss` text, so date parsing works as for CSV; a row's
/// "line" is its row number in the sheet, which is what a user sees in Excel.
enum XLSXReader {
    enum Failure: Error, CustomStringConvertible {
        case notAWorkbook, noSheet(String?)
        var description: String {
            switch self {
            case .notAWorkbook: "not a readable .xlsx workbook"
            case let .noSheet(name): name.map { "the workbook has no sheet named '\($0)'" } ?? "the workbook has no sheet"
            }
        }
    }

    static func read(_ data: Data, sheet wanted: String?) throws -> Table {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read, pathEncoding: nil) } catch { throw Failure.notAWorkbook }
        func entry(_ path: String) -> Data? {
            guard let entry = archive[path] else { return nil }
            var data = Data()
            _ = try? archive.extract(entry, skipCRC32: true) { data.append($0) }
            return data
        }
        guard let workbook = entry("xl/workbook.xml"), let relations = entry("xl/_rels/workbook.xml.rels") else { throw Failure.notAWorkbook }
        let sheets = XMLElements.collect(workbook, element: "sheet")
        let targets = Dictionary(XMLElements.collect(relations, element: "Relationship").compactMap { attributes in
            attributes["Id"].flatMap { id in attributes["Target"].map { (id, $0) } }
        }, uniquingKeysWith: { first, _ in first })
        let chosen = wanted.map { name in sheets.first { $0["name"] == name } } ?? sheets.first
        guard let sheetEntry = chosen, let relation = sheetEntry["r:id"], let target = targets[relation] else { throw Failure.noSheet(wanted) }
        let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        guard let sheet = entry(path) else { throw Failure.noSheet(wanted) }
        let shared = entry("xl/sharedStrings.xml").map(SharedStrings.parse) ?? []
        let dateStyles = entry("xl/styles.xml").map(DateStyles.parse) ?? []
        return SheetParser.parse(sheet, shared: shared, dateStyles: dateStyles)
    }

    /// Excel's serial date (days since 1899-12-30, fraction of a day for the time).
    static func text(fromSerial serial: Double) -> String {
        let seconds = Int((serial * 86_400).rounded())
        let day = LocalTime.civil(fromDays: LocalTime.daysFromCivil(Day("1899-12-30")!) + seconds / 86_400)
        let rest = seconds % 86_400
        return String(format: "%@ %02d:%02d:%02d", day.description, rest / 3600, rest / 60 % 60, rest % 60)
    }
}

/// The attributes of every element of one name.
private final class XMLElements: NSObject, XMLParserDelegate {
    let name: String
    var found: [[String: String]] = []
    init(_ name: String) { self.name = name }
    static func collect(_ data: Data, element: String) -> [[String: String]] {
        let delegate = XMLElements(element)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        _ = parser.parse()
        return delegate.found
    }
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if elementName == name { found.append(attributes) }
    }
}

private final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current = ""
    var inText = false
    static func parse(_ data: Data) -> [String] {
        let delegate = SharedStrings()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        _ = parser.parse()
        return delegate.strings
    }
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if elementName == "si" { current = "" }
        if elementName == "t" { inText = true }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if elementName == "t" { inText = false }
        if elementName == "si" { strings.append(current) }
    }
}

/// Which cell styles (indexes into cellXfs) format numbers as dates.
private final class DateStyles: NSObject, XMLParserDelegate {
    var customFormats: [Int: String] = [:]
    var styles: [Int] = []
    var inCellXfs = false
    static let builtInDates: Set<Int> = Set(14...22).union(45...47)
    static func parse(_ data: Data) -> [Bool] {
        let delegate = DateStyles()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        _ = parser.parse()
        return delegate.styles.map { id in
            if builtInDates.contains(id) { return true }
            guard let code = delegate.customFormats[id]?.lowercased() else { return false }
            let unquoted = code.replacingOccurrences(of: "\"[^\"]*\"", with: "", options: .regularExpression)
            return unquoted.contains("y") || unquoted.contains("d") || unquoted.contains("h") || unquoted.contains("ss")
        }
    }
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if elementName == "numFmt", let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { customFormats[id] = code }
        if elementName == "cellXfs" { inCellXfs = true }
        if elementName == "xf", inCellXfs { styles.append(attributes["numFmtId"].flatMap(Int.init) ?? 0) }
    }
    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if elementName == "cellXfs" { inCellXfs = false }
    }
}

private final class SheetParser: NSObject, XMLParserDelegate {
    let shared: [String]
    let dateStyles: [Bool]
    var rows: [(Int, [String])] = []
    var row: [String] = []
    var rowNumber = 0
    var column = 0
    var cellType = ""
    var cellStyle = 0
    var value = ""
    var collecting = false

    init(shared: [String], dateStyles: [Bool]) {
        self.shared = shared
        self.dateStyles = dateStyles
    }

    static func parse(_ data: Data, shared: [String], dateStyles: [Bool]) -> Table {
        let delegate = SheetParser(shared: shared, dateStyles: dateStyles)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        _ = parser.parse()
        guard let first = delegate.rows.first else { return Table(header: [], rows: []) }
        let width = first.1.count
        return Table(header: first.1.map { $0.trimmingCharacters(in: .whitespaces) },
                     rows: delegate.rows.dropFirst().map { ($0.0, Array(($0.1 + Array(repeating: "", count: max(0, width - $0.1.count))).prefix(max(width, $0.1.count)))) })
    }

    /// `BC12` → column index 54.
    static func columnIndex(_ reference: String) -> Int {
        var index = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65, scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
        }
        return index - 1
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch elementName {
        case "row":
            row = []
            rowNumber = attributes["r"].flatMap(Int.init) ?? (rowNumber + 1)
        case "c":
            column = attributes["r"].map(SheetParser.columnIndex) ?? row.count
            cellType = attributes["t"] ?? ""
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
        case "v", "t":
            collecting = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if collecting { value += string } }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        switch elementName {
        case "v", "t": collecting = false
        case "c":
            var text = value
            if cellType == "s", let index = Int(value), index < shared.count { text = shared[index] }
            else if cellType == "b" { text = value == "1" ? "true" : "false" }
            else if cellType.isEmpty || cellType == "n", cellStyle < dateStyles.count, dateStyles[cellStyle], let serial = Double(value) {
                text = XLSXReader.text(fromSerial: serial)
            }
            while row.count < column { row.append("") }
            if row.count == column { row.append(text) } else if column < row.count { row[column] = text }
        case "row":
            rows.append((rowNumber, row))
        default: break
        }
    }
}
