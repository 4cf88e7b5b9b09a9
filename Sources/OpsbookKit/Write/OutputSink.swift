import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a build's files go. Tests use MemoryOutput and never touch the disk.
public protocol OutputSink {
    func write(_ files: [OutputFile]) throws
    /// Where the files go, for diagnostics.
    var name: String { get }
}

extension OutputSink {
    public var name: String { "output" }
}

public final class MemoryOutput: OutputSink, @unchecked Sendable {
    public private(set) var files: [String: Data] = [:]
    public init() {}
    public func write(_ files: [OutputFile]) throws {
        try OutputFailure.checkUnique(files)
        for file in files { self.files[file.path] = file.data ?? Data() }
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

