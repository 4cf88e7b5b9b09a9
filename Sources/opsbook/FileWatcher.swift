import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches folders recursively with Linux inotify and reports changed files in batches:
/// editors save in several steps (write a temporary file, rename it), so events are
/// gathered until the folder has been quiet for a moment.
final class FileWatcher: @unchecked Sendable {
    private let descriptor: Int32
    private var folders: [Int32: String] = [:]
    private let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE)

    init?(roots: [String]) {
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        for root in roots { watch(folder: root) }
    }

    private func watch(folder: String) {
        let handle = inotify_add_watch(descriptor, folder, mask)
        if handle >= 0 { folders[handle] = folder }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where !name.hasPrefix(".") {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder), isFolder.boolValue {
                watch(folder: folder + "/" + name)
            }
        }
    }

    /// Blocks, calling `onChange` with the sorted paths of each batch of changes.
    func run(quietMilliseconds: Int32 = 30, onChange: ([String]) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var changed = Set<String>(), created = Set<String>()
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            // Wait for the first event, then keep reading until the folder is quiet.
            var timeout: Int32 = -1
            while poll(&poller, 1, timeout) > 0 {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                for (path, mask) in events(in: buffer, count: count) {
                    changed.insert(path)
                    if mask & UInt32(IN_CREATE) != 0 { created.insert(path) }
                }
                timeout = quietMilliseconds
            }
            // An editor's temporary file, written and renamed over the real one within the
            // batch, is not a change of its own.
            changed.subtract(created.filter { !FileManager.default.fileExists(atPath: $0) })
            if !changed.isEmpty { onChange(changed.sorted()) }
        }
    }

    /// Editors' swap, backup and save-then-rename files (vim, Emacs, JetBrains, VS Code) are
    /// not content; treating them as changes would turn a one-page save into a full build.
    static func isEditorTemporary(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("#") || name.hasSuffix("~") || name == "4913" || name.hasSuffix(".tmp")
            || name.hasSuffix("___jb_tmp___") || name.hasSuffix("___jb_old___") || name.hasSuffix(".crswap")
    }

    private func events(in buffer: [UInt8], count: Int) -> [(path: String, mask: UInt32)] {
        var paths: [(path: String, mask: UInt32)] = []
        var offset = 0
        let headerSize = MemoryLayout<inotify_event>.size
        while offset + headerSize <= count {
            let (handle, eventMask, nameLength) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                return (event.wd, event.mask, Int(event.len))
            }
            let nameBytes = buffer[(offset + headerSize)..<min(count, offset + headerSize + nameLength)].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            offset += headerSize + nameLength
            guard let folder = folders[handle], !name.isEmpty, !Self.isEditorTemporary(name) else { continue }
            let path = folder + "/" + name
            if eventMask & UInt32(IN_ISDIR) != 0 {
                if eventMask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { watch(folder: path) }
            }
            paths.append((path, eventMask))
        }
        return paths
    }
}
