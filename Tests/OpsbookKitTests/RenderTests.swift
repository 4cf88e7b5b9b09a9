import XCTest
@testable import OpsbookKit

/// Stages 4 and 5 through the MemoryOutput: the pages, the theme and the guarantees.
final class RenderTests: XCTestCase {
    /// The demo is built once for all tests of this class (it is the slowest fixture).
    nonisolated(unsafe) static var demo: (Build.Result, [String: Data])?

    func demoBuild() -> (Build.Result, [String: Data]) {
        if let demo = Self.demo { return demo }
        let memory = MemoryOutput()
        let result = Build(options: .init(content: Repo.root.appending(path: "content"), templates: Repo.root.appending(path: "templates"),
                                          asOf: "2026-11-29T00:00"))
            .run(writingTo: memory)
        Self.demo = (result, memory.files)
        return (result, memory.files)
    }

    func text(_ files: [String: Data], _ path: String) throws -> String {
        String(decoding: try XCTUnwrap(files[path], "missing \(path)"), as: UTF8.self)
    }

    func testDemoContentBuildsCleanlyWithEveryInternalLinkResolving() throws {
        let (result, files) = demoBuild()
        // The demo keeps two documents past their review on purpose (the home page and the
        // monthly report list them); nothing else.
        XCTAssertEqual(
            result.diagnostics.map { $0.formatted(relativeTo: Repo.root.path) },
            [
                "content/emergency/video-conference-failure.md:20:11: warning: '调度会视频会议故障应急预案' is past its review: reviewed 2025-09-01, due 2026-09-01; owner 谢婷 [review.overdue]",
                "content/procedures/tape-backup-verify.md:10:11: warning: '磁带备份校验' is past its review: reviewed 2026-03-10, due 2026-09-10; owner 郑凯 [review.overdue]"
            ])
        XCTAssertEqual(brokenInternalLinks(in: files), [])
        XCTAssertGreaterThanOrEqual(files.keys.filter { $0.hasPrefix("systems/") && $0.hasSuffix("/index.html") }.count, 40)
        XCTAssertGreaterThanOrEqual(files.keys.filter { $0.hasPrefix("procedures/") }.count, 9)
        XCTAssertGreaterThanOrEqual(files.keys.filter { $0.hasPrefix("emergency/") }.count, 6)
        for required in ["index.html", "404.html", "sitemap.xml", "assets/style.css", "team/index.html", "tags/index.html",
                         "inventory/index.html", "inventory/minicomputer/index.html", "inventory/minicomputer/rac-node-1/index.html"] {
            XCTAssertNotNil(files[required], required)
        }
    }

    func testDemoClientBuildHoldsNothingInternal() throws {
        let (_, files) = demoBuild()
        for (path, data) in files {
            let text = path + String(decoding: data, as: UTF8.self)
            for secret in ["138-0000", "@example.com", "堡垒机与生产账号", "bastion-access", "扣分与加分", "绩效考评"] {
                XCTAssertFalse(text.contains(secret), "\(secret) in \(path)")
            }
        }
    }

    func testParallelRenderingIsIdenticalToSerial() throws {
        let log = DiagnosticLog()
        let (content, hidden) = AudienceFilter.apply(
            ContentLoader.load(from: Repo.root.appending(path: "content"), audience: .client, log: log),
            audience: .client, log: log)
        let asOf = TimestampParser(patterns: [], time: LocalTime("Asia/Shanghai")).parse("2026-11-29")!
        let graph = Resolver.resolve(content, hidden: hidden, asOf: asOf, log: log)
        XCTAssertFalse(log.hasErrors)
        let theme = Theme.load(overrides: Repo.root.appending(path: "templates"), log: log)
        let reports = ReportSet(content: graph.content, asOf: asOf)
        let serial = SiteRenderer(graph: graph, theme: theme, reports: reports, parallel: false).render()
        for _ in 0..<3 {
            let parallel = SiteRenderer(graph: graph, theme: theme, reports: reports, parallel: true).render()
            XCTAssertEqual(parallel.map(\.path), serial.map(\.path))
            for (a, b) in zip(parallel, serial) where a.data != b.data {
                XCTFail("\(a.path) differs between parallel and serial rendering")
            }
        }
    }

