/// Hugo's TOML front matter (between `+++` lines) read as TOML 1.0 and written out as YAML text
/// that keeps every top-level key on its own line number, so one front-matter reader, with its
/// line:column diagnostics, serves both. Every value becomes a quoted scalar, as YAML front
/// matter is read untyped anyway. Hand-written because the mirror's TOML library (TOMLKit)
/// does not resolve here: its manifest needs a package the mirror lacks.
enum TOMLFrontMatter {
    struct SyntaxError: Error {
        let line: Int
        let column: Int
        let message: String
    }

    static func yaml(from toml: String) throws(SyntaxError) -> String {
        var reader = TOMLReader(Array(toml.utf8))
        let root = try reader.document()
        var writer = YAMLLines()
        writer.write(root, indent: "")
        return writer.text
    }
}

/// A TOML table: keys in the order written, with the line each was written on.
final class TOMLTable {
    var entries: [(key: String, line: Int, value: TOMLNode)] = []
    /// Named by a `[header]`, so a second header for it is an error.
    var fromHeader = false
    /// An inline table `{ … }` is complete as written.
    var sealed = false

    func index(of key: String) -> Int? { entries.firstIndex { $0.key == key } }
}

enum TOMLNode {
    case scalar(String)
    case array([TOMLNode])
    case table(TOMLTable)
    /// `[[name]]` headers: an array of tables.
    case tables([TOMLTable])
}

/// Writes the tree as block YAML, padding with blank lines so each key lands on the line it
/// had in the TOML text (where nesting allows; tables come after the top-level keys in TOML).
struct YAMLLines {
    private var lines: [String] = []
    var text: String { lines.joined(separator: "\n") }

    mutating func write(_ table: TOMLTable, indent: String) {
        for (position, entry) in table.entries.enumerated() {
            while lines.count + 1 < entry.line { lines.append("") }
            let key = indent + Self.quote(entry.key) + ":"
            let start = lines.count
            switch entry.value {
            case let .table(inner) where !inner.sealed && !inner.entries.isEmpty:
                lines.append(key)
                write(inner, indent: indent + "  ")
            case let .tables(list):
                lines.append(key)
                for inner in list {
                    lines.append(indent + "  -" + (inner.entries.isEmpty ? " {}" : ""))
                    write(inner, indent: indent + "    ")
                }
            default:
                lines.append(key + " " + Self.flow(entry.value))
                continue
            }
            // A block that would push the next key off its line is written on one line instead.
            if position + 1 < table.entries.count, lines.count + 1 > table.entries[position + 1].line {
                lines.removeSubrange(start...)
                lines.append(key + " " + Self.flow(entry.value))
            }
        }
    }

    static func flow(_ node: TOMLNode) -> String {
        switch node {
        case let .scalar(text): quote(text)
        case let .array(items): "[" + items.map(flow).joined(separator: ", ") + "]"
        case let .table(table): "{" + table.entries.map { quote($0.key) + ": " + flow($0.value) }.joined(separator: ", ") + "}"
        case let .tables(list): "[" + list.map { flow(.table($0)) }.joined(separator: ", ") + "]"
        }
    }

    /// A YAML double-quoted scalar; characters YAML does not allow in a stream are escaped.
    static func quote(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case "\u{20}"..."\u{7E}", "\u{A0}"..."\u{D7FF}", "\u{E000}"..."\u{FEFE}", "\u{FF00}"..."\u{FFFD}",
                 "\u{10000}"..."\u{10FFFF}":
                output.unicodeScalars.append(scalar)
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                output += scalar.value <= 0xFFFF ? "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    : "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
            }
        }
        return output + "\""
    }
}
