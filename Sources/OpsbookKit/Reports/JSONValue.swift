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
        var output: [UInt8] = []
        write(to: &output, indent: Array(indent.utf8), depth: 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// The serialized value and a final newline, as report.json holds it.
    public func serializedData() -> Data {
        var output: [UInt8] = []
        write(to: &output, indent: [], depth: 0)
        output.append(UInt8(ascii: "\n"))
        return Data(output)
    }

    /// Appends bytes into one buffer: a year's report of a million tickets is megabytes of
    /// JSON, so nothing is allocated per value (indentation by depth, integers digit by digit).
    private func write(to output: inout [UInt8], indent: [UInt8], depth: Int) {
        func newline(_ depth: Int) {
            output.append(UInt8(ascii: "\n"))
            output += indent
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        }
        switch self {
        case let .object(pairs):
            if pairs.isEmpty { output += "{}".utf8; return }
            output.append(UInt8(ascii: "{"))
            for (position, pair) in pairs.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                JSONValue.quote(pair.0, into: &output)
                output += ": ".utf8
                pair.1.write(to: &output, indent: indent, depth: depth + 1)
            }
            newline(depth)
            output.append(UInt8(ascii: "}"))
        case let .array(values):
            if values.isEmpty { output += "[]".utf8; return }
            output.append(UInt8(ascii: "["))
            for (position, value) in values.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                value.write(to: &output, indent: indent, depth: depth + 1)
            }
            newline(depth)
            output.append(UInt8(ascii: "]"))
        case let .string(text): JSONValue.quote(text, into: &output)
        case let .int(value): JSONValue.appendDecimal(value, to: &output)
        case let .number(value, places): output += JSONValue.format(value, places: places).utf8
        case let .bool(value): output += (value ? "true" : "false").utf8
        case .null: output += "null".utf8
        }
    }

    /// An integer's digits, without a String for each (the search index writes ten million).
    static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        // Lowest digit first into scratch space on the stack (dividing by the constant 10 is a
        // multiplication), then copied: the search shards write millions of these.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = value.magnitude, start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            for index in start..<digits.count { output.append(digits[index]) }
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
        var output: [UInt8] = []
        quote(text, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Escapes by byte: everything that needs escaping is ASCII, and other UTF-8 passes through
    /// in runs (the search records quote every page's text).
    static func quote(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for (index, byte) in bytes.enumerated() {
                // UTF-8 beyond ASCII (most bytes of Chinese text) and printable ASCII but `"`, `\` and `<` pass in
                // the run: one test for most bytes, where the switch below tried its cases in turn.
                if byte >= 0x80 || (byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x3C) { continue }
                let escape: StaticString
                switch byte {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case UInt8(ascii: "\n"): escape = "\\n"
                case UInt8(ascii: "\r"): escape = "\\r"
                case UInt8(ascii: "\t"): escape = "\\t"
                case UInt8(ascii: "<"): escape = "\\u003c"   // safe to inline in HTML
                case 0..<0x20: escape = ""
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                if escape.utf8CodeUnitCount > 0 {
                    output.append(contentsOf: UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
                } else {
                    let hex = Array("0123456789abcdef".utf8)
                    output += "\\u00".utf8
                    output += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }
}