    func testHomeCountsComeFromTheData() throws {
        let (_, files) = demoBuild()
        let home = try text(files, "index.html")
        // The seed's scope table: 98 PC servers, 530 desktops, 196 + 3 routers/switches, 112 VMs.
        for (label, count) in [("PC服务器", 98), ("桌面终端", 530), ("路由器/交换机", 199), ("虚拟机", 112), ("数据库", 28), ("中间件", 80)] {
            XCTAssertTrue(home.contains(">\(label)</a></td><td class=\"num\">\(count)</td>"), "\(label) \(count)")
        }
    }

    func testSystemAndItemPagesShowWhatRefersToThem() throws {
        let (_, files) = demoBuild()
        let erp = try text(files, "systems/erp/index.html")
        XCTAssertTrue(erp.contains("Oracle RAC 节点 1"), "a system lists the CIs it runs on")
        XCTAssertTrue(erp.contains("RAC 节点故障应急预案"), "a system lists the plans that apply to it")
        XCTAssertTrue(erp.contains("Oracle RAC 日常巡检"), "a system lists the procedures that apply to it")
        let node = try text(files, "inventory/minicomputer/rac-node-1/index.html")
        XCTAssertTrue(node.contains("某能源集团ERP系统"), "an item lists the systems running on it")
        XCTAssertTrue(node.contains("机房断电应急预案"), "an item lists the plans that apply to it")
    }

    func testSameInputGivesSameBytes() throws {
        let (_, first) = demoBuild()
        let memory = MemoryOutput()
        _ = Build(options: .init(content: Repo.root.appending(path: "content"), templates: Repo.root.appending(path: "templates"),
                                 asOf: "2026-11-29T00:00")).run(writingTo: memory)
        let second = memory.files
        XCTAssertEqual(first.keys.sorted(), second.keys.sorted())
        for (path, data) in first { XCTAssertEqual(data, second[path], path) }
        XCTAssertFalse(try text(first, "index.html").contains("生成于"), "no build time without SOURCE_DATE_EPOCH")
    }

    func testSourceDateEpochStampsPages() throws {
        let fixture = try Fixture(["a.md": "# A\n"])
        let memory = MemoryOutput()
        _ = Build(options: .init(content: fixture.content, templates: nil, sourceDateEpoch: 1_790_000_000)).run(writingTo: memory)
        XCTAssertTrue(try text(memory.files, "a/index.html").contains("生成于 2026-09-21"))
    }

    func testTemplatesOverrideFileByFile() throws {
        let fixture = try Fixture(["a.md": "# A\n"])
        let theme = fixture.directory.appending(path: "theme")
        try FileManager.default.createDirectory(at: theme.appending(path: "assets"), withIntermediateDirectories: true)
        try Data("{{<layout}}{{$main}}<p class=\"custom\">自定义首页 {{site.title}}</p>{{/main}}{{/layout}}".utf8).write(
            to: theme.appending(path: "home.mustache"))
        try Data("body{}".utf8).write(to: theme.appending(path: "assets/extra.css"))
        let (result, files) = fixture.build(templates: theme)
        XCTAssertTrue(result.succeeded)
        XCTAssertTrue(try text(files, "index.html").contains("<p class=\"custom\">自定义首页 Opsbook</p>"))
        XCTAssertTrue(
            try text(files, "a/index.html").contains("<article class=\"doc doc-page\">"), "other templates fall back to the built-in theme")
        XCTAssertNotNil(files["assets/extra.css"])
        XCTAssertNotNil(files["assets/style.css"])
    }

