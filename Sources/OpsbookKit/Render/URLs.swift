import Foundation

/// Turns output folders into hrefs: relative ones ending in `index.html` (so the site
/// works from any sub-path and from file://), or absolute pretty URLs under `base_url`.
struct URLs: Sendable {
    let baseURL: String?

    /// RFC 3986 path characters (Foundation's `urlPathAllowed`) less `;`, which some servers
    /// read as a parameter; `?` and `#` are not path characters.
    private static let allowed: [Bool] = (0..<128).map { byte in
        let scalar = Character(Unicode.Scalar(UInt8(byte)))
        return scalar.isASCII && (scalar.isLetter || scalar.isNumber || "!$&'()*+,-./:=@_~".contains(scalar))
    }

    /// Percent-encodes every byte of the UTF-8 form outside `allowed` (uppercase hex, as
    /// Foundation's addingPercentEncoding does; tested against it). Every page links to
    /// dozens of others: this is on bytes, without Foundation.
    static func encode(_ path: String) -> String {
        guard !path.utf8.allSatisfy({ $0 < 128 && allowed[Int($0)] }) else { return path }
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count * 3)
        for byte in path.utf8 {
            if byte < 128, allowed[Int(byte)] { bytes.append(byte) } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
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

    /// site.yaml's `edit_url` for one page: its path under content/ replaces `{path}`, else is appended.
    static func editLink(_ template: String, sourcePath: String) -> String {
        let path = encode(sourcePath)
        if template.contains("{path}") { return template.replacingOccurrences(of: "{path}", with: path) }
        return template.hasSuffix("/") ? template + path : template + "/" + path
    }

    /// Home, then each (title, folder) of `trail`, as links from `folder`.
    func breadcrumbs(_ folder: String, home: String, _ trail: [(title: String, folder: String)]) -> TemplateValue {
        .list(([(home, "")] + trail).map { ["title": .text($0.title), "href": .text(self.folder($0.folder, from: folder))] })
    }
}
