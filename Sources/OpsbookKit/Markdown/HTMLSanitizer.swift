/// An allowlist HTML sanitizer for `raw_html: sanitize`. It re-tokenises a rendered body and
/// rebuilds every tag from scratch: only allowed elements and attributes survive, URLs only
/// with http, https, mailto or no scheme, text is re-escaped, elements whose content is
/// code or foreign markup (script, style, svg, …) are dropped with their content, and open
/// tags are balanced so the fragment stays well-formed. cmark-gfm's tagfilter only defuses
/// a handful of tags and lets `onclick=` and `javascript:` through.
public enum HTMLSanitizer {
    static let elements: Set<String> = [
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "div", "dl", "dt",
        "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "li", "mark",
        "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
        "th", "thead", "tr", "u", "ul",
    ]
    static let void: Set<String> = ["br", "col", "hr", "img", "input"]
    /// Dropped together with everything inside them.
    static let opaque: Set<String> = [
        "script", "style", "iframe", "object", "embed", "noscript", "template", "textarea", "title",
        "xmp", "noembed", "noframes", "plaintext", "svg", "math", "frameset", "frame", "applet", "select", "option"
    ]
    static let globalAttributes: Set<String> = ["id", "title", "lang", "dir", "class"]
    static let attributes: [String: Set<String>] = [
        "a": ["href"], "img": ["src", "alt", "width", "height"], "td": ["align", "colspan", "rowspan"],
        "th": ["align", "colspan", "rowspan"],
        "ol": ["start", "type"], "li": ["value"], "input": ["type", "checked", "disabled", "aria-label"], "col": ["span"],
        "colgroup": ["span"],
        "details": ["open"], "q": ["cite"], "blockquote": ["cite"], "del": ["cite"], "ins": ["cite"]
    ]
    static let urlAttributes: Set<String> = ["href", "src", "cite"]

    public static func sanitize(_ html: String) -> String {
        var output = ""
        output.reserveCapacity(html.utf8.count)
        var open: [String] = []
        var skipping: String?
        let scalars = Array(html.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "<" {
                if let (tag, end) = parseTag(scalars, from: i) {
                    i = end
                    if let closing = skipping {
                        if tag.closing && tag.name == closing { skipping = nil }
                        continue
                    }
                    switch tag.kind {
                    case .comment, .declaration: continue
                    case .element: break
                    }
                    if opaque.contains(tag.name) {
                        if !tag.closing && !tag.selfClosing { skipping = tag.name }
                        continue
                    }
                    guard elements.contains(tag.name) else { continue }
                    if tag.closing {
                        guard let position = open.lastIndex(of: tag.name) else { continue }
                        for name in open[position...].reversed() { output += "</\(name)>" }
                        open.removeSubrange(position...)
                    } else {
                        output += build(tag)
                        if !void.contains(tag.name) { open.append(tag.name) }
                    }
                    continue
                }
                if skipping == nil { output += "&lt;" }
                i += 1
                continue
            }
            if skipping == nil {
                switch c {
                case ">": output += "&gt;"
                case "\"": output += "&quot;"
                case "&": output += isEntity(scalars, at: i) ? "&" : "&amp;"
                default: output.unicodeScalars.append(c)
                }
            }
            i += 1
        }
        for name in open.reversed() { output += "</\(name)>" }
        return output
    }

    struct Tag {
        enum Kind { case element, comment, declaration }
        var kind: Kind
        var name = ""
        var closing = false
        var selfClosing = false
        var attributes: [(String, String?)] = []
    }

