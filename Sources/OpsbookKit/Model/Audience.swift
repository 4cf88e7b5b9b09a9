/// Who may see a thing, lowest to highest. A build for one level includes only what is
/// visible at that level: `client` (the default) drops everything `internal`.
public enum Audience: String, Sendable, CaseIterable, Comparable {
    case `public`, client, `internal`

    public static func < (a: Audience, b: Audience) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How files are read for a build: parts of Markdown marked internal are cut before
/// rendering, and raw HTML is omitted or sanitized.
public struct LoadOptions: Sendable {
    public enum RawHTML: String, Sendable { case omit, sanitize }
    public var audience: Audience
    public var rawHTML: RawHTML = .omit
    /// For the accessible names Opsbook adds to task-list checkboxes.
    public var language: SiteConfig.Language = .zhCN

    public init(audience: Audience = .internal, rawHTML: RawHTML = .omit, language: SiteConfig.Language = .zhCN) {
        self.audience = audience
        self.rawHTML = rawHTML
        self.language = language
    }
}

/// `<!-- internal -->` … `<!-- /internal -->` around whole lines marks a part of a Markdown
/// text internal. GitHub shows it as ordinary text (the markers are invisible comments).
/// The marker lines are always blanked; the lines between are blanked too unless the build
/// is internal. Blank lines keep every later line number true for diagnostics.
enum InternalSections {
    static let open = "<!-- internal -->"
    static let close = "<!-- /internal -->"

    static func apply(_ text: String, keep: Bool, file: String, lineOffset: Int, log: DiagnosticLog) -> String {
        guard text.fastContains(open) || text.fastContains(close) else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var start: Int?
        for index in lines.indices {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            if line == open {
                if start != nil {
                    log.error("internal.nested", at: SourceLocation(file: file, line: lineOffset + index + 1, column: 1), "internal sections cannot nest")
                }
                start = index
                lines[index] = ""
            } else if line == close {
                guard let opened = start else {
                    log.error("internal.unopened", at: SourceLocation(file: file, line: lineOffset + index + 1, column: 1),
                              "'\(close)' without an opening '\(open)'")
                    lines[index] = ""
                    continue
                }
                if !keep { for hidden in opened..<index { lines[hidden] = "" } }
                lines[index] = ""
                start = nil
            }
        }
        if let opened = start {
            log.error("internal.unclosed", at: SourceLocation(file: file, line: lineOffset + opened + 1, column: 1),
                      "internal section is not closed with '\(close)'")
            if !keep { for hidden in opened..<lines.count { lines[hidden] = "" } }
        }
        return lines.joined(separator: "\n")
    }
}
