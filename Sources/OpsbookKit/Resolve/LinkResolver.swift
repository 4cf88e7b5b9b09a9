import Foundation

/// Resolution of one reference or link at a time, against indexes built once.
struct LinkResolver {
    /// The URI scheme (RFC 3986: a letter, then letters, digits, '+', '.', '-', before ':'), if any.
    static func scheme(of destination: String) -> Substring? {
        guard let colon = destination.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let name = destination[..<colon]
        guard let first = name.utf8.first, first.isASCIILetter,
              name.utf8.allSatisfy({ $0.isASCIILetter || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                  || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }) else { return nil }
        return name
    }

    let content: Content
    let hidden: HiddenContent
    /// Variable so that a preview can reuse the indexes and report into a new log.
    var log: DiagnosticLog
    private(set) var ids: [String: Node] = [:]
    private var pagesByPath: [String: Int] = [:]
    private var pagesByName: [String: [Int]] = [:]
    private let idList: [String]

    init(content: Content, hidden: HiddenContent, log: DiagnosticLog) {
        self.content = content
        self.hidden = hidden
        self.log = log
        var locations: [String: SourceLocation] = [:]
        func claim(_ id: String, _ node: Node, at location: SourceLocation, ids: inout [String: Node]) {
            if let first = locations[id] {
                let here = FileManager.default.currentDirectoryPath
                func elsewhere(_ other: SourceLocation) -> String {
                    "duplicate id '\(id)'; it is also used at \(Paths.display(other.file, relativeTo: here)):\(other.line)"
                }
                log.error("id.duplicate", at: location, elsewhere(first))
                log.error("id.duplicate", at: first, elsewhere(location))
                return
            }
            locations[id] = location
            ids[id] = node
        }
        var ids: [String: Node] = [:]
        for (index, page) in content.pages.enumerated() {
            claim(page.id, .page(index), at: page.idLocation, ids: &ids)
            pagesByPath[page.sourcePath] = index
            let name = page.sourcePath.linkName
            pagesByName[name, default: []].append(index)
        }
        for (index, item) in content.items.enumerated() {
            claim(item.id, .item(index), at: item.location, ids: &ids)
        }
        self.ids = ids
        idList = ids.keys.sorted()
    }

    private func kindName(_ node: Node) -> String {
        switch node {
        case let .page(index): "a \(content.pages[index].type.rawValue) page"
        case .item: "an inventory item"
        }
    }

    /// What each name that is not an id resolves to as a reference would (a path, a unique
    /// file name), for the operations records, which keep names: so that pages never resolve.
    func names(_ names: Set<String>) -> [String: Node] {
        var found: [String: Node] = [:]
        for name in names where ids[name] == nil { if let node = lookUp(name, at: nil) ?? nil { found[name] = node } }
        return found
    }

    /// An id, or else the name of a Markdown file that is unique in the site. Nil: nothing
    /// has the name; `.some(nil)`: several files do (an error at `location`).
    private func lookUp(_ name: String, at location: SourceLocation?) -> Node?? {
        if let node = ids[name] { return node }
        var stem = name.lowercased()
        if stem.hasSuffix(".md") { stem = String(stem.dropLast(3)) }
        if let path = pagesByPath[name] { return .page(path) }
        if let matches = pagesByName[stem] {
            if matches.count == 1 { return .page(matches[0]) }
            if let location {
                log.error("ref.ambiguous", at: location, "'\(name)' is not an id and names several files: "
                          + matches.map { content.pages[$0].sourcePath }.joined(separator: ", ") + "; use an id")
            }
            return .some(nil)
        }
        return nil
    }

    func reference(_ reference: Reference) -> Node? {
        guard let found = lookUp(reference.target, at: reference.location) else {
            log.error("ref.unknown", at: reference.location, "'\(reference.field)' refers to unknown id '\(reference.target)'",
                      suggestion: Suggestion.forReference(reference.target, in: idList))
            return nil
        }
        guard let node = found else { return nil }
        let wantsItem = reference.field == "runs_on"
        let wantsSystem = reference.field == "depends_on" || reference.field == "systems"
        switch node {
        case .page(let index) where wantsItem:
            log.error(
                "ref.kind", at: reference.location,
                "'runs_on' names inventory items, but '\(reference.target)' is \(kindName(.page(index)))")
            return nil
        case .page(let index) where wantsSystem && content.pages[index].type != .system,
            .item(let index) where wantsSystem:
            log.error(
                "ref.kind", at: reference.location, "'\(reference.field)' names systems, but '\(reference.target)' is \(kindName(node))")
            return nil
        default:
            return node
        }
    }

    /// A link that leads nowhere: an error, or with `broken_links: warn` a warning (the site
    /// is written and the link shows as its text).
    private func broken(_ id: String, at location: SourceLocation, _ message: String, suggestion: String? = nil) {
        if content.site.brokenLinks == .warn { log.warning(id, at: location, message, suggestion: suggestion) }
        else { log.error(id, at: location, message, suggestion: suggestion) }
    }

