/// TOML 1.0 read into a `TOMLTable` tree. Values are kept as text (numbers in decimal, dates as
/// written): Opsbook reads front matter untyped and checks each value as its key expects it.
struct TOMLReader {
    typealias SyntaxError = TOMLFrontMatter.SyntaxError
    // The cursor, moved by the lexical reading in TOMLScalars.swift.
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var lineStart = 0
    /// Lists and inline tables open now: nesting is bounded so no input can exhaust the stack.
    private var depth = 0
    static let deepestNesting = 64

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func document() throws(SyntaxError) -> TOMLTable {
        let root = TOMLTable()
        var current = root
        while true {
            skipSpaces()
            guard let byte = peek() else { return root }
            switch byte {
            case UInt8(ascii: "#"): skipComment()
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): try newline()
            case UInt8(ascii: "["):
                current = try header(root: root)
                try endOfLine()
            default:
                try keyValue(into: current)
                try endOfLine()
            }
        }
    }

    // MARK: Tables

    /// `[a.b]` or `[[a.b]]`: the table later keys go into.
    private mutating func header(root: TOMLTable) throws(SyntaxError) -> TOMLTable {
        let (headerLine, headerStart) = (line, index)
        let isArray = peek(1) == UInt8(ascii: "[")
        advance()
        if isArray { advance() }
        skipSpaces()
        let path = try key()
        try expect("]", "expected ']' to close the table name")
        if isArray { try expect("]", "expected ']]' to close the array-of-tables name") }
        var parent = root
        for part in path.dropLast() { parent = try descend(parent, into: part, line: headerLine) }
        let name = path[path.count - 1]
        let table = TOMLTable()
        table.fromHeader = true
        guard let found = parent.index(of: name) else {
            parent.entries.append((name, headerLine, isArray ? .tables([table]) : .table(table)))
            return table
        }
        switch parent.entries[found].value {
        case let .tables(list) where isArray:
            parent.entries[found].value = .tables(list + [table])
            return table
        case let .table(existing) where !isArray && !existing.fromHeader && !existing.sealed:
            existing.fromHeader = true
            return existing
        default:
            throw error("'\(path.joined(separator: "."))' is defined twice", from: headerStart)
        }
    }

    /// The table a dotted key's part names, made when it is new.
    private func descend(_ table: TOMLTable, into part: String, line: Int) throws(SyntaxError) -> TOMLTable {
        guard let found = table.index(of: part) else {
            let inner = TOMLTable()
            table.entries.append((part, line, .table(inner)))
            return inner
        }
        switch table.entries[found].value {
        case let .table(inner) where !inner.sealed: return inner
        case let .tables(list): if let last = list.last { return last }
        default: break
        }
        throw error("'\(part)' already holds a value, so it cannot hold keys")
    }

    /// `key = value` at the cursor, into `table` (a dotted key into the tables it names).
    private mutating func keyValue(into table: TOMLTable) throws(SyntaxError) {
        let (keyLine, keyStart) = (line, index)
        let (parent, name) = try freeSlot(for: try key(), in: table, keyStart: keyStart)
        try expect("=", "expected '=' after the key")
        skipSpaces()
        parent.entries.append((name, keyLine, try value()))
    }

    /// The table and name a `key = value` goes into; a key defined twice is an error.
    private func freeSlot(for path: [String], in table: TOMLTable, keyStart: Int) throws(SyntaxError) -> (TOMLTable, String) {
        var parent = table
        for part in path.dropLast() { parent = try descend(parent, into: part, line: line) }
        let name = path[path.count - 1]
        guard parent.index(of: name) == nil else {
            throw error("key '\(path.joined(separator: "."))' is defined twice", from: keyStart)
        }
        return (parent, name)
    }

    /// A dotted key: bare (`A-Za-z0-9_-`) or quoted parts.
    private mutating func key() throws(SyntaxError) -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            switch peek() {
            case UInt8(ascii: "\""): parts.append(try basicString())
            case UInt8(ascii: "'"): parts.append(try literalString())
            default:
                let start = index
                while let byte = peek(), Self.isBareKey(byte) { advance() }
                guard index > start else { throw error("expected a key") }
                parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
            }
            skipSpaces()
            guard peek() == UInt8(ascii: ".") else { return parts }
            advance()
        }
    }

    private static func isBareKey(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"): true
        default: false
        }
    }

    // MARK: Values

    private mutating func value() throws(SyntaxError) -> TOMLNode {
        let opens = peek() == UInt8(ascii: "[") || peek() == UInt8(ascii: "{")
        if opens {
            guard depth < Self.deepestNesting else { throw error("lists and tables nest deeper than \(Self.deepestNesting) levels") }
            depth += 1
        }
        defer { if opens { depth -= 1 } }
        switch peek() {
        case UInt8(ascii: "\""):
            return .scalar(try starts("\"\"\"") ? multilineString(literal: false) : basicString())
        case UInt8(ascii: "'"):
            return .scalar(try starts("'''") ? multilineString(literal: true) : literalString())
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "{"): return try inlineTable()
        default: return .scalar(try bareValue())
        }
    }

    private mutating func array() throws(SyntaxError) -> TOMLNode {
        advance()
        var items: [TOMLNode] = []
        while true {
            try skipBlank()
            if peek() == UInt8(ascii: "]") { advance(); return .array(items) }
            items.append(try value())
            try skipBlank()
            if peek() == UInt8(ascii: ",") { advance(); continue }
            try expect("]", "expected ',' or ']' in the list")
            return .array(items)
        }
    }

    private mutating func inlineTable() throws(SyntaxError) -> TOMLNode {
        advance()
        let table = TOMLTable()
        while true {
            try skipBlank()
            if peek() == UInt8(ascii: "}") { break }
            try keyValue(into: table)
            try skipBlank()
            if peek() == UInt8(ascii: ",") { advance(); continue }
            guard peek() == UInt8(ascii: "}") else { throw error("expected ',' or '}' in the inline table") }
            break
        }
        advance()
        table.sealed = true
        return .table(table)
    }
}
