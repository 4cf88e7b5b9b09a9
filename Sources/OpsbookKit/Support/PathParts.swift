/// The things every stage asks of a content path (`knowledge/db/rac.md`), in one
/// place so each is cut the same way: at its `/` bytes (see `parts(separatedBy:)`).
extension StringProtocol {
    /// The path's parts between its slashes, empty ones left out.
    var pathParts: [Substring] { parts(separatedBy: UInt8(ascii: "/")) }

    /// The folder holding the file at this path, without a trailing slash; "" at the top.
    var pathFolder: String { pathParts.dropLast().joined(separator: "/") }

    /// The file name without its `.md`: `rac` for `knowledge/db/rac.md`.
    /// Cut on bytes from the end: every link and reference asks, and splitting the whole path
    /// and a Character-wise `hasSuffix` cost thousands of instructions each time.
    var fileStem: String {
        let path = String(self), bytes = path.utf8, slash = UInt8(ascii: "/")
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == slash { end = bytes.index(before: end) }
        var start = end
        while start > bytes.startIndex, bytes[bytes.index(before: start)] != slash { start = bytes.index(before: start) }
        if bytes.distance(from: start, to: end) >= 3, bytes[start..<end].reversed().starts(with: ".md".utf8.reversed()) {
            end = bytes.index(end, offsetBy: -3)
        }
        return String(path[start..<end])
    }

    /// The file stem lowercased: the name `[[name]]` links and references use.
    var linkName: String { fileStem.lowercased() }
}
