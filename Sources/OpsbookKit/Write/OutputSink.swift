import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a build's files go. Tests use MemoryOutput and never touch the disk.
public protocol OutputSink {
    /// Opens the output for one build. Files go in as they are rendered; the site appears
    /// only when the session finishes, so a failed build publishes nothing.
    func open() throws -> OutputSession
    /// Where the files go, for diagnostics.
    var name: String { get }
}

/// One build's output while it is written. `add` is called from every core as pages finish
/// rendering, so a large site never waits in memory whole (at 10,000 pages its bytes were
/// most of the build's peak). The first failure is kept and thrown by `finish`.
public protocol OutputSession: AnyObject, Sendable {
    func add(_ file: OutputFile)
    /// Publishes what was added, or throws the first failure and publishes nothing.
    func finish() throws
    /// Publishes nothing: the build failed after the output was opened.
    func abandon()
    /// The paths of files that will be added, told before they are made (a disk output makes
    /// their folders in one pass); nothing is published by it.
    func prepareFolders(for paths: [String])
}

extension OutputSession {
    public func prepareFolders(for paths: [String]) {}
}

extension OutputSink {
    public var name: String { "output" }

    /// Writes a list of files as one build.
    public func write(_ files: [OutputFile]) throws {
        try OutputFailure.checkUnique(files)
        let session = try open()
        for file in files { session.add(file) }
        try session.finish()
    }
}

extension OutputFile {
    /// Handed to the session when there is one, keeping only the path; else kept whole
    /// (`check`, the preview).
    func delivered(to session: OutputSession?) -> OutputFile {
        guard let session else { return self }
        session.add(self)
        return OutputFile(path: path, body: .written)
    }
}

public final class MemoryOutput: OutputSink, @unchecked Sendable {
    public private(set) var files: [String: Data] = [:]
    public init() {}

    public func open() throws -> OutputSession { Session(self) }

    private final class Session: OutputSession, @unchecked Sendable {
        private let output: MemoryOutput
        private let lock = NSLock()
        private var added: [OutputFile] = []
        init(_ output: MemoryOutput) { self.output = output }

        func add(_ file: OutputFile) { lock.lock(); added.append(file); lock.unlock() }
        func abandon() { lock.lock(); added = []; lock.unlock() }
        func finish() throws {
            lock.lock(); defer { lock.unlock() }
            try OutputFailure.checkUnique(added)
            output.files = [:]
            for file in added { output.files[file.path] = file.data ?? Data() }
        }
    }
}

/// Why a site could not be written, in words a user can act on.
public enum OutputFailure: Error, CustomStringConvertible {
    case unsafePath(String)
    case duplicatePath(String)
    case refused(String)
    case system(String, path: String)

    public var description: String {
        switch self {
        case let .unsafePath(path): "refusing to write outside the output folder: \(path)"
        case let .duplicatePath(path): "two outputs write '\(path)'; nothing was written"
        case let .refused(reason): reason
        case let .system(reason, path): "\(path): \(reason)"
        }
    }

    /// The system's words for the current errno.
    static func errno(_ path: String) -> OutputFailure { .system(String(cString: strerror(Glibc.errno)), path: path) }

    /// Two things writing one path lose one of them silently: the writer refuses outright.
    static func checkUnique(_ files: [OutputFile]) throws {
        if let duplicate = firstDuplicate(files) { throw duplicate }
    }

    static func firstDuplicate(_ files: [OutputFile]) -> OutputFailure? {
        var seen = Set<String>()
        seen.reserveCapacity(files.count)
        for file in files where !seen.insert(file.path).inserted { return duplicatePath(file.path) }
        return nil
    }
}