    func testTemplateSyntaxErrorNamesFileAndLine() throws {
        let fixture = try Fixture(["a.md": "# A\n"])
        let theme = fixture.directory.appending(path: "theme")
        try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
        try Data("{{<layout}}\n{{$main}}\n{{#page}}\n<p>{{title}}</p>\n{{/main}}\n{{/layout}}\n".utf8).write(
            to: theme.appending(path: "page.mustache"))
        try Data("{{<layout}}{{$main}}{{> partials/missing}}{{/main}}{{/layout}}\n".utf8).write(to: theme.appending(path: "tag.mustache"))
        // Read by the grammar: an inclusion inside a comment is none; one after new delimiters is.
        try FileManager.default.createDirectory(at: theme.appending(path: "partials"), withIntermediateDirectories: true)
        try Data("{{! {{> partials/nope}}\n{{=<% %>=}}\n<%> partials/gone%>\n".utf8).write(
            to: theme.appending(path: "partials/extra.mustache"))
        let result = fixture.check(templates: theme)
        XCTAssertFalse(result.succeeded)
        let syntax = try XCTUnwrap(result.errors.first { $0.id == "template.syntax" })
        XCTAssertEqual(syntax.location.file, theme.appending(path: "page.mustache").path)
        XCTAssertGreaterThan(syntax.location.line, 1)
        let include = try XCTUnwrap(result.errors.first { $0.id == "template.include" && $0.location.file.hasSuffix("/tag.mustache") })
        XCTAssertEqual([include.location.line, include.location.column], [1, 21])
        let extra = result.errors.filter { $0.id == "template.include" && $0.location.file.hasSuffix("extra.mustache") }
        XCTAssertEqual(extra.map { "\($0.location.line):\($0.location.column) \($0.message)" },
                       ["3:1 template includes unknown template 'partials/gone'"])
    }

    func testStringsFromContentAreEscaped() throws {
        let fixture = try Fixture([
            "systems/x.md":
                "---\ntitle: \"<script>alert(1)</script> & co\"\nowner: \"<img src=x onerror=alert(1)>\"\n---\n<b>raw</b> text\n"
        ])
        let (_, files) = fixture.build()
        let html = try text(files, "systems/x/index.html")
        XCTAssertFalse(html.contains("<script>"))
        XCTAssertFalse(html.contains("<img src=x"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"))
        XCTAssertTrue(html.contains("<!-- raw HTML omitted -->"), "raw HTML in Markdown is omitted")
    }

    func testBaseURLGivesAbsolutePrettyURLs() throws {
        let fixture = try Fixture(["site.yaml": "base_url: https://kb.example.com/ops\n", "a.md": "# A\n[[b]]\n", "b.md": "# B\n"])
        let (result, files) = fixture.build()
        XCTAssertTrue(result.succeeded)
        XCTAssertTrue(try text(files, "a/index.html").contains("<a href=\"https://kb.example.com/ops/b/\">B</a>"))
        XCTAssertTrue(try text(files, "sitemap.xml").contains("<loc>https://kb.example.com/ops/a/</loc>"))
    }

    func testEnglishInterface() throws {
        let fixture = try Fixture(["site.yaml": "language: en\ntitle: Ops\n", "systems/a.md": "# A\n"])
        let (_, files) = fixture.build()
        XCTAssertTrue(try text(files, "systems/index.html").contains(">Systems <span class=\"count\">1</span>"))
        XCTAssertTrue(try text(files, "index.html").contains("<html lang=\"en\">"))
    }

    func testSectionFileBecomesIndexIntroductionAndCollisionsAreErrors() throws {
        let fixture = try Fixture(["systems/README.md": "# 系统\n本节介绍。\n", "systems/erp.md": "# ERP\n"])
        let (result, files) = fixture.build()
        XCTAssertTrue(result.succeeded)
        XCTAssertTrue(try text(files, "systems/index.html").contains("本节介绍。"))
        let clash = try Fixture(["tags.md": "# 标签\n", "a.md": "---\ntags: [x]\n---\n# A\n"])
        XCTAssertEqual(clash.check().ids(.error), ["output.collision"])
    }
}

/// Opsbook's own percent-encoding of paths gives what Foundation's did, on every naughty string.
final class URLEncodingTests: XCTestCase {
    func testPathEncodingMatchesFoundation() throws {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#;")
        let data = try Data(contentsOf: try Repo.corpus("big-list-of-naughty-strings/blns.json"))
        let strings =
            try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String]) + ["系统/页面 1/", "a%20b", "x;y?z#w", "~!$&'()*+,=:@"]
        XCTAssertGreaterThan(strings.count, 500)
        for string in strings {
            XCTAssertEqual(URLs.encode(string), string.addingPercentEncoding(withAllowedCharacters: allowed), string)
        }
    }
}
