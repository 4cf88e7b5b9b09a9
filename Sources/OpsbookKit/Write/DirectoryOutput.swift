import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes the whole site into a fresh folder beside the output and swaps it in only when
/// every file is written, so a failed build leaves the previous site exactly as it was.
/// It replaces only what an Opsbook build wrote (a folder holding the stamp file), never a
/// file, the content or templates folder or anything above them; one build at a time holds
/// the output's lock, and staging folders a killed build left behind are cleaned up.
public struct DirectoryOutput: OutputSink {
    public var name: String { directory.path }
    /// Written into every output folder: the mark that the folder may be replaced.
    public static let stamp = ".opsbook-output"
    static let stampText = Data("This folder is written by `opsbook build` and replaced whole by the next build.\n".utf8)

    public let directory: URL
    /// Folders the output must neither be nor contain nor lie inside (content, templates).
    public let protected: [URL]

    public init(directory: URL, protecting protected: [URL] = []) {
        self.directory = directory.standardizedFileURL
        self.protected = protected.map(\.standardizedFileURL)
    }

    /// Why this output folder must not be written, or nil. The command line asks before
    /// building; `write` asks again.
    public func refusal() -> String? {
        let target = Self.resolved(directory)
        for folder in protected {
            let guarded = Self.resolved(folder)
            if target == guarded { return "the output folder '\(directory.path)' is the folder '\(folder.path)' itself" }
            if guarded.hasPrefix(target == "/" ? "/" : target + "/") {
                return "the output folder '\(directory.path)' contains '\(folder.path)': replacing it would delete it"
            }
            if target.hasPrefix(guarded + "/") {
                return "the output folder '\(directory.path)' is inside '\(folder.path)': the next build would read the site as content"
            }
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder) else { return nil }
        guard isFolder.boolValue else { return "the output '\(directory.path)' is an existing file, not a folder" }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        if entries.isEmpty || entries.contains(Self.stamp) { return nil }
        return "the output folder '\(directory.path)' is not empty and was not written by Opsbook (no \(Self.stamp) in it); "
            + "remove it or choose another folder"
    }

    /// The absolute path with links resolved, as far as the path exists.
    static func resolved(_ url: URL) -> String {
        var existing = url.standardizedFileURL, rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        var path = existing.resolvingSymlinksInPath().path
        for part in rest { path += (path.hasSuffix("/") ? "" : "/") + part }
        return path
    }

    private static func write(_ data: Data, to path: String) throws {
        guard let handle = fopen(path, "wb") else { throw OutputFailure.errno(path) }
        defer { fclose(handle) }
        let written = data.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
        guard written == data.count else { throw OutputFailure.errno(path) }
    }

    public func write(_ files: [OutputFile]) throws {
        if let refusal = refusal() { throw OutputFailure.refused(refusal) }
        try OutputFailure.checkUnique(files)
        let manager = FileManager.default
        let parent = directory.deletingLastPathComponent()
        do { try manager.createDirectory(at: parent, withIntermediateDirectories: true) }
        catch { throw OutputFailure.system("cannot create the folder: \((error as NSError).localizedFailureReason ?? "\(error)")", path: parent.path) }
        let lock = try OutputLock(parent.appending(path: ".\(directory.lastPathComponent).lock").path, for: directory.path)
        defer { lock.release() }
        removeLeftovers(in: parent)
        let name = directory.lastPathComponent
        let staging = parent.appending(path: ".\(name).building-\(ProcessInfo.processInfo.processIdentifier)")
        let previous = parent.appending(path: ".\(name).previous-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(at: staging)
        do {
            try writeFiles(files, into: staging)
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
            if error is OutputFailure { throw error }
            throw OutputFailure.system((error as NSError).localizedFailureReason ?? "\(error)", path: directory.path)
        }
    }

    private func writeFiles(_ files: [OutputFile], into staging: URL) throws {
        guard mkdir(staging.path, 0o755) == 0 else { throw OutputFailure.errno(staging.path) }
        // Each folder is created once, before any file; FileManager's per-call checks
        // dominated writing.
        var folders: Set<String> = [""]
        for file in files {
            let parts = file.path.split(separator: "/")
            guard !file.path.hasPrefix("/"), !parts.contains(".."), !parts.contains("."), !parts.isEmpty,
                  file.path != Self.stamp else {
                throw OutputFailure.unsafePath(file.path)
            }
            var folder = ""
            for part in parts.dropLast() {
                folder += (folder.isEmpty ? "" : "/") + part
                if folders.insert(folder).inserted, mkdir(staging.path + "/" + folder, 0o755) != 0, errno != EEXIST {
                    throw OutputFailure.errno(staging.path + "/" + folder)
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
        try Self.write(Self.stampText, to: staging.path + "/" + Self.stamp)
    }

    /// Staging and previous folders of builds that were killed (their process is gone).
    private func removeLeftovers(in parent: URL) {
        let name = directory.lastPathComponent
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for entry in entries {
            for infix in [".building-", ".previous-"] where entry.hasPrefix(".\(name)\(infix)") {
                guard let pid = Int32(entry.dropFirst(name.count + 1 + infix.count)) else { continue }
                if pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH) {
                    try? FileManager.default.removeItem(at: parent.appending(path: entry))
                }
            }
        }
    }
}

/// An exclusive lock beside the output folder: two builds writing one site would swap
/// folders under each other.
struct OutputLock {
    let descriptor: Int32

    init(_ path: String, for output: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputFailure.errno(path) }
        // Another build of the same site: wait for it a while, then say so.
        var waited = 0
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK, waited < 1_200 else {
                close(descriptor)
                throw OutputFailure.refused("another build is writing '\(output)' (it holds \(path)); try again when it has finished")
            }
            usleep(50_000)
            waited += 1
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
