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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count * 3)
        encode(path, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func encode(_ path: String, into bytes: inout [UInt8]) {
        for byte in path.utf8 {
            if byte < 128, allowed[Int(byte)] { bytes.append(byte) } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    func root(from folder: String) -> String {
        if let baseURL { return baseURL }
        return String(repeating: "../", count: Self.depth(of: folder))
    }

    private static func depth(of folder: String) -> Int {
        var depth = 0, previous = UInt8(ascii: "/")
        for byte in folder.utf8 {
            if byte != UInt8(ascii: "/"), previous == UInt8(ascii: "/") { depth += 1 }
            previous = byte
        }
        return depth
    }

    func folder(_ target: String, from folder: String, fragment: String? = nil) -> String {
        href(target, from: folder, suffix: baseURL == nil ? "index.html" : "", fragment: fragment)
    }

    func file(_ path: String, from folder: String, fragment: String? = nil) -> String {
        href(path, from: folder, suffix: "", fragment: fragment)
    }

    /// The root (base URL or `../` per level), the encoded target, `suffix`, `#fragment`, made in one
    /// buffer: joining them as strings cost some 4,000 instructions a link, and a page list holds thousands.
    private func href(_ target: String, from folder: String, suffix: StaticString, fragment: String?) -> String {
        var bytes: [UInt8] = []
        let depth = baseURL == nil ? Self.depth(of: folder) : 0
        bytes.reserveCapacity((baseURL?.utf8.count ?? 3 * depth) + 3 * (target.utf8.count + (fragment?.utf8.count ?? 0)) + 12)
        if let baseURL {
            bytes += baseURL.utf8
        } else {
            for _ in 0..<depth { bytes.append(UInt8(ascii: ".")); bytes.append(UInt8(ascii: ".")); bytes.append(UInt8(ascii: "/")) }
        }
        Self.encode(target, into: &bytes)
        bytes += UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
        if let fragment {
            bytes.append(UInt8(ascii: "#"))
            Self.encode(fragment, into: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
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
