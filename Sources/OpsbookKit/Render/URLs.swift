import Foundation

/// Turns output folders into hrefs: relative ones ending in `index.html` (so the site
/// works from any sub-path and from file://), or absolute pretty URLs under `base_url`.
struct URLs: Sendable {
    let baseURL: String?

    static func encode(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#;")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    func root(from folder: String) -> String {
        if let baseURL { return baseURL }
        return String(repeating: "../", count: folder.split(separator: "/").count)
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