    func link(_ link: MarkdownLink, from sourcePath: String, anchors: [MarkdownHeading], file: String, lineOffset: Int) -> LinkTarget {
        let location = SourceLocation(file: file, line: link.line + lineOffset, column: link.column)
        if case .wiki = link.kind { return wikiLink(link.destination, at: location) }
        let destination = link.destination
        if let scheme = Self.scheme(of: destination) {
            guard ["http", "https", "mailto"].contains(scheme.lowercased()) else {
                log.warning("link.scheme", at: location, "links may use http, https or mailto; '\(scheme):' is shown as plain text")
                return .hidden
            }
            return .external(destination)
        }
        if destination.isEmpty || destination.hasPrefix("//") { return .external(destination) }
        if destination.hasPrefix("#") { return anchorLink(String(destination.dropFirst()), anchors: anchors, at: location) }
        return pathLink(destination, from: sourcePath, at: location)
    }

    private func wikiLink(_ destination: String, at location: SourceLocation) -> LinkTarget {
        let (name, fragment) = split(destination, at: UInt8(ascii: "#"))
        if ids[name] == nil, hidden.contains(reference: name) { return .hidden }
        guard let found = lookUp(name, at: location) else {
            broken("link.unknown", at: location, "wiki link to unknown id or file '\(name)'",
                   suggestion: Suggestion.forReference(name, in: idList))
            return .unresolved
        }
        guard let node = found else { return .unresolved }
        return target(node, fragment, at: location)
    }

    /// `#anchor` on the page itself.
    private func anchorLink(_ written: String, anchors: [MarkdownHeading], at location: SourceLocation) -> LinkTarget {
        let anchor = decode(written)
        if anchor.isEmpty || anchors.contains(where: { $0.anchor == anchor }) { return .anchor(anchor) }
        if let meant = otherToolsAnchor(anchor, in: anchors, at: location) { return .anchor(meant) }
        broken("link.anchor", at: location, "no heading with anchor '#\(anchor)' on this page",
               suggestion: Suggestion.closest(to: anchor, in: anchors.map(\.anchor)).map { "#" + $0 })
        return .unresolved
    }

    /// A relative or root-relative path: a page's Markdown file, a folder's section page, a
    /// copied file, or (with a warning) a page's address as other tools write it.
    private func pathLink(_ destination: String, from sourcePath: String, at location: SourceLocation) -> LinkTarget {
        var (pathPart, fragment) = split(destination, at: UInt8(ascii: "#"))
        if let query = pathPart.utf8.firstIndex(of: UInt8(ascii: "?")) { pathPart = String(pathPart[..<query]) }
        let folder = sourcePath.pathFolder
        let base = pathPart.hasPrefix("/") ? "" : folder
        guard let path = Self.normalize(decode(pathPart), under: base) else {
            log.error("link.outside", at: location, "link '\(destination)' leads outside the content folder")
            return .unresolved
        }
        if path.hasSuffix(".md") || path.hasSuffix(".markdown") {
            return markdownLink(path, written: pathPart, fragment: fragment, base: base, at: location)
        }
        if let index = sectionPage(path) { return target(.page(index), fragment, at: location) }
        if content.files.contains(path) { return .file(path, fragment: fragment) }
        if hidden.paths.contains(path) { return .hidden }
        if let index = prettyLinkTarget(decode(pathPart), path: path, from: sourcePath) {
            let page = content.pages[index].sourcePath
            log.warning("link.pretty", at: location, "'\(pathPart)' is a page's address, not its file; it links to \(page)",
                        suggestion: relative(page, from: folder))
            return target(.page(index), fragment, at: location)
        }
        broken("link.missing", at: location, "link to missing file '\(pathPart)'",
               suggestion: Suggestion.closest(to: path, in: content.files.sorted()).map { relative($0, from: base) })
        return .unresolved
    }

    private func markdownLink(_ path: String, written: String, fragment: String?, base: String, at location: SourceLocation) -> LinkTarget {
        let key = path.hasSuffix(".markdown") ? String(path.dropLast(9)) + ".md" : path
        if pagesByPath[key] == nil, hidden.paths.contains(key) { return .hidden }
        guard let index = pagesByPath[key] else {
            let stem = key.linkName
            let suggestion = Suggestion.closest(to: key, in: pagesByPath.keys.sorted())
                ?? pagesByName[stem]?.first.map { content.pages[$0].sourcePath }
            broken("link.missing", at: location, "link to missing page '\(written)' (\(key) does not exist)",
                   suggestion: suggestion.map { relative($0, from: base) })
            return .unresolved
        }
        return target(.page(index), fragment, at: location)
    }

