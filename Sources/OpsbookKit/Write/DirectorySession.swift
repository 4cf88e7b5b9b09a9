import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One build writing into its staging folder (see DirectoryOutput.open). Files arrive from
/// every core as they are rendered; `finish` swaps the folder in only when every file was
/// written, so a failed build leaves the previous site exactly as it was.
final class DirectorySession: OutputSession, @unchecked Sendable {
    private let directory: URL
    private let staging: URL
    private let lock: OutputLock
    private let state = NSLock()
    /// Folders made so far (each once: FileManager's per-call checks dominated writing).
    private var folders: Set<String> = [""]
    private var paths: Set<String> = []
    private var failure: Error?
    private var closed = false

    init(directory: URL, staging: URL, lock: OutputLock) {
        (self.directory, self.staging, self.lock) = (directory, staging, lock)
    }

    func add(_ file: OutputFile) {
        do {
            let parts = try Self.parts(of: file.path)
            try makeFolders(for: file.path, parts: parts)
            let target = staging.path + "/" + file.path
            switch file.body {
            case let .data(data): try DirectoryOutput.write(data, to: target)
            case let .copy(source): try FileManager.default.copyItem(at: source, to: URL(fileURLWithPath: target))
            case .written: break
            }
        } catch {
            keep(error)
        }
    }

    /// Every folder of the pages about to be rendered, made in one pass before them: the
    /// cores writing pages then take the lock only to claim their paths.
    func prepareFolders(for paths: [String]) {
        state.lock(); defer { state.unlock() }
        do {
            for path in paths {
                guard let parts = try? Self.parts(of: path) else { continue }  // `add` reports it
                try makeParents(of: parts)
            }
        } catch {
            if failure == nil { failure = error }
        }
    }

    private static func parts(of path: String) throws -> [Substring] {
        let parts = path.pathParts
        guard !path.hasPrefix("/"), !parts.contains(".."), !parts.contains("."), !parts.isEmpty, path != DirectoryOutput.stamp else {
            throw OutputFailure.unsafePath(path)
        }
        return parts
    }

    private func keep(_ error: Error) {
        state.lock()
        if failure == nil { failure = error }
        state.unlock()
    }

    /// Under the lock, so no file is written before its folder exists; also where two files
    /// claiming one path are caught (the second would overwrite the first).
    private func makeFolders(for path: String, parts: [Substring]) throws {
        state.lock(); defer { state.unlock() }
        if let failure { throw failure }
        guard paths.insert(path).inserted else { throw OutputFailure.duplicatePath(path) }
        try makeParents(of: parts)
    }

    /// Called with the lock held.
    private func makeParents(of parts: [Substring]) throws {
        var folder = ""
        for part in parts.dropLast() {
            folder += (folder.isEmpty ? "" : "/") + part
            if folders.insert(folder).inserted, mkdir(staging.path + "/" + folder, 0o755) != 0, errno != EEXIST {
                throw OutputFailure.errno(staging.path + "/" + folder)
            }
        }
    }

    func finish() throws {
        state.lock()
        let failure = failure, alreadyClosed = closed
        closed = true
        state.unlock()
        guard !alreadyClosed else { return }
        defer { lock.release() }
        let manager = FileManager.default
        do {
            if let failure { throw failure }
            try DirectoryOutput.write(DirectoryOutput.stampText, to: staging.path + "/" + DirectoryOutput.stamp)
            try swapIn(manager)
        } catch {
            try? manager.removeItem(at: staging)
            if error is OutputFailure { throw error }
            throw OutputFailure.system((error as NSError).localizedFailureReason ?? "\(error)", path: directory.path)
        }
    }

    /// The previous site moves aside only for the moment of the swap, and comes back if the
    /// new one cannot take its place.
    private func swapIn(_ manager: FileManager) throws {
        guard manager.fileExists(atPath: directory.path) else { return try manager.moveItem(at: staging, to: directory) }
        let previous = directory.deletingLastPathComponent()
            .appending(path: ".\(directory.lastPathComponent).previous-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(at: previous)
        try manager.moveItem(at: directory, to: previous)
        do { try manager.moveItem(at: staging, to: directory) }
        catch { try? manager.moveItem(at: previous, to: directory); throw error }
        try? manager.removeItem(at: previous)
    }

    func abandon() {
        state.lock()
        let alreadyClosed = closed
        closed = true
        state.unlock()
        guard !alreadyClosed else { return }
        try? FileManager.default.removeItem(at: staging)
        lock.release()
    }

    deinit { abandon() }
}
