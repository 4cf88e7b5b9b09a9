import XCTest
@testable import OpsbookKit

/// Collections written for MkDocs (Material) and Hugo build unchanged (#16): each construct
/// renders as its author meant, and is at most a warning.
final class CollectionImportTests: XCTestCase {
    private func html(_ files: [String: Data], _ path: String) throws -> String {
        String(decoding: try XCTUnwrap(files[path], "\(path) was not written"), as: UTF8.self)
    }

    private func body(_ page: String) -> String {
        guard let start = page.range(of: "<div class=\"body\">"), let end = page.range(of: "</article>") else { return "" }
        return String(page[start.upperBound..<end.lowerBound])
    }

    func testAnMkDocsCollectionBuildsWithCalloutsAnchorsAndAddressLinks() throws {
        let fixture = try Fixture([
            "docs/index.md": """
            # Runbooks

            See [adding a runbook](/docs/add-runbook) and [the roles](different_roles/).
            Also [the levels](add-runbook.md#alert_levels), [step one](add-runbook.md#_1) and [Step Two](add-runbook.md#Step_Two).

            !!! note "开始之前"
                Read the [roles](different_roles.md) first.

                - one
                - two

            ??? warning "折叠的警告"
                Hidden body.

            ???+ tip
                Open by default.

            !!! danger ""
                No title bar.

            !!! note "外层"
                !!! tip "内层"
                    Nested.

            ```
            !!! note "not an admonition"
                code
            ```

            <details>
            <summary>More &amp; details</summary>

            Inside the fold.

            </details>

            <details><summary onclick="x()">no</summary></details>
            """,
            "docs/add-runbook.md": """
            # Add a runbook

            ## 中文步骤

            ## Step two

            ## Alert levels {#alert_levels}

            ## Custom { #custom-id .wide }

            Back to [levels](#alert_levels), [custom](#custom-id), [the first](#_1) and [roles](../different_roles/).
            """,
            "docs/different_roles.md": "# Different roles\n\nRoles.\n",
        ])
        let (result, files) = fixture.build()
        XCTAssertEqual(result.errors.map(\.message), [])
        XCTAssertEqual(Set(result.warnings.map(\.id)), ["link.pretty", "link.anchor-style"])
        // Four address links (/docs/add-runbook, different_roles/, ../different_roles/), three anchors each way.
        XCTAssertEqual(result.warnings.filter { $0.id == "link.pretty" }.count, 3)
        XCTAssertEqual(result.warnings.filter { $0.id == "link.anchor-style" }.count, 3)
        let pretty = try XCTUnwrap(result.warnings.first { $0.id == "link.pretty" && $0.location.line == 3 })
        XCTAssertEqual(pretty.location.column, 5)
        XCTAssertEqual(pretty.suggestion, "add-runbook.md")
        XCTAssertEqual(brokenInternalLinks(in: files), [])

        let index = body(try html(files, "docs/index.html"))
        XCTAssertTrue(index.contains("<a href=\"../docs/add-runbook/index.html\">adding a runbook</a>"), index)
        XCTAssertTrue(index.contains("<a href=\"../docs/different_roles/index.html\">the roles</a>"))
        XCTAssertTrue(index.contains("add-runbook/index.html#alert_levels\">the levels"))
        XCTAssertTrue(
            index.contains("add-runbook/index.html#%E4%B8%AD%E6%96%87%E6%AD%A5%E9%AA%A4\">step one"),
            "MkDocs' #_1 is the first untitled-in-ASCII heading")
        XCTAssertTrue(index.contains("add-runbook/index.html#step-two\">Step Two"))
        XCTAssertTrue(
            index.contains("<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">开始之前</p>\n<p>Read the <a href"))
        XCTAssertTrue(index.contains("<li>two</li>\n</ul>\n</div>"), "the whole indented body is inside")
        XCTAssertTrue(
            index.contains(
                "<details class=\"callout callout-warning\">\n<summary class=\"callout-title\">折叠的警告</summary>\n<p>Hidden body.</p>\n</details>"
            ))
        XCTAssertTrue(index.contains("<details class=\"callout callout-tip\" open>\n<summary class=\"callout-title\">提示</summary>"))
        XCTAssertTrue(index.contains("<div class=\"callout callout-danger\" role=\"note\">\n<p>No title bar.</p>"))
        XCTAssertTrue(
            index.contains(
                "<p class=\"callout-title\">外层</p>\n<div class=\"callout callout-tip\" role=\"note\">\n<p class=\"callout-title\">内层</p>\n<p>Nested.</p>\n</div>\n</div>"
            ))
        XCTAssertTrue(
            index.contains("<pre><code>!!! note &quot;not an admonition&quot;\n    code\n</code></pre>"), "fenced code stays code")
        XCTAssertTrue(index.contains("<details><summary>More &amp; details</summary>\n<p>Inside the fold.</p>\n</details>"), index)
        XCTAssertFalse(index.contains("onclick"), "a details block with anything else is omitted like other raw HTML")
        XCTAssertFalse(index.contains("!!!") && !index.contains("not an admonition"))

        let runbook = try html(files, "docs/add-runbook/index.html")
        XCTAssertTrue(
            runbook.contains("<h2 id=\"alert_levels\">Alert levels<a class=\"heading-anchor\""), "{#id} sets the id and leaves the text")
        XCTAssertTrue(runbook.contains("<h2 id=\"custom-id\">Custom<a class=\"heading-anchor\""))
        XCTAssertTrue(
            runbook.contains("href=\"#%E4%B8%AD%E6%96%87%E6%AD%A5%E9%AA%A4\">the first") || runbook.contains("href=\"#中文步骤\">the first"))
        XCTAssertTrue(runbook.contains("<a href=\"../../docs/different_roles/index.html\">roles</a>"), "../x/ read from the page's address")
    }

    func testGitHubAlertsAndTheirTitlesAndFolds() throws {
        let page = MarkdownRenderer.render(
            "> [!WARNING]\n> Careful.\n\n> [!TIP]- 展开看\n> Folded.\n\n> [!note]\n\n> Plain [!NOTE] quote.\n", language: .en
        ).html
        XCTAssertTrue(
            page.contains(
                "<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Warning</p>\n<p>Careful.</p>\n</div>"),
            page)
        XCTAssertTrue(
            page.contains(
                "<details class=\"callout callout-tip\">\n<summary class=\"callout-title\">展开看</summary>\n<p>Folded.</p>\n</details>"))
        XCTAssertTrue(
            page.contains("<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Note</p>\n</div>"),
            "an empty alert")
        XCTAssertTrue(page.contains("<blockquote>\n<p>Plain [!NOTE] quote.</p>\n</blockquote>"), "only a quote that opens with the marker")
        // A title is Markdown like the body (MkDocs renders it so too).
        let marked = MarkdownRenderer.render("!!! info \":gear: **You are here** → Ops\"\n    Body.\n").html
        XCTAssertTrue(marked.contains("<p class=\"callout-title\">:gear: <strong>You are here</strong> → Ops</p>\n<p>Body.</p>"), marked)
        // Raw HTML in a title is omitted like anywhere else.
        let hostile = MarkdownRenderer.render("> [!NOTE] <script>alert(1)</script>\n> x\n").html
        XCTAssertFalse(hostile.contains("<script>"), hostile)
    }

    func testAnAdmonitionKeepsTheLinesAndColumnsOfItsBody() throws {
        let fixture = try Fixture(["a.md": "# A\n\n!!! note \"x\"\n    text [broken](missing.md)\n"])
        let broken = try XCTUnwrap(fixture.check().errors.first { $0.id == "link.missing" })
        XCTAssertEqual([broken.location.line, broken.location.column], [4, 10])
    }

    func testAHugoCollectionBuildsWithWeightsAliasesTypesAndDrafts() throws {
        let fixture = try Fixture([
            "procedures/zeta.md": "---\ntitle: Zeta\nweight: 1\n---\nFirst by weight.\n",
            "procedures/alpha.md": "---\ntitle: Alpha\nweight: 3\naliases: [/old/alpha/, legacy.html]\n---\nThird.\n",
            "procedures/beta.md": "---\ntitle: Beta\nweight: 2\ntype: docs\n---\nSecond. {{< ref \"alpha\" >}}\n",
            "procedures/gamma.md": "---\ntitle: Gamma\n---\nNo weight: after the weighted ones.\n",
            "procedures/draft.md": "---\ntitle: Unfinished\ndraft: true\n---\nNot for the client.\n",
        ])
        let (result, files) = fixture.build()
        XCTAssertEqual(result.errors.map(\.message), [])
        XCTAssertEqual(result.ids(.warning).sorted(), ["hugo.shortcode", "page.draft", "page.type"])
        let index = try html(files, "procedures/index.html")
        let order = ["Zeta", "Beta", "Alpha", "Gamma"].map { index.range(of: ">\($0)<")?.lowerBound }
        XCTAssertFalse(order.contains(nil), index)
        XCTAssertEqual(order.compactMap { $0 }, order.compactMap { $0 }.sorted(), "weight 1, 2, 3, then unweighted")
        XCTAssertNil(files["procedures/draft/index.html"], "a draft stays out of the client's build")
        XCTAssertFalse(index.contains("Unfinished"))
        let redirect = try html(files, "old/alpha/index.html")
        XCTAssertTrue(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=../../procedures/alpha/index.html\">"), redirect)
        XCTAssertTrue(try html(files, "procedures/legacy.html").contains("url=../procedures/alpha/index.html"))
        XCTAssertFalse(try html(files, "sitemap.xml").contains("old/alpha"), "redirects are not pages")
        XCTAssertEqual(brokenInternalLinks(in: files), [])
        let engineers = Build(options: .init(content: fixture.content, templates: nil, audience: .internal)).run(writingTo: MemoryOutput())
        XCTAssertEqual(engineers.errors.map(\.message), [])
        XCTAssertTrue(engineers.files.contains { $0.path == "procedures/draft/index.html" }, "internal builds show drafts")
    }

    /// Hugo's TOML front matter (`+++`), as `hugo new` writes it, with the rest of TOML 1.0 a
    /// page might use: every key read, unknown ones warned about at their own line.
    func testHugoTOMLFrontMatterIsReadWithItsLines() throws {
        let page = #"""
        +++
        title = 'Restart "erp" safely'  # a comment
        date = 2024-02-02T04:14:54-08:00
        weight = 0x02
        draft = false
        tags = [
          "erp",   # a comment inside the list
          'restart',
        ]
        aliases = ["/old/restart/"]
        description = """
        Two lines, \
           joined: \u00E9."""
        [params]
          author = 'John Smith'
        [menu.main]
          parent = "ops"
        [[resources]]
          src = "a.png"
        [[resources]]
          src = "b.png"
        +++
        Body.
        """#
        let fixture = try Fixture(["procedures/restart.md": page, "procedures/other.md": "---\ntitle: Other\nweight: 5\n---\nx\n"])
        let (result, files) = fixture.build()
        XCTAssertEqual(result.errors.map(\.message), [])
        let unknown = result.diagnostics.filter { $0.id == "key.unknown" }
        XCTAssertEqual(unknown.map(\.location.line), [3, 14, 16, 18], unknown.map(\.message).joined(separator: "\n"))
        XCTAssertTrue(unknown.first?.message.contains("'date'") == true)
        let restart = try html(files, "procedures/restart/index.html")
        XCTAssertTrue(restart.contains("Restart &quot;erp&quot; safely</h1>") || restart.contains("Restart \"erp\" safely</h1>"), restart)
        XCTAssertTrue(restart.contains("Two lines, joined: é."), "the line-ending backslash and escapes of a \"\"\" string")
        XCTAssertTrue(restart.contains(">erp<") && restart.contains(">restart<"), "tags from a list over several lines")
        XCTAssertNotNil(files["old/restart/index.html"], "aliases")
        let index = try html(files, "procedures/index.html")
        XCTAssertLessThan(try XCTUnwrap(index.range(of: ">Restart")).lowerBound, try XCTUnwrap(index.range(of: ">Other<")).lowerBound,
                          "weight 2 (written 0x02) before 5")
    }

    func testTOMLSyntaxErrorsAreReportedAtTheirLine() throws {
        let cases: [(String, Int, Int, String)] = [
            ("+++\ntitle = 'A'\nowner = ops team\n+++\n", 3, 9, "not a TOML value"),
            ("+++\ntitle = \"A\ntags = []\n+++\n", 2, 11, "not closed on its line"),
            ("+++\ntitle = 'A'\ntitle = 'B'\n+++\n", 3, 1, "defined twice"),
            ("+++\n[params]\n[params]\n+++\n", 3, 1, "defined twice"),
            ("+++\ntags = ['a' 'b']\n+++\n", 2, 13, "expected ',' or ']'"),
            ("+++\ntitle = 'A'\n", 1, 1, "no closing '+++'"),
        ]
        for (text, line, column, message) in cases {
            let fixture = try Fixture(["a.md": text + "# A\n"])
            let error = try XCTUnwrap(fixture.check().errors.first, text)
            XCTAssertEqual([error.location.line, error.location.column], [line, column], "\(text): \(error.message)")
            XCTAssertTrue(error.message.contains(message), error.message)
        }
    }

    func testTOMLValuesBecomeTheYAMLTheyMean() throws {
        let yaml = try TOMLFrontMatter.yaml(from: #"""
        a = 1_000
        b = [1, [2, "x"], { c = true, d.e = 1979-05-27 07:32:00Z }]
        "quoted key" = '''
        raw \n'''
        [t.u]
        v = 0o17
        """#)
        XCTAssertEqual(yaml, #"""
        "a": "1000"
        "b": ["1", ["2", "x"], {"c": "true", "d": {"e": "1979-05-27 07:32:00Z"}}]
        "quoted key": "raw \\n"

        "t":
          "u":
            "v": "15"
        """#)
    }

    /// MkDocs pages often repeat their title as the first heading; it is shown once, as the
    /// page's heading, with the anchor links to it already use.
    func testATitleRepeatedAsTheFirstHeadingIsShownOnce() throws {
        let fixture = try Fixture([
            "procedures/same.md": "---\ntitle: Add a runbook\n---\n# Add a runbook\n\nSteps.\n",
            "procedures/other.md": "---\ntitle: Front matter title\n---\n# A different heading\n\nSee [same](same.md#add-a-runbook).\n",
        ])
        let (result, files) = fixture.build()
        XCTAssertEqual(result.errors.map(\.message), [])
        let same = try html(files, "procedures/same/index.html")
        XCTAssertEqual(same.components(separatedBy: "<h1").count - 1, 1, same)
        XCTAssertTrue(same.contains("<h1 id=\"add-a-runbook\">Add a runbook</h1>"), same)
        let other = try html(files, "procedures/other/index.html")
        XCTAssertEqual(other.components(separatedBy: "<h1").count - 1, 2, "a different first heading stays in the text")
        XCTAssertEqual(brokenInternalLinks(in: files), [])
    }

    func testAnAliasOwnsItsPathOnce() throws {
        let fixture = try Fixture([
            "procedures/a.md": "---\ntitle: A\naliases:\n  - /procedures/b/\n  - /same/\n---\nx\n",
            "procedures/b.md": "---\ntitle: B\n---\ny\n",
            "procedures/c.md": "---\ntitle: C\naliases: [/same/, /tags/]\n---\nz\n",
        ])
        let errors = fixture.check().errors.filter { $0.id == "output.collision" }
        XCTAssertEqual(errors.map { [$0.location.file.hasSuffix("a.md") ? "a" : "c", "\($0.location.line)"] },
                       [["a", "4"], ["c", "3"], ["c", "3"]], errors.map(\.message).joined(separator: "\n"))
        XCTAssertTrue(errors[0].message.contains("procedures/b.md"))
        XCTAssertTrue(errors[1].message.contains("alias of procedures/a.md"))
    }

    func testLastUpdatedComesFromTheNewestCommitOfEachFile() {
        let log = Data("@@2026-11-30\0\nprocedures/a.md\0systems/b.md\0\0@@2026-10-01\0\nprocedures/a.md\0old name.md\0".utf8)
        let days = GitHistory.parse(log)
        XCTAssertEqual(days["procedures/a.md"]?.description, "2026-11-30", "the newest commit wins")
        XCTAssertEqual(days["systems/b.md"]?.description, "2026-11-30")
        XCTAssertEqual(days["old name.md"]?.description, "2026-10-01")
        XCTAssertEqual(days.count, 3)
        // Outside a git checkout there are none (a fixture lives in a temporary folder).
        XCTAssertEqual(GitHistory.lastCommitDays(in: FileManager.default.temporaryDirectory.appending(path: "no-such-checkout")).count, 0)
    }
}
