import Foundation

/// A place in a source file. `file` is absolute; it is shown relative to the working directory.
public struct SourceLocation: Sendable, Hashable, Comparable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in the input, with a stable `id` (tests and CI filters can rely on it)
/// and, where one exists, the closest valid alternative.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Comparable {
        case error, warning, note
        public static func < (a: Severity, b: Severity) -> Bool {
            let order: [Severity] = [.error, .warning, .note]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    public var id: String
    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    public var suggestion: String?

    public init(_ severity: Severity, _ id: String, at location: SourceLocation, _ message: String,
                suggestion: String? = nil) {
        self.id = id
        self.severity = severity
        self.location = location
        self.message = message
        self.suggestion = suggestion
    }

    /// `PATH:LINE:COL: error: MESSAGE; did you mean 'x'? [id]`, PATH relative to `directory`.
    public func formatted(relativeTo directory: String) -> String {
        var text = "\(Paths.display(location.file, relativeTo: directory)):\(location.line):\(location.column): "
        text += "\(severity.rawValue): \(message)"
        if let suggestion { text += "; did you mean '\(suggestion)'?" }
        return text + " [\(id)]"
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line and column; exact repeats (the same problem found twice) dropped.
    public var sortedForDisplay: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return filter { seen.insert($0).inserted }.sorted {
            ($0.location, $0.severity, $0.message) < ($1.location, $1.severity, $1.message)
        }
    }
}

/// Collects diagnostics from every stage; safe to share between rendering threads.
public final class DiagnosticLog: @unchecked Sendable {
    private var items: [Diagnostic] = []
    private let lock = NSLock()

    public init() {}

    public func add(_ diagnostic: Diagnostic) {
        lock.lock()
        items.append(diagnostic)
        lock.unlock()
    }

    public func error(_ id: String, at location: SourceLocation, _ message: String, suggestion: String? = nil) {
        add(Diagnostic(.error, id, at: location, message, suggestion: suggestion))
    }

    public func warning(_ id: String, at location: SourceLocation, _ message: String, suggestion: String? = nil) {
        add(Diagnostic(.warning, id, at: location, message, suggestion: suggestion))
    }

    public func note(_ id: String, at location: SourceLocation, _ message: String) {
        add(Diagnostic(.note, id, at: location, message))
    }

    public var all: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return items.sortedForDisplay
    }

    public var hasErrors: Bool { all.hasErrors }
}