    private static func isEntity(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        var j = i + 1
        if j < s.count, s[j] == "#" { j += 1; if j < s.count, s[j] == "x" || s[j] == "X" { j += 1 } }
        let start = j
        while j < s.count, j - start < 32, s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) { j += 1 }
        return j > start && j < s.count && s[j] == ";"
    }

    /// Parses a tag starting at `<`; nil when it is not one (then `<` is text).
    private static func parseTag(_ s: [Unicode.Scalar], from start: Int) -> (Tag, Int)? {
        var i = start + 1
        guard i < s.count else { return nil }
        if s[i] == "!" {
            if i + 2 < s.count, s[i + 1] == "-", s[i + 2] == "-" {
                var j = i + 3
                while j + 2 < s.count, !(s[j] == "-" && s[j + 1] == "-" && s[j + 2] == ">") { j += 1 }
                return (Tag(kind: .comment), min(j + 3, s.count))
            }
            var j = i
            while j < s.count, s[j] != ">" { j += 1 }
            return (Tag(kind: .declaration), min(j + 1, s.count))
        }
        if s[i] == "?" {
            var j = i
            while j < s.count, s[j] != ">" { j += 1 }
            return (Tag(kind: .declaration), min(j + 1, s.count))
        }
        var tag = Tag(kind: .element)
        if s[i] == "/" { tag.closing = true; i += 1 }
        guard i < s.count, s[i].properties.isAlphabetic, s[i].isASCII else { return nil }
        var name = ""
        while i < s.count, s[i].isASCII, s[i].properties.isAlphabetic || ("0"..."9").contains(s[i]) || s[i] == "-" {
            name.unicodeScalars.append(s[i]); i += 1
        }
        tag.name = name.lowercased()
        while i < s.count {
            while i < s.count, s[i].properties.isWhitespace || s[i] == "/" {
                if s[i] == "/" { tag.selfClosing = true }
                i += 1
            }
            guard i < s.count else { return nil }
            if s[i] == ">" { return (tag, i + 1) }
            tag.selfClosing = false
            var attribute = ""
            while i < s.count, !s[i].properties.isWhitespace, s[i] != "=", s[i] != ">", s[i] != "/" {
                attribute.unicodeScalars.append(s[i]); i += 1
            }
            while i < s.count, s[i].properties.isWhitespace { i += 1 }
            var value: String?
            if i < s.count, s[i] == "=" {
                i += 1
                while i < s.count, s[i].properties.isWhitespace { i += 1 }
                var text = ""
                if i < s.count, s[i] == "\"" || s[i] == "'" {
                    let quote = s[i]; i += 1
                    while i < s.count, s[i] != quote { text.unicodeScalars.append(s[i]); i += 1 }
                    guard i < s.count else { return nil }
                    i += 1
                } else {
                    while i < s.count, !s[i].properties.isWhitespace, s[i] != ">" { text.unicodeScalars.append(s[i]); i += 1 }
                }
                value = text
            }
            if !attribute.isEmpty { tag.attributes.append((attribute.lowercased(), value)) }
        }
        return nil
    }

    private static func build(_ tag: Tag) -> String {
        var result = "<" + tag.name
        let allowed = globalAttributes.union(attributes[tag.name] ?? [])
        var seen = Set<String>()
        for (name, raw) in tag.attributes where allowed.contains(name) && seen.insert(name).inserted {
            let value = decodeEntities(raw ?? "")
            if urlAttributes.contains(name), !safeURL(value) { continue }
            if tag.name == "input", name == "type", value.lowercased() != "checkbox" { return "" }
            result += raw == nil ? " \(name)" : " \(name)=\"\(HTML.escape(value))\""
        }
        if tag.name == "input" && !seen.contains("type") { return "" }
        return result + (void.contains(tag.name) ? " />" : ">")
    }

    /// http, https, mailto, or no scheme at all (relative), after the entity decoding and
    /// whitespace browsers apply — `java&#x09;script:` is still javascript.
    static func safeURL(_ url: String) -> Bool {
        let compact = String(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
        if compact.hasPrefix(RenderedMarkdown.urlPrefix) { return true }
        guard let colon = compact.firstIndex(of: ":") else { return true }
        let scheme = compact[..<colon]
        if scheme.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { return true }
        return ["http", "https", "mailto"].contains(scheme.lowercased())
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        let s = Array(text.unicodeScalars)
        var i = 0
        let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t",
                                       "newline": "\n", "sol": "/", "lpar": "(", "rpar": ")", "nbsp": "\u{A0}"]
        while i < s.count {
            if s[i] == "&" {
                var j = i + 1
                var body = ""
                while j < s.count, j - i < 12, s[j] != ";", s[j] != "&" { body.unicodeScalars.append(s[j]); j += 1 }
                var decoded: String?
                if body.hasPrefix("#x") || body.hasPrefix("#X") {
                    decoded = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map(String.init)
                } else if body.hasPrefix("#") {
                    decoded = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init).map(String.init)
                } else {
                    decoded = named[body.lowercased()]
                }
                if let decoded {
                    out += decoded
                    i = (j < s.count && s[j] == ";") ? j + 1 : j
                    continue
                }
            }
            out.unicodeScalars.append(s[i])
            i += 1
        }
        return out
    }
}
