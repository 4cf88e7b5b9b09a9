import Yams

/// A YAML node that remembers its file and where it sits in it, so every reading problem
/// becomes a diagnostic at an exact line and column.
struct YAMLValue {
    let node: Yams.Node
    let file: String
    /// Lines before the YAML text in its file (front matter starts after the `---` line).
    let lineOffset: Int

    var location: SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
    }

    /// What a YAML text holds: a value, no document at all (blank or comments only), or a
    /// syntax error (reported at its position).
    enum Document {
        case value(YAMLValue)
        case empty
        case invalid
    }

    /// Parses `text`; a syntax error is reported at its position and yields nil. An empty
    /// document yields nil without a diagnostic.
    static func parse(_ text: String, file: String, lineOffset: Int, log: DiagnosticLog) -> YAMLValue? {
        if case let .value(value) = document(text, file: file, lineOffset: lineOffset, log: log) { value } else { nil }
    }

    static func document(_ text: String, file: String, lineOffset: Int, log: DiagnosticLog) -> Document {
        do {
            // Scalars stay untyped (Opsbook reads each value as the key expects it), so no
            // regular expression runs per scalar; UTF-8 is given so Yams does not read the
            // process environment per document.
            guard let node = try Yams.compose(yaml: text, .basic, .default, .utf8) else { return .empty }
            return .value(YAMLValue(node: node, file: file, lineOffset: lineOffset))
        } catch let error as YamlError {
            let (mark, message) = describe(error)
            log.error("yaml.syntax", at: SourceLocation(file: file, line: (mark?.line ?? 1) + lineOffset,
                                                       column: mark?.column ?? 1), message)
        } catch {
            log.error("yaml.syntax", at: SourceLocation(file: file, line: 1 + lineOffset, column: 1),
                      "YAML could not be read: \(error)")
        }
        return .invalid
    }

    /// A whole file that must be a mapping of known keys: syntax and shape problems are
    /// errors, unknown keys warnings. Nil when there is nothing to read.
    static func parseMapping(_ text: String, file: String, shapeID: String, shape: String, keys: [String], what: String,
                             log: DiagnosticLog) -> YAMLMapping? {
        guard let root = parse(text, file: file, lineOffset: 0, log: log) else { return nil }
        guard let fields = root.mapping else {
            log.error(shapeID, at: root.location, shape)
            return nil
        }
        fields.reportUnknownKeys(allowed: keys, what: what, log: log)
        return fields
    }

    private static func describe(_ error: YamlError) -> (Mark?, String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { " \($0.text)" } ?? ""
            return (mark, "YAML syntax error: \(problem)\(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return (context.mark, "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in mapping")
        case let .reader(problem, _, _, _):
            return (nil, "YAML could not be read: \(problem)")
        default:
            return (nil, "YAML error: \(error)")
        }
    }

    /// The scalar's text; nil for `~`, `null` and empty values, which mean "not given".
    var scalar: String? {
        guard case let .scalar(scalar) = node, !isNull else { return nil }
        return scalar.string
    }

    var isNull: Bool {
        guard case let .scalar(scalar) = node else { return false }
        return scalar.style == .plain && Self.isNullWord(scalar.string)
    }

    /// A switch, not an array's `contains`: this runs for every key of every page's front
    /// matter, and the array was built anew each time.
    private static func isNullWord(_ text: String) -> Bool {
        switch text {
        case "", "~", "null", "Null", "NULL": true
        default: false
        }
    }

    var sequence: [YAMLValue]? {
        guard case let .sequence(sequence) = node else { return nil }
        return sequence.map { YAMLValue(node: $0, file: file, lineOffset: lineOffset) }
    }

    var mapping: YAMLMapping? {
        guard case let .mapping(mapping) = node else { return nil }
        return YAMLMapping(value: self, pairs: mapping.map {
            (YAMLValue(node: $0.key, file: file, lineOffset: lineOffset),
             YAMLValue(node: $0.value, file: file, lineOffset: lineOffset))
        })
    }

    var kindName: String {
        switch node {
        case .scalar: "a value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}

/// A mapping read key by key. Each accessor reports a wrong shape at the value's position;
/// `reportUnknownKeys` warns about keys nobody asked for, with the closest known key.
struct YAMLMapping {
    let value: YAMLValue
    let pairs: [(key: YAMLValue, value: YAMLValue)]
    /// Each pair's key as text (nil for a null or non-scalar key), read once: every accessor
    /// looks its key up, and reading a key from its Yams node copied the node every time.
    private let keyTexts: [String?]

    init(value: YAMLValue, pairs: [(key: YAMLValue, value: YAMLValue)]) {
        self.value = value
        self.pairs = pairs
        keyTexts = pairs.map { $0.key.scalar }
    }

    var location: SourceLocation { value.location }
    var keys: [String] { keyTexts.compactMap { $0 } }

    subscript(key: String) -> YAMLValue? {
        keyTexts.firstIndex(of: key).map { pairs[$0].value }
    }

    /// Where the value of `key` is, else where the mapping is (for errors about a value just read).
    func location(of key: String) -> SourceLocation { self[key]?.location ?? location }

    func keyLocation(_ key: String) -> SourceLocation? {
        keyTexts.firstIndex(of: key).map { pairs[$0].key.location }
    }

    func reportUnknownKeys(allowed: [String], what: String, log: DiagnosticLog) {
        for pair in pairs {
            guard let key = pair.key.scalar else {
                log.warning("yaml.key", at: pair.key.location, "\(what) keys must be plain text")
                continue
            }
            if !allowed.contains(key) {
                UnknownKey.report(key, at: pair.key.location, allowed: allowed, message: "unknown key '\(key)' in \(what)", log: log)
            }
        }
    }

    /// A text value; numbers and booleans are taken as written.
    func string(_ key: String, log: DiagnosticLog) -> String? {
        guard let value = self[key], !value.isNull else { return nil }
        guard let text = value.scalar else {
            log.error("yaml.type", at: value.location, "'\(key)' should be a text value, not \(value.kindName)")
            return nil
        }
        return text
    }

    /// A list of text values; a single value is taken as a list of one.
    func strings(_ key: String, log: DiagnosticLog) -> [(text: String, location: SourceLocation)] {
        guard let value = self[key], !value.isNull else { return [] }
        if let text = value.scalar { return [(text, value.location)] }
        guard let list = value.sequence else {
            log.error("yaml.type", at: value.location, "'\(key)' should be a list of values, not \(value.kindName)")
            return []
        }
        return list.compactMap { element in
            if element.isNull { return nil }
            guard let text = element.scalar else {
                log.error("yaml.type", at: element.location, "each entry of '\(key)' should be a value, not \(element.kindName)")
                return nil
            }
            return (text, element.location)
        }
    }

    /// Every count in content (quantities, stock, points, headcount) is at most a billion, so
    /// no sum of them can overflow.
    static let largestCount = 1_000_000_000

    func int(_ key: String, log: DiagnosticLog) -> Int? {
        guard let text = string(key, log: log) else { return nil }
        guard let number = Int(text.replacingOccurrences(of: "_", with: "")) else {
            log.error("yaml.type", at: self[key]!.location, "'\(key)' should be a whole number, not '\(text)'")
            return nil
        }
        guard abs(number) <= Self.largestCount else {
            log.error("yaml.range", at: self[key]!.location, "'\(key)' is \(text); a count here is at most 1,000,000,000")
            return nil
        }
        return number
    }

    func day(_ key: String, log: DiagnosticLog) -> Day? {
        guard let text = string(key, log: log) else { return nil }
        guard let day = Day(text) else {
            log.error("date.invalid", at: self[key]!.location, "'\(text)' is not a valid date (expected YYYY-MM-DD, from 1970 on)")
            return nil
        }
        return day
    }

    func list(_ key: String, log: DiagnosticLog) -> [YAMLValue] {
        guard let value = self[key], !value.isNull else { return [] }
        guard let list = value.sequence else {
            log.error("yaml.type", at: value.location, "'\(key)' should be a list, not \(value.kindName)")
            return []
        }
        return list
    }
}

/// An unknown key is a warning with the closest known key — except a misspelt `audience`,
/// which is an error: it would publish what was meant to be internal.
enum UnknownKey {
    static func report(_ key: String, at location: SourceLocation, allowed: [String], message: String, log: DiagnosticLog) {
        let suggestion = Suggestion.closest(to: key, in: allowed)
        if suggestion == "audience" {
            log.error("audience.misspelt", at: location, message + ": a misspelt 'audience' would publish this to everyone",
                      suggestion: "audience")
        } else {
            log.warning("key.unknown", at: location, message, suggestion: suggestion)
        }
    }
}
