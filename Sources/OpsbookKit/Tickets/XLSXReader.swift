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
        case notAWorkbook, noSheet(String?), tooLarge(String, limit: Int), malformed(part: String, line: Int, reason: String)
        case dtd(part: String, line: Int)
        var description: String {
            switch self {
            case .notAWorkbook: "not a readable .xlsx workbook"
            case let .noSheet(name): name.map { "the workbook has no sheet named '\($0)'" } ?? "the workbook has no sheet"
            case let .tooLarge(part, limit): "\(part) expands to more than \(limit >> 20) MiB; refusing to read it"
            case let .malformed(part, line, reason): "\(part) is not well-formed XML at its line \(line): \(reason); no row of it was read"
            case let .dtd(part, line):
                "\(part) declares a DTD at its line \(line), which Excel never writes; refusing its entities, no row was read"
            }
        }
    }

    /// A zipped part may expand to at most this: a 2 MB file must not take gigabytes.
    static let maximumPartSize = 768 << 20
    /// Excel's own limit (column XFD).
    static let maximumColumns = 16_384

    /// An in-memory workbook goes through a temporary file: ZIPFoundation's in-memory archive
    /// traps on some malformed archives (found by `make fuzz`), its file-backed one reports them.
    static func read(_ data: Data, sheet wanted: String?, limit: Int = maximumPartSize) throws -> Table {
        let file = FileManager.default.temporaryDirectory.appending(path: "opsbook-\(getpid())-\(UUID().uuidString).xlsx")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try read(file: file, sheet: wanted, limit: limit)
    }

    static func read(file: URL, sheet wanted: String?, limit: Int = maximumPartSize) throws -> Table {
        let archive: Archive
        do { archive = try Archive(url: file, accessMode: .read, pathEncoding: nil) } catch { throw Failure.notAWorkbook }
        func entry(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            guard entry.uncompressedSize <= limit else { throw Failure.tooLarge(path, limit: limit) }
            var data = Data()
            do {
                // The declared size can lie: count what really comes out.
                _ = try archive.extract(entry, skipCRC32: true) { chunk in
                    guard data.count + chunk.count <= limit else { throw Failure.tooLarge(path, limit: limit) }
                    data.append(chunk)
                }
            } catch let failure as Failure { throw failure } catch { throw Failure.notAWorkbook }
            return data
        }
        guard let workbook = try entry("xl/workbook.xml"), let relations = try entry("xl/_rels/workbook.xml.rels") else {
            throw Failure.notAWorkbook
        }
        let sheets = try XMLElements.collect(workbook, element: "sheet", part: "xl/workbook.xml")
        let targets = Dictionary(
            try XMLElements.collect(relations, element: "Relationship", part: "xl/_rels/workbook.xml.rels").compactMap { attributes in
                attributes["Id"].flatMap { id in attributes["Target"].map { (id, $0) } }
            }, uniquingKeysWith: { first, _ in first })
        let chosen = wanted.map { name in sheets.first { $0["name"] == name } } ?? sheets.first
        guard let sheetEntry = chosen, let relation = sheetEntry["r:id"], let target = targets[relation] else {
            throw Failure.noSheet(wanted)
        }
        let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        guard let sheet = try entry(path) else { throw Failure.noSheet(wanted) }
        let shared = try entry("xl/sharedStrings.xml").map { try SharedStrings.parse($0) } ?? []
        let dateStyles = try entry("xl/styles.xml").map { try DateStyles.parse($0) } ?? []
        return try SheetParser.parse(sheet, part: path, shared: shared, dateStyles: dateStyles)
    }

    /// Day number (since 1970) of Excel's day 0, 1899-12-30.
    static let excelEpoch = -25_569

    /// Excel's serial date (days since 1899-12-30, fraction of a day for the time); nil for a
    /// number no date has (Excel's own range ends in year 9999).
    static func text(fromSerial serial: Double) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        let seconds = Int((serial * 86_400).rounded())
        let day = LocalTime.civil(fromDays: excelEpoch + seconds / 86_400)
        let rest = seconds % 86_400
        return String(format: "%@ %02d:%02d:%02d", day.description, rest / 3600, rest / 60 % 60, rest % 60)
    }
}

/// Parses one part of the workbook; a part that is not well-formed is an error, never a
/// part that silently ends early.
private func parseXML(_ data: Data, part: String, delegate: XMLParserDelegate) throws {
    try refuseUnsafeXML(data, part: part)
    let parser = XMLParser(data: data)
    parser.delegate = delegate
    // libxml2 may recover from some errors and still report success: any error counts.
    guard parser.parse(), parser.parserError == nil else {
        throw XLSXReader.Failure.malformed(part: part, line: parser.lineNumber,
                                           reason: parser.parserError.map { "XML error \(($0 as NSError).code)" } ?? "unknown")
    }
}

