import Foundation

/// Where a build's files go. Tests use MemoryOutput and never touch the disk.
public protocol OutputSink {
    func write(_ files: [OutputFile]) throws
}

public final class MemoryOutput: OutputSink, @unchecked Sendable {
    public private(set) var files: [String: Data] = [:]
    public init() {}
    public func write(_ files: [OutputFile]) throws {
        for file in files { self.files[file.path] = file.data ?? Data() }
    }
}

/// Writes the whole site into a fresh folder beside the output and swaps it in only when
/// every file is written, so a failed build leaves the previous site exactly as it was.
public struct DirectoryOutput: OutputSink {
    public let directory: URL

    public init(directory: URL) { self.directory = directory.standardizedFileURL }

    public enum Failure: Error, CustomStringConvertible {
        case unsafePath(String)
        public var description: String {
            switch self { case let .unsafePath(path): "refusing to write outside the output folder: \(path)" }
        }
    }

    private static func write(_ data: Data, to path: String) throws {
        guard let handle = fopen(path, "wb") else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { fclose(handle) }
        let written = data.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
        guard written == data.count else { throw CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: path]) }
    }

    public func write(_ files: [OutputFile]) throws {
        let manager = FileManager.default
        let parent = directory.deletingLastPathComponent()
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        let name = directory.lastPathComponent
        let staging = parent.appending(path: ".\(name).building-\(ProcessInfo.processInfo.processIdentifier)")
        let previous = parent.appending(path: ".\(name).previous-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(at: staging)
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            // Each folder is created once, before any file; FileManager's per-call checks
            // dominated writing.
            var folders: Set<String> = [""]
            for file in files {
                let parts = file.path.split(separator: "/")
                guard !file.path.hasPrefix("/"), !parts.contains(".."), !parts.contains("."), !parts.isEmpty else {
                    throw Failure.unsafePath(file.path)
                }
                var folder = ""
                for part in parts.dropLast() {
                    folder += (folder.isEmpty ? "" : "/") + part
                    if folders.insert(folder).inserted, mkdir(staging.path + "/" + folder, 0o755) != 0, errno != EEXIST {
                        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: folder])
                    }
                }
            }
            // Files are independent; the kernel's inode work is the cost, so use every core.
            let failures = parallelMap(files.count) { index -> Error? in
                let file = files[index]
                let target = staging.path + "/" + file.path
                do {
                    switch file.body {
                    case let .data(data): try Self.write(data, to: target)
                    case let .copy(source): try FileManager.default.copyItem(at: source, to: URL(fileURLWithPath: target))
                    }
                    return nil
                } catch { return error }
            }
            if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
            if manager.fileExists(atPath: directory.path) {
                try? manager.removeItem(at: previous)
                try manager.moveItem(at: directory, to: previous)
                do { try manager.moveItem(at: staging, to: directory) }
                catch { try? manager.moveItem(at: previous, to: directory); throw error }
                try? manager.removeItem(at: previous)
            } else {
                try manager.moveItem(at: staging, to: directory)
            }
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
    }
}
