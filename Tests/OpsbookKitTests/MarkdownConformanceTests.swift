import XCTest
@testable import OpsbookKit

/// Every example of the GFM spec and of cmark-gfm's extension tests, rendered by Opsbook's
/// Markdown stage, must equal the expected HTML — except the listed differences, each for a
/// stated reason and each checked to still differ (so the list cannot go stale).
final class MarkdownConformanceTests: XCTestCase {
    struct Example {
        var number: Int
        var section: String
        var extensionName: String
        var markdown: String
        var html: String
    }

    static func examples(in file: URL) throws -> [Example] {
        let fence = String(repeating: "`", count: 32)
        var examples: [Example] = []
        var section = ""
        var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)[...]
        while let line = lines.popFirst() {
            if line.hasPrefix("#") { section = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces) }
            guard line.hasPrefix(fence + " example") else { continue }
            let name = line.dropFirst(fence.count + " example".count).trimmingCharacters(in: .whitespaces)
            var markdown: [Substring] = [], html: [Substring] = [], inHTML = false
            while let body = lines.popFirst(), body != fence {
                if body == "." && !inHTML { inHTML = true; continue }
                if inHTML { html.append(body) } else { markdown.append(body) }
            }
            let tabbed = { (part: [Substring]) in
                part.map { $0.replacingOccurrences(of: "→", with: "\t") }.joined(separator: "\n") + (part.isEmpty ? "" : "\n")
            }
            examples.append(
                Example(
                    number: examples.count + 1, section: section, extensionName: name,
                    markdown: tabbed(markdown), html: tabbed(html)))
        }
        return examples
    }

    static func extensions(named name: String) -> MarkdownExtensions {
        switch name {
        case "table": [.table]
        case "strikethrough": [.strikethrough]
        case "autolink": [.autolink]
        case "tagfilter": [.tagfilter]
        case "disabled": [.tasklist]
        default: []
        }
    }

    /// Differences that are not Opsbook's to fix, by file and example number.
    static let knownDifferences: [String: [Int: String]] = [
        "spec.txt": [
            279: "upstream marks this task-list example 'disabled': cmark-gfm writes <input type=\"checkbox\" disabled=\"\" />",
            280: "upstream marks this task-list example 'disabled': cmark-gfm writes <input type=\"checkbox\" disabled=\"\" />",
            398: "Debian's 0.29.0.gfm.6 nests directly adjacent strong emphasis; the spec file (gfm.13) expects it collapsed",
            426: "Debian's 0.29.0.gfm.6 nests directly adjacent strong emphasis; the spec file (gfm.13) expects it collapsed",
            434: "Debian's 0.29.0.gfm.6 nests directly adjacent strong emphasis; the spec file (gfm.13) expects it collapsed",
            435: "Debian's 0.29.0.gfm.6 nests directly adjacent strong emphasis; the spec file (gfm.13) expects it collapsed",
            436: "Debian's 0.29.0.gfm.6 nests directly adjacent strong emphasis; the spec file (gfm.13) expects it collapsed",
            473: "Debian's 0.29.0.gfm.6 nests directly adjacent strong emphasis; the spec file (gfm.13) expects it collapsed",
            474: "Debian's 0.29.0.gfm.6 nests directly adjacent strong emphasis; the spec file (gfm.13) expects it collapsed",
            475: "Debian's 0.29.0.gfm.6 nests directly adjacent strong emphasis; the spec file (gfm.13) expects it collapsed",
            477: "Debian's 0.29.0.gfm.6 nests directly adjacent strong emphasis; the spec file (gfm.13) expects it collapsed",
            644: "HTML comment syntax of a later spec revision; gfm.6 escapes the comment as text",
            645: "HTML comment syntax of a later spec revision; gfm.6 escapes the comment as text",
        ],
        "extensions.txt": [
            23: "footnotes are not among Opsbook's extensions (table, strikethrough, autolink, tasklist, tagfilter)",
            24: "footnotes are not among Opsbook's extensions (table, strikethrough, autolink, tasklist, tagfilter)",
            25: "footnotes are not among Opsbook's extensions (table, strikethrough, autolink, tasklist, tagfilter)",
        ],
    ]

    func check(_ fileName: String, extensionsFor: (Example) -> MarkdownExtensions) throws {
        let file = try Repo.corpus("cmark-gfm-spec-tests/test/\(fileName)")
        let examples = try Self.examples(in: file)
        XCTAssertGreaterThan(examples.count, 25, "no examples parsed from \(fileName)")
        let known = Self.knownDifferences[fileName] ?? [:]
        var passed = 0, safeOnly = 0
        var failures: [String] = []
        for example in examples {
            let extensions = extensionsFor(example)
            let html = MarkdownRenderer.html(example.markdown, extensions: extensions)
            // `<IGNORE>` examples only ask that rendering does not crash, which it has not.
            if html == example.html || example.html == "<IGNORE>\n" {
                passed += 1
                XCTAssertNil(known[example.number], "\(fileName) #\(example.number) is listed as differing but now passes")
                continue
            }
            // Opsbook omits raw HTML and dangerous URLs by default; the spec assumes they pass.
            // Such an example counts only if the unsafe rendering matches exactly.
            let unsafe = MarkdownRenderer.html(example.markdown, extensions: extensions, unsafe: true)
            if unsafe == example.html,
                html.contains("<!-- raw HTML omitted -->") || unsafe.contains("javascript:") || unsafe.contains("vbscript:")
                    || unsafe.contains("data:") || unsafe.contains("file:")
            {
                safeOnly += 1
                continue
            }
            if known[example.number] != nil { continue }
            failures.append(
                "#\(example.number) [\(example.section)] \(example.extensionName)\n--- markdown\n\(example.markdown)--- expected\n\(example.html)--- got\n\(html)"
            )
        }
        print(
            "\(fileName): \(passed) identical, \(safeOnly) differ only by the safe raw-HTML default, \(known.count) listed, \(examples.count) in all"
        )
        XCTAssert(failures.isEmpty, "\(failures.count) unexpected differences in \(fileName):\n" + failures.joined(separator: "\n\n"))
    }

    func testGFMSpec() throws {
        try check("spec.txt") { Self.extensions(named: $0.extensionName) }
    }

    func testExtensions() throws {
        try check("extensions.txt") { _ in .gfm }
    }

    /// LinkBottom's markers (used on link-heavy texts to keep cmark-gfm linear) must not
    /// change a byte: every example of both spec files and of CommonMark's, safe and unsafe.
    func testLinkBottomMarkersChangeNothing() throws {
        var compared = 0
        var differences: [String] = []
        for path in ["cmark-gfm-spec-tests/test/spec.txt", "cmark-gfm-spec-tests/test/extensions.txt", "commonmark-spec/spec.txt"] {
            for example in try Self.examples(in: try Repo.corpus(path)) {
                for unsafe in [false, true] {
                    let plain = MarkdownRenderer.html(example.markdown, unsafe: unsafe)
                    let marked = MarkdownRenderer.html(example.markdown, unsafe: unsafe, boundingLinks: true)
                    compared += 1
                    if plain != marked {
                        differences.append(
                            "\(path) #\(example.number) unsafe=\(unsafe)\n\(example.markdown)--- plain\n\(plain)--- marked\n\(marked)")
                    }
                }
            }
        }
        let content = Repo.root.appending(path: "content")
        for path in FileManager.default.subpaths(atPath: content.path)?.filter({ $0.hasSuffix(".md") }).sorted() ?? [] {
            let markdown = try String(contentsOf: content.appending(path: path), encoding: .utf8)
            compared += 1
            if MarkdownRenderer.html(markdown) != MarkdownRenderer.html(markdown, boundingLinks: true) {
                differences.append("content/\(path)")
            }
        }
        XCTAssertGreaterThan(compared, 2_750)
        XCTAssert(
            differences.isEmpty,
            "\(differences.count) of \(compared) differ: "
                + differences.map { String($0.prefix { $0 != "\n" }) }.joined(separator: "; ") + "\n"
                + differences.prefix(6).joined(separator: "\n\n"))
    }
}
