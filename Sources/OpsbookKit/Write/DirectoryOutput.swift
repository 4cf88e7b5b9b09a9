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

    /// One open, write and close a file: stdio's `fopen` asked the file's size before its first
    /// write and split a large one in two, a third more system calls over the site's 27,000 files;
    /// and its `fclose`, which reports a failed last write (a full disk), went unchecked.
    static func write(_ data: Data, to path: String) throws {
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputFailure.errno(path) }
        let written = data.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let count = Glibc.write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        guard written else {
            let failure = OutputFailure.errno(path)  // before close can change errno
            close(descriptor)
            throw failure
        }
        guard close(descriptor) == 0 else { throw OutputFailure.errno(path) }
    }

    /// Takes the output's lock and a fresh staging folder beside it; the files are written
    /// there as they come and swapped in whole by the session's `finish`.
    public func open() throws -> OutputSession {
        if let refusal = refusal() { throw OutputFailure.refused(refusal) }
        let parent = directory.deletingLastPathComponent()
        do { try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
            throw OutputFailure.system(
                "cannot create the folder: \((error as NSError).localizedFailureReason ?? "\(error)")", path: parent.path)
        }
        let lock = try OutputLock(parent.appending(path: ".\(directory.lastPathComponent).lock").path, for: directory.path)
        removeLeftovers(in: parent)
        let staging = parent.appending(path: ".\(directory.lastPathComponent).building-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: staging)
        guard mkdir(staging.path, 0o755) == 0 else {
            let failure = OutputFailure.errno(staging.path)
            lock.release()
            throw failure
        }
        return DirectorySession(directory: directory, staging: staging, lock: lock)
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
