/// The things every stage asks of a content path (`knowledge/db/rac.md`), in one
/// place so each is cut the same way: at its `/` bytes (see `parts(separatedBy:)`).
extension StringProtocol {
    /// The path's parts between its slashes, empty ones left out.
    var pathParts: [Substring] { parts(separatedBy: UInt8(ascii: "/")) }

    /// The folder holding the file at this path, without a trailing slash; "" at the top.
    var pathFolder: String { pathParts.dropLast().joined(separator: "/") }

    /// The file name without its `.md`: `rac` for `knowledge/db/rac.md`.
    var fileStem: String {
        guard let file = pathParts.last else { return "" }
        return String(file.hasSuffix(".md") ? file.dropLast(3) : file)
    }

    /// The file stem lowercased: the name `[[name]]` links and references use.
    var linkName: String { fileStem.lowercased() }
}
