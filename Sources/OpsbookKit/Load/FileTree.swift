#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The files under a folder, read with readdir: Foundation's enumerator asked for each
/// file's resource values one by one, half a second of a 10,000-page build, on one core.
/// Names starting with "." are skipped with their contents; a symbolic link counts only when
/// it leads to a regular file inside the folder, and one leading outside is a warning.
struct FileTree {
    let root: URL
    let log: DiagnosticLog

    func files() -> [String] {
        guard let resolved = realpath(root.path, nil) else { return [] }
        let realRoot = String(cString: resolved)
        free(resolved)
        var paths: [String] = []
        walk("", realRoot: realRoot, into: &paths)
        return paths.sorted()
    }

    private func walk(_ relative: String, realRoot: String, into paths: inout [String]) {
        let folder = relative.isEmpty ? root.path : root.path + "/" + relative
        guard let directory = opendir(folder) else { return }
        var entries: [(name: String, type: Int)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if !name.hasPrefix(".") { entries.append((name, Int(entry.pointee.d_type))) }
        }
        closedir(directory)
        // Sorted here too, so that warnings come in the same order on every machine.
        for (name, type) in entries.sorted(by: { $0.name < $1.name }) {
            let path = relative.isEmpty ? name : relative + "/" + name
            let full = folder + "/" + name
            switch type == Int(DT_UNKNOWN) ? Self.kind(full, following: false) : type {
            case Int(DT_DIR): walk(path, realRoot: realRoot, into: &paths)
            case Int(DT_REG): paths.append(path)
            case Int(DT_LNK):
                guard let target = realpath(full, nil) else { continue }
                let resolved = String(cString: target)
                free(target)
                guard (resolved + "/").hasPrefix(realRoot + "/") else {
                    log.warning("file.symlink", at: SourceLocation(file: root.appending(path: path).path, line: 1, column: 1),
                                "symbolic link points outside the content folder; skipped")
                    continue
                }
                if Self.kind(resolved, following: true) == Int(DT_REG) { paths.append(path) }
            default: continue
            }
        }
    }

    /// The d_type-style kind of a path, from lstat (or stat, following links).
    private static func kind(_ path: String, following: Bool) -> Int {
        var info = stat()
        guard (following ? stat(path, &info) : lstat(path, &info)) == 0 else { return Int(DT_UNKNOWN) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return Int(DT_DIR)
        case S_IFREG: return Int(DT_REG)
        case S_IFLNK: return Int(DT_LNK)
        default: return Int(DT_UNKNOWN)
        }
    }
}
