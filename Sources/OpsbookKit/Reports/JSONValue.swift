import Foundation

/// A JSON value written with keys in the order given and numbers in a fixed format, so
/// report.json is byte-identical for the same input (Foundation's encoders promise neither).
public indirect enum JSONValue: Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int)
    /// Written with at most `places` decimals, trailing zeros dropped.
    case number(Double, places: Int)
    case bool(Bool)
    case null

    public static func rate(_ value: Double?) -> JSONValue { value.map { .number($0, places: 4) } ?? .null }
    public static func decimal(_ value: Double?) -> JSONValue { value.map { .number($0, places: 1) } ?? .null }

    public func serialized(indent: String = "") -> String {
        var output = ""
        write(to: &output, indent: indent)
        return output
    }

    /// Appends into one buffer: a year's report of a million tickets is megabytes of JSON.
    private func write(to output: inout String, indent: String) {
        let inner = indent + "  "
        switch self {
        case let .object(pairs):
            if pairs.isEmpty { output += "{}"; return }
            output += "{\n"
            for (position, pair) in pairs.enumerated() {
                output += inner
                output += JSONValue.quote(pair.0)
                output += ": "
                pair.1.write(to: &output, indent: inner)
                output += position + 1 < pairs.count ? ",\n" : "\n"
            }
            output += indent + "}"
        case let .array(values):
            if values.isEmpty { output += "[]"; return }
            output += "[\n"
            for (position, value) in values.enumerated() {
                output += inner
                value.write(to: &output, indent: inner)
                output += position + 1 < values.count ? ",\n" : "\n"
            }
            output += indent + "]"
        case let .string(text): output += JSONValue.quote(text)
        case let .int(value): output += String(value)
        case let .number(value, places): output += JSONValue.format(value, places: places)
        case let .bool(value): output += value ? "true" : "false"
        case .null: output += "null"
        }
    }

    static func format(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "null" }
        var text: String
        let scale = [1.0, 10, 100, 1000, 10000, 100000][min(places, 5)]
        if abs(value) * scale < 9e15 {
            // Integer arithmetic: String(format:) is slow and this runs for every chart mark.
            let scaled = Int((abs(value) * scale).rounded())
            let whole = scaled / Int(scale), fraction = scaled % Int(scale)
            text = (value < 0 && scaled != 0 ? "-" : "") + String(whole)
            if places > 0 {
                let digits = String(fraction)
                text += "." + String(repeating: "0", count: places - digits.count) + digits
            }
        } else {
            text = String(format: "%.\(places)f", value)
        }
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"   // safe to inline in HTML
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