/// What XMLParser must never be handed. Excel never writes a DTD; one in a workbook can only
/// declare entities (which the parser would silently leave out, or expand a billion times).
/// And Foundation's parser traps on invalid UTF-8 in a tag (found by `make fuzz`), so a part
/// that is not UTF-8 is refused first.
private func refuseUnsafeXML(_ data: Data, part: String) throws {
    let offset = SourceText.firstInvalidUTF8(data)
    if offset < data.count {
        throw XLSXReader.Failure.malformed(
            part: part, line: SourceText.position(ofByte: offset, in: data).line, reason: "it is not valid UTF-8")
    }
    if let range = data.range(of: Data("<!DOCTYPE".utf8)) {
        throw XLSXReader.Failure.dtd(part: part, line: SourceText.position(ofByte: range.lowerBound - data.startIndex, in: data).line)
    }
}

/// The attributes of every element of one name.
private final class XMLElements: NSObject, XMLParserDelegate {
    let name: String
    var found: [[String: String]] = []
    init(_ name: String) { self.name = name }
    static func collect(_ data: Data, element: String, part: String) throws -> [[String: String]] {
        let delegate = XMLElements(element)
        try parseXML(data, part: part, delegate: delegate)
        return delegate.found
    }
    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if elementName == name { found.append(attributes) }
    }
}

private final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current = ""
    var inText = false
    static func parse(_ data: Data) throws -> [String] {
        let delegate = SharedStrings()
        try parseXML(data, part: "xl/sharedStrings.xml", delegate: delegate)
        return delegate.strings
    }
    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
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
    static func parse(_ data: Data) throws -> [Bool] {
        let delegate = DateStyles()
        try parseXML(data, part: "xl/styles.xml", delegate: delegate)
        return delegate.styles.map { id in
            if builtInDates.contains(id) { return true }
            guard let code = delegate.customFormats[id]?.lowercased() else { return false }
            let unquoted = code.replacingOccurrences(of: "\"[^\"]*\"", with: "", options: .regularExpression)
            return unquoted.contains("y") || unquoted.contains("d") || unquoted.contains("h") || unquoted.contains("ss")
        }
    }
    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if elementName == "numFmt", let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] {
            customFormats[id] = code
        }
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
    /// The first cell that cannot be placed, which stops the read.
    var problem: (line: Int, reason: String)?

    init(shared: [String], dateStyles: [Bool]) {
        self.shared = shared
        self.dateStyles = dateStyles
    }

    static func parse(_ data: Data, part: String, shared: [String], dateStyles: [Bool]) throws -> Table {
        let delegate = SheetParser(shared: shared, dateStyles: dateStyles)
        do { try parseXML(data, part: part, delegate: delegate) } catch {
            // A cell that cannot be placed aborts the parse: say why, not that the XML broke.
            if let (line, reason) = delegate.problem { throw XLSXReader.Failure.malformed(part: part, line: line, reason: reason) }
            throw error
        }
        guard let first = delegate.rows.first else { return Table(header: [], rows: []) }
        let width = first.1.count
        return Table(
            header: first.1.map { $0.trimmingCharacters(in: .whitespaces) },
            rows: delegate.rows.dropFirst().map {
                ($0.0, Array(($0.1 + Array(repeating: "", count: max(0, width - $0.1.count))).prefix(max(width, $0.1.count))))
            })
    }

    /// `BC12` → column index 54; nil for a reference with no letters or beyond Excel's last column.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65, scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
            if index > XLSXReader.maximumColumns { return nil }
        }
        return index > 0 ? index - 1 : nil
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch elementName {
        case "row":
            row = []
            let given = attributes["r"].flatMap(Int.init)
            rowNumber = given.map { $0 >= 1 && $0 <= 1 << 40 ? $0 : rowNumber + 1 } ?? (rowNumber + 1)
        case "c":
            if let reference = attributes["r"] {
                guard let index = SheetParser.columnIndex(reference) else {
                    if problem == nil {
                        problem = (parser.lineNumber, "cell reference '\(reference.prefix(40))' names no column of a sheet (A to XFD)")
                    }
                    parser.abortParsing()
                    return
                }
                column = index
            } else {
                column = row.count
            }
            cellType = attributes["t"] ?? ""
            cellStyle = max(0, attributes["s"].flatMap(Int.init) ?? 0)
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
            if cellType == "s", let index = Int(value), index >= 0, index < shared.count { text = shared[index] }
            else if cellType == "b" { text = value == "1" ? "true" : "false" }
            else if cellType.isEmpty || cellType == "n", cellStyle < dateStyles.count, dateStyles[cellStyle], let serial = Double(value),
                    let date = XLSXReader.text(fromSerial: serial) {
                text = date
            }
            while row.count < column { row.append("") }
            if row.count == column { row.append(text) } else if column < row.count { row[column] = text }
        case "row":
            rows.append((rowNumber, row))
        default: break
        }
    }
}
