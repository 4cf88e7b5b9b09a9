import XCTest
@testable import OpsbookKit

/// No input can put executable script into a page: DOMPurify's attack fixtures and the big
/// list of naughty strings, placed in Markdown bodies (with `raw_html: sanitize`), titles,
/// YAML fields and ticket titles. Also: paths cannot escape the output folder.
final class SafeHTMLTests: XCTestCase {
    static func problems(in html: String, allowForeignTags: Bool = false) -> [String] {
        var found: [String] = []
        if html.range(of: "<script", options: .caseInsensitive) != nil { found.append("script element") }
        // Attribute values are quoted and escaped by the sanitizer: look at tags without them.
        for tag in html.matches(of: /<[a-zA-Z][^>]*>/.matchingSemantics(.unicodeScalar)) {
            let text = String(tag.output)
            let bare = text.replacing(/"[^"]*"|'[^']*'/, with: "\"\"")
            if bare.range(of: #"\son[a-zA-Z]+\s*="#, options: .regularExpression) != nil {
                found.append("event handler attribute in \(text)")
            }
            if text.range(
                of: #"(href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(javascript|vbscript|data):"#,
                options: [.regularExpression, .caseInsensitive]) != nil
            {
                found.append("javascript/data URL in \(text)")
            }
        }
        for tag in ["iframe", "object", "embed", "style", "svg", "math", "form", "base", "meta", "link"]
        where !allowForeignTags && html.range(of: "<\(tag)[\\s>/]", options: [.regularExpression, .caseInsensitive]) != nil {
            found.append("<\(tag)>")
        }
        return found
    }

    /// Every non-void open tag is closed, in order.
    static func balanced(_ html: String) -> Bool {
        var stack: [String] = []
        for match in html.matches(of: /<(\/?)([a-z][a-z0-9]*)[^>]*?(\/?)>/.matchingSemantics(.unicodeScalar)) {
            let name = String(match.output.2)
            if !match.output.3.isEmpty || HTMLSanitizer.void.contains(name) { continue }
            if match.output.1.isEmpty { stack.append(name) } else if stack.last == name { stack.removeLast() } else { return false }
        }
        return stack.isEmpty
    }

    func payloads() throws -> [String] {
        let data = try Data(contentsOf: try Repo.corpus("dompurify-fixtures/expect.json"))
        let entries = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        return entries.compactMap { $0["payload"] as? String }
    }

    func naughty() throws -> [String] {
        let data = try Data(contentsOf: try Repo.corpus("big-list-of-naughty-strings/blns.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String])
    }

    func testSanitizerOnEveryDOMPurifyPayload() throws {
        let payloads = try payloads()
        XCTAssertEqual(payloads.count, 223)
        for payload in payloads {
            let clean = HTMLSanitizer.sanitize(payload)
            XCTAssertEqual(Self.problems(in: clean), [], payload)
            XCTAssertTrue(Self.balanced(clean), "unbalanced: \(clean) from \(payload)")
            XCTAssertEqual(HTMLSanitizer.sanitize(clean), clean, "sanitizing twice changes nothing: \(payload)")
        }
        XCTAssertEqual(
            HTMLSanitizer.sanitize("<p onclick=\"x()\">a <a href=\"java&#x09;script:alert(1)\">b</a> <img src=x onerror=alert(1)><b>c"),
            "<p>a <a>b</a> <img src=\"x\" /><b>c</b></p>")
        XCTAssertEqual(
            HTMLSanitizer.sanitize("<table><tr><td align=\"left\" style=\"x\">1</td></tr></table>"),
            "<table><tr><td align=\"left\">1</td></tr></table>")
    }

    func testNaughtyStringsEverywhere() throws {
        let strings = try payloads() + naughty()
        var files: [String: String] = ["site.yaml": "raw_html: sanitize\n"]
        var csv = "id,title,type,priority,opened,responded\n"
        for (index, text) in strings.enumerated() {
            let quoted = Self.yamlQuote(text)
            // Bodies that are links to files are checked as links, and fail the build as they should;
            // the Markdown stage itself is tested with them below.
            let body = text.contains("](") || text.contains("[[") || text.contains("]:") ? "" : text
            files["knowledge/n\(index).md"] = "---\ntitle: \(quoted)\ndescription: \(quoted)\ntags: [\(quoted)]\n---\n\(body)\n"
            csv +=
                "N-\(index),\"\(text.replacingOccurrences(of: "\"", with: "\"\"").replacingOccurrences(of: "\n", with: " "))\",incident,P1,2026-10-08 09:00,\n"
        }
        files["inventory/i.yaml"] =
            "- id: item-1\n  name: \(Self.yamlQuote(strings[0]))\n  class: pc-server\n  model: \(Self.yamlQuote(strings[1]))\n  notes: \(Self.yamlQuote(strings[2]))\n"
        files["sla.yaml"] = "calendars:\n  a: 24x7\npolicies:\n  - {match: {}, calendar: a, response: 1m}\n"
        files["tickets/t.yaml"] =
            "file: t.csv\ncolumns: {id: id, title: title, type: type, priority: priority, opened_at: opened, first_response_at: responded}\non_error: skip\n"
        files["tickets/t.csv"] = csv
        let fixture = try Fixture(files)
        let memory = MemoryOutput()
        let result = Build(options: .init(content: fixture.content, templates: nil, asOf: "2026-11-01")).run(writingTo: memory)
        XCTAssertFalse(
            result.diagnostics.hasErrors,
            result.diagnostics.filter { $0.severity == .error }.prefix(5).map { $0.formatted(relativeTo: "/") }.joined(separator: "\n"))
        XCTAssertGreaterThan(memory.files.count, strings.count)
        // The search page holds Opsbook's own scripts and no content.
        for (path, data) in memory.files where (path.hasSuffix(".html") || path.hasSuffix(".xml")) && path != "search/index.html" {
            var html = String(decoding: data, as: UTF8.self)
            // The layout's own <head> (meta, stylesheet link) and header search form are not content.
            if let main = html.range(of: "<main id=\"main\""), let end = html.range(of: "</main>") {
                html = String(html[main.lowerBound..<end.upperBound])
            }
            // Opsbook's own inline SVG charts; their text is escaped like any other.
            html = html.replacingOccurrences(of: "<svg class=\"chart\"", with: "<chart")
            XCTAssertEqual(Self.problems(in: html, allowForeignTags: path.hasSuffix(".xml")), [], path)
        }
        let report = String(decoding: try XCTUnwrap(memory.files["reports/2026-10/index.html"]), as: UTF8.self)
        XCTAssertTrue(report.contains("N-0"), "ticket titles with attack strings are shown, escaped")
    }

    func testMarkdownStageWithEveryStringSanitized() throws {
        for text in try payloads() + naughty() {
            let html = MarkdownRenderer.render(text, rawHTML: .sanitize).html
            XCTAssertEqual(Self.problems(in: html), [], text)
            XCTAssertTrue(Self.balanced(html), "unbalanced: \(html)")
            XCTAssertEqual(Self.problems(in: MarkdownRenderer.render(text).html), [], "safe default: \(text)")
        }
    }

    /// A YAML double-quoted scalar with every character libyaml refuses written as an escape.
    static func yamlQuote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0..<0x20, 0x7F...0x9F, 0xFEFF, 0xFFFE, 0xFFFF: out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    func testPagesCarryACSPThatForbidsInlineScript() throws {
        let fixture = try Fixture(["a.md": "# A\n"])
        let (_, files) = fixture.build()
        let html = String(decoding: try XCTUnwrap(files["a/index.html"]), as: UTF8.self)
        let csp = try XCTUnwrap(html.firstMatch(of: /http-equiv="Content-Security-Policy" content="([^"]*)"/)?.output.1)
        XCTAssertTrue(csp.contains("script-src 'self'"))
        XCTAssertFalse(csp.contains("unsafe-inline"))
        // The one script is the theme toggle, from the site itself: never inline.
        XCTAssertEqual(html.matches(of: /<script[^>]*>/).map { String($0.output) }, ["<script src=\"../assets/theme.js\">"])
    }

    func testLinksAllowOnlyWebAndMailSchemes() throws {
        let fixture = try Fixture([
            "a.md":
                "# A\n[ok](https://example.com) [mail](mailto:a@example.com) [bad](ftp://x/y) [tel](tel:123) [js](javascript:alert(1))\n"
        ])
        let (result, files) = fixture.build()
        XCTAssertEqual(result.ids(.warning), ["link.scheme", "link.scheme", "link.scheme"])
        let html = String(decoding: try XCTUnwrap(files["a/index.html"]), as: UTF8.self)
        XCTAssertTrue(html.contains("<a href=\"https://example.com\">ok</a> <a href=\"mailto:a@example.com\">mail</a> bad tel js"), html)
    }

    func testNothingIsWrittenOutsideTheOutputFolder() throws {
        let outside = FileManager.default.temporaryDirectory.appending(path: "opsbook-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("secret".utf8).write(to: outside.appending(path: "secret.md"))
        let fixture = try Fixture([
            "a.md": "# A\n[x](../../secret.md)\n", "inspections/x.yaml": "schedules:\n  - {id: ../../escape, frequency: daily}\n"
        ])
        try FileManager.default.createSymbolicLink(at: fixture.content.appending(path: "linked"), withDestinationURL: outside)
        let result = fixture.check()
        XCTAssertEqual(Set(result.ids(.error)), ["link.outside", "id.invalid"])
        XCTAssertTrue(result.ids(.warning).contains("file.symlink"))
        XCTAssertThrowsError(try DirectoryOutput(directory: fixture.directory.appending(path: "out"))
            .write([OutputFile(path: "../evil.html", data: Data())]))
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.directory.appending(path: "evil.html").path))
    }
}

