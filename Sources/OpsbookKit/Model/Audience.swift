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
/// is internal. Blank lines keep every later line number true for diagnostics. Markers
/// match whatever their case and spacing, inside a blockquote too; a comment that looks
/// like a marker but is not one is an error — a typo must never publish an internal part.
enum InternalSections {
    static let open = "<!-- internal -->"
    static let close = "<!-- /internal -->"

    enum Marker { case open, close }

    /// The marker a line is, after blockquote `>` prefixes, ignoring case and spaces.
    static func marker(_ line: String) -> Marker? {
        switch commentWords(line.drop { $0 == " " || $0 == "\t" || $0 == ">" }) {
        case "internal": .open
        case "/internal": .close
        default: nil
        }
    }

    /// The lowercased text of a line that is one HTML comment, spaces removed.
    private static func commentWords(_ line: Substring) -> String? {
        let trimmed = line.trimmingWhitespace
        guard trimmed.hasPrefix("<!--"), trimmed.hasSuffix("-->"), trimmed.count >= 7 else { return nil }
        return String(trimmed.dropFirst(4).dropLast(3).filter { !$0.isWhitespace }).lowercased()
    }

    /// A comment anywhere in the line that means to be a marker and is not one.
    static func isLookAlike(_ line: String) -> Bool {
        guard marker(line) == nil, line.fastContains("<!--") else { return false }
        var rest = Substring(line)
        while let start = rest.range(of: "<!--") {
            let end = rest[start.upperBound...].range(of: "-->")
            let inner = String(rest[start.upperBound..<(end?.lowerBound ?? rest.endIndex)].filter { !$0.isWhitespace }).lowercased()
            let word = inner.hasPrefix("/") ? String(inner.dropFirst()) : inner
            if word.contains("intern") || word.contains("internal") || Suggestion.closest(to: word, in: ["internal"]) != nil { return true }
            guard let end else { break }
            rest = rest[end.upperBound...]
        }
        return false
    }

    static func apply(_ text: String, keep: Bool, file: String, lineOffset: Int, log: DiagnosticLog) -> String {
        guard text.fastContains("<!--") else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var start: Int?
        for index in lines.indices {
            let kind = marker(lines[index])
            if kind == nil, isLookAlike(lines[index]) {
                log.error("internal.marker", at: SourceLocation(file: file, line: lineOffset + index + 1, column: 1),
                          "this comment looks like an internal marker but is not one; write '\(open)' or '\(close)' on a line of its own")
            }
            if kind == .open {
                if start != nil {
                    log.error(
                        "internal.nested", at: SourceLocation(file: file, line: lineOffset + index + 1, column: 1),
                        "internal sections cannot nest")
                }
                start = index
                lines[index] = ""
            } else if kind == .close {
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
