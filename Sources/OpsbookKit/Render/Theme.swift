import Foundation

/// The templates and assets a build renders with: the default theme carried in the binary,
/// overridden file by file by the user's `--templates` folder.
public struct Theme: @unchecked Sendable {
    /// Theme-relative path (`page.mustache`, `assets/style.css`) → bytes.
    public private(set) var files: [String: Data] = [:]
    /// Where each file came from, for diagnostics.
    private var origins: [String: String] = [:]
    private(set) var library = TemplateLibrary()

    public static var requiredTemplates: [String] { PageKind.requiredTemplates }

    /// The built-in theme alone.
    public static var builtIn: [String: Data] {
        var files: [String: Data] = [:]
        for entry in EmbeddedTheme.base64Files { files[entry.path] = Data(base64Encoded: entry.base64) }
        return files
    }

    public static func load(overrides directory: URL?, log: DiagnosticLog) -> Theme {
        var theme = Theme()
        for (path, data) in builtIn {
            theme.files[path] = data
            theme.origins[path] = "<built-in theme>/" + path
        }
        if let directory {
            let root = directory.standardizedFileURL
            for path in ContentLoader.listFiles(under: root, log: log) {
                guard let data = try? Data(contentsOf: root.appending(path: path)) else { continue }
                theme.files[path] = data
                theme.origins[path] = root.appending(path: path).path
            }
        }
        theme.compile(log: log)
        theme.library.prepareIndentation()
        return theme
    }

    public var assets: [(path: String, data: Data)] {
        files.filter { $0.key.hasPrefix("assets/") }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    private mutating func compile(log: DiagnosticLog) {
        let templates = files.filter { $0.key.hasSuffix(".mustache") }.sorted { $0.key < $1.key }
        let names = Set(templates.map { String($0.key.dropLast(9)) })
        for (path, data) in templates {
            let name = String(path.dropLast(9))
            let file = origins[path] ?? path
            guard let text = String(data: data, encoding: .utf8) else {
                log.error("template.encoding", at: SourceLocation(file: file, line: 1, column: 1), "template is not valid UTF-8")
                continue
            }
            do {
                try library.add(text, named: name)
            } catch {
                let position = error.position(in: text)
                log.error("template.syntax", at: SourceLocation(file: file, line: position.line, column: position.column),
                          "template syntax error: \(error.message) in '\(position.text.trimmingCharacters(in: .whitespaces))'")
            }
            checkInclusions(in: text, file: file, known: names, log: log)
        }
        for name in Theme.requiredTemplates where !names.contains(name) {
            log.error("template.missing", at: SourceLocation(file: origins.values.sorted().first ?? "templates", line: 1, column: 1),
                      "the theme has no '\(name).mustache'")
        }
    }

    /// Mustache renders a missing partial or parent as nothing, silently: a typo in
    /// `{{> name}}` would ship blank pages, so every inclusion must name a template.
    private func checkInclusions(in text: String, file: String, known: Set<String>, log: DiagnosticLog) {
        // A template that does not parse has its syntax error reported already.
        for (name, offset) in (try? TemplateParser.inclusions(text)) ?? [] where !known.contains(name) {
            let position = TemplateSyntaxError(message: "", offset: offset).position(in: text)
            log.error("template.include", at: SourceLocation(file: file, line: position.line, column: position.column),
                      "template includes unknown template '\(name)'", suggestion: Suggestion.closest(to: name, in: known))
        }
    }

    /// The same templates parsed again, sharing no storage with these: two cores rendering
    /// from one parsed template contend for the reference counts of its every text token.
    func unshared() -> Theme {
        var copy = self
        copy.library = TemplateLibrary()
        for (path, data) in files where path.hasSuffix(".mustache") {
            if let text = String(data: data, encoding: .utf8) { try? copy.library.add(text, named: String(path.dropLast(9))) }
        }
        copy.library.prepareIndentation()
        return copy
    }

    /// The page's bytes: they go to a file as they are, never through a String (whose UTF-8
    /// check was a sixth of rendering).
    func render(_ name: String, _ context: TemplateValue) -> Data {
        library.render(name, context).map { Data($0) } ?? Data()
    }

    func hasTemplate(_ name: String) -> Bool { library.contains(name) }
}