/// The fast paths that replaced Foundation calls in hot loops give Foundation's answers.
final class FastPathTests: XCTestCase {
    func testFastPathsAgreeWithFoundationOnNaughtyStrings() throws {
        let data = try Data(contentsOf: try Repo.corpus("big-list-of-naughty-strings/blns.json"))
        let strings = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String])
            + ["knowledge/page-1/", "  \t标题\u{3000}", "\u{3000}", "a\u{00A0}", "tags/运维/", "x y/"]
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#;")
        for string in strings {
            XCTAssertEqual(URLs.encode(string), string.addingPercentEncoding(withAllowedCharacters: allowed) ?? string, string)
            XCTAssertEqual(string.trimmingWhitespace, string.trimmingCharacters(in: .whitespaces), string)
            XCTAssertEqual(string.fastContains("[["), string.contains("[["), string)
        }
        XCTAssertEqual(URLs(baseURL: nil).root(from: "a//b/c/"), "../../../")
    }

    func testPathPartsCutAtSlashesOnly() {
        let cases = ["knowledge/db/rac.md": "rac", "a/b/": "b", "x.md": "x", "": "", "/": "", ".md": "", "md": "md",
                     "a.markdown": "a.markdown", "运维/手册.md": "手册", "a//RAC.md//": "RAC", "a/b.md/c": "c"]
        for (path, stem) in cases {
            XCTAssertEqual(path.fileStem, stem, path)
            XCTAssertEqual(path.fileStem, path.pathParts.last.map { String($0.hasSuffix(".md") ? $0.dropLast(3) : $0) } ?? "", path)
        }
        XCTAssertEqual("a//RAC.md//".linkName, "rac")
        XCTAssertEqual("knowledge/db/rac.md".pathFolder, "knowledge/db")
    }

    func testPageFoldersKeepWhatUnicodeCallsLettersAndDigits() {
        let scalars = (UInt32(1)..<0x80).compactMap(Unicode.Scalar.init)
            + ["运", "维", "é", "\u{301}", "٣", "Ⅷ", "\u{3000}", "—", "🙂"]
        for scalar in scalars where scalar != "/" {
            let kept = scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "._-".unicodeScalars.contains(scalar)
            let expected = "a" + (kept ? String(Character(scalar)).lowercased() : "-") + "b/"
            XCTAssertEqual(Routes.pageFolder("a\(scalar)b.md"), expected, "U+\(String(scalar.value, radix: 16))")
        }
    }

    func testSpaceSeparatorListIsUnicodesCategory() {
        let disagreeing = (UInt32(0x80)...0x10FFFF).compactMap(Unicode.Scalar.init).filter {
            isSpaceSeparator($0) != ($0.properties.generalCategory == .spaceSeparator)
        }
        XCTAssertEqual(disagreeing.map { String($0.value, radix: 16) }, [])
        XCTAssertTrue(isSpaceSeparator("\u{3000}"), "the ideographic space is in the list")
    }
}
