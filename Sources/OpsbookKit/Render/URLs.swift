import Foundation

/// Turns output folders into hrefs: relative ones ending in `index.html` (so the site
/// works from any sub-path and from file://), or absolute pretty URLs under `base_url`.
struct URLs: Sendable {
    let baseURL: String?

    private static let allowed: CharacterSet = {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#;")
        return allowed
    }()

    /// Every page links to dozens of others: paths that need no escaping (most, being
    /// ASCII slugs) skip Foundation.
    static func encode(_ path: String) -> String {
        let plain = path.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"): true
            default: false
            }
        }
        return plain ? path : path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    func root(from folder: String) -> String {
        if let baseURL { return baseURL }
        var depth = 0, previous = UInt8(ascii: "/")
        for byte in folder.utf8 {
            if byte != UInt8(ascii: "/"), previous == UInt8(ascii: "/") { depth += 1 }
            previous = byte
        }
        return String(repeating: "../", count: depth)
    }

    func folder(_ target: String, from folder: String, fragment: String? = nil) -> String {
        let anchor = fragment.map { "#" + URLs.encode($0) } ?? ""
        if let baseURL { return baseURL + URLs.encode(target) + anchor }
        return root(from: folder) + URLs.encode(target) + "index.html" + anchor
    }

    func file(_ path: String, from folder: String, fragment: String? = nil) -> String {
        root(from: folder) + URLs.encode(path) + (fragment.map { "#" + URLs.encode($0) } ?? "")
    }
}