    /// MkDocs and Hugo links name a page's address: `/docs/add-runbook`, `../different_roles/`.
    /// Read as a file path without `.md`, then (as a browser would) from the page's own
    /// address, which is one folder deeper than its file.
    private func prettyLinkTarget(_ written: String, path: String, from sourcePath: String) -> Int? {
        guard let last = written.pathParts.last.map(String.init) ?? (written.isEmpty ? nil : ""),
              !last.contains(".") || written.hasSuffix("/") else { return nil }
        var bases = [path]
        var address = sourcePath.pathParts.map(String.init)
        if let file = address.popLast() {
            let stem = file.hasSuffix(".markdown") ? String(file.dropLast(9)) : file.hasSuffix(".md") ? String(file.dropLast(3)) : file
            if !Routes.sectionFileNames.contains(stem.lowercased()) { address.append(stem) }
        }
        if !written.hasPrefix("/"), let fromAddress = Self.normalize(written, under: address.joined(separator: "/")) {
            bases.append(fromAddress)
        }
        for base in bases {
            let stem = base.hasSuffix("/") ? String(base.dropLast()) : base
            if let index = pagesByPath[stem + ".md"] ?? sectionPage(stem) { return index }
        }
        return nil
    }

    /// The page that stands for a folder: its README.md, index.md or _index.md.
    private func sectionPage(_ folder: String) -> Int? {
        for name in ["README.md", "index.md", "_index.md"] {
            if let index = pagesByPath[folder.isEmpty ? name : folder + "/" + name] { return index }
        }
        return nil
    }

    /// A link to `node` with `fragment`: a fragment must name a heading of the target page
    /// (items and generated pages have no known headings, so fragments to them are not
    /// checked); one written the MkDocs way is mended to the heading it means, with a warning.
    private func target(_ node: Node, _ fragment: String?, at location: SourceLocation) -> LinkTarget {
        guard let fragment, !fragment.isEmpty, case let .page(index) = node else { return .node(node, fragment: fragment) }
        let headings = content.pages[index].body.headings
        let decoded = decode(fragment)
        if headings.contains(where: { $0.anchor == decoded }) { return .node(node, fragment: fragment) }
        if let meant = otherToolsAnchor(decoded, in: headings, at: location) { return .node(node, fragment: meant) }
        broken("link.anchor", at: location, "'\(content.pages[index].sourcePath)' has no heading with anchor '#\(decoded)'",
                  suggestion: Suggestion.closest(to: decoded, in: headings.map(\.anchor)).map { "#" + $0 })
        return .unresolved
    }

    /// Collections from MkDocs link `#_1` or `#add_runbook`; the heading they mean, if one fits.
    private func otherToolsAnchor(_ anchor: String, in headings: [MarkdownHeading], at location: SourceLocation) -> String? {
        guard let heading = Anchors.matching(anchor, in: headings) else { return nil }
        log.warning("link.anchor-style", at: location, "anchor '#\(anchor)' is written for another tool; it links to the heading "
                        + "'\(heading.text)', whose anchor is '#\(heading.anchor)'", suggestion: "#" + heading.anchor)
        return heading.anchor
    }

    /// Cut at an ASCII byte: a Character-wise search cost thousands of instructions a link.
    private func split(_ text: String, at separator: UInt8) -> (String, String?) {
        guard let index = text.utf8.firstIndex(of: separator) else { return (text, nil) }
        return (String(text[..<index]), String(text[text.utf8.index(after: index)...]))
    }

    /// Every name the operations records refer to by: schedules, planned work, spare parts.
    static func operationsNames(_ content: Content) -> Set<String> {
        var names = Set<String>()
        for schedule in content.schedules { names.formUnion(([schedule.procedure].compactMap { $0 } + schedule.targets).map(\.target)) }
        for work in content.plannedWork {
            names.formUnion((work.targets + [work.plan].compactMap { $0 }).map(\.target))
            if let page = work.page { names.insert(page) }
        }
        for part in content.spares { names.formUnion(part.fits.map(\.target)) }
        return names
    }

    /// Most links have no escapes; Foundation's decoding goes through NSString on Linux.
    private func decode(_ text: String) -> String {
        text.utf8.contains(UInt8(ascii: "%")) ? text.removingPercentEncoding ?? text : text
    }

    /// Joins `path` to `base` and folds `.` and `..`; nil when it climbs above content/.
    /// Parts compared and kept as slices of the two paths, joined once: a String per part and
    /// Character-wise comparisons made this most of a link's cost. (No other text is canonically
    /// equivalent to `.` or `..`, so comparing bytes tells the same parts apart.)
    static func normalize(_ path: String, under base: String) -> String? {
        var parts = base.pathParts
        for part in path.pathParts {
            if part.utf8.elementsEqual(".".utf8) { continue }
            if part.utf8.elementsEqual("..".utf8) {
                if parts.isEmpty { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    private func relative(_ path: String, from base: String) -> String {
        let from = base.pathParts
        let to = path.pathParts
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)).joined(separator: "/")
    }
}

private extension UInt8 {
    var isASCIILetter: Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self | 0x20) }
}
