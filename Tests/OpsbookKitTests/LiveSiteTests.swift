import XCTest
@testable import OpsbookKit

/// `opsbook serve`'s updates: whatever path an update takes, the served site must be what
/// a full build of the same files writes.
final class LiveSiteTests: XCTestCase {
    /// A copy of the demo content in a temporary folder, edited by the tests.
    func demoCopy() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "opsbook-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Repo.root.appending(path: "content"), to: folder.appending(path: "content"))
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder.appending(path: "content")
    }

    /// A preview of a fresh demo copy, built once, ready for edits.
    func startedPreview() throws -> (content: URL, site: LiveSite) {
        let content = try demoCopy()
        let site = LiveSite(build: Build(options: options(content)))
        XCTAssertTrue(site.update().succeeded)
        return (content, site)
    }

    func options(_ content: URL, templates: URL? = Repo.root.appending(path: "templates")) -> Build.Options {
        Build.Options(content: content, templates: templates, asOf: "2026-11-29T00:00")
    }

    func assertServesFullBuild(_ site: LiveSite, _ options: Build.Options, file: StaticString = #filePath, line: UInt = #line) {
        site.waitForSearchIndex()  // rebuilt off the watcher's thread after a page edit
        let memory = MemoryOutput()
        let result = Build(options: options).run(writingTo: memory)
        XCTAssertTrue(result.succeeded, file: file, line: line)
        for (path, data) in memory.files where site.file(at: path)?.data != data {
            XCTFail("\(path) served differs from a full build", file: file, line: line)
        }
    }

    /// The search index follows edits off the watcher's thread; edits in quick succession
    /// leave the index of the last one, as a full build writes it.
    func testRapidEditsLeaveTheSearchIndexOfTheLastOne() throws {
        let (content, site) = try startedPreview()
        let page = content.appending(path: "procedures/tape-backup-verify.md")
        let original = try String(contentsOf: page, encoding: .utf8)
        for word in ["甲乙丙丁", "戊己庚辛"] {
            try Data((original + "\n\n新词\(word)。\n").utf8).write(to: page)
            XCTAssertEqual(site.update(changed: [page.path]).kind, .page)
        }
        assertServesFullBuild(site, options(content))
        let shards = (0..<4096).compactMap { site.file(at: "search/index/\($0).json")?.data }
        XCTAssertTrue(shards.contains { String(decoding: $0, as: UTF8.self).contains("\"庚辛\"") })
        XCTAssertFalse(shards.contains { String(decoding: $0, as: UTF8.self).contains("\"丙丁\"") }, "the first edit's words are gone")
    }

    func testPageEditWithANewLinkRendersThePageAndItsNewTargetAsAFullBuildWould() throws {
        let (content, site) = try startedPreview()
        let page = content.appending(path: "procedures/tape-backup-verify.md")
        var text = try String(contentsOf: page, encoding: .utf8)
        XCTAssertFalse(text.contains("[[video-conference-support]]"))
        text += "\n\n新增一段说明,另见 [[video-conference-support]]。\n"
        try Data(text.utf8).write(to: page)

        let update = site.update(changed: [page.path])
        XCTAssertEqual(update.kind, .page)
        XCTAssertTrue(update.succeeded, "\(update.diagnostics)")
        XCTAssertEqual(update.changedPaths, ["procedures/tape-backup-verify/index.html", "procedures/video-conference-support/index.html"])
        assertServesFullBuild(site, options(content))
    }

    func testAnErrorKeepsTheLastGoodPageAndFixingItClearsTheError() throws {
        let (content, site) = try startedPreview()
        let page = content.appending(path: "procedures/desktop-setup.md")
        let good = try Data(contentsOf: page)
        let served = site.file(at: "procedures/desktop-setup/index.html")?.data
        let before = site.status.version
        try (good + Data("\n[坏链接](no-such-page.md)\n".utf8)).write(to: page)

        let failed = site.update(changed: [page.path])
        XCTAssertFalse(failed.succeeded)
        XCTAssertEqual(failed.kind, .page)
        let error = try XCTUnwrap(failed.diagnostics.first { $0.severity == .error })
        XCTAssertEqual(error.id, "link.missing")
        XCTAssertEqual(error.location.file, page.path)
        XCTAssertEqual(site.file(at: "procedures/desktop-setup/index.html")?.data, served, "the last good page stays served")
        XCTAssertGreaterThan(site.status.version, before, "browsers learn about the error")
        XCTAssertTrue(site.status.diagnostics.hasErrors)

        try good.write(to: page)
        let fixed = site.update(changed: [page.path])
        XCTAssertTrue(fixed.succeeded)
        XCTAssertFalse(site.status.diagnostics.hasErrors)
        assertServesFullBuild(site, options(content))
    }

    func testATitleChangeRebuildsEverythingThatShowsIt() throws {
        let (content, site) = try startedPreview()
        let page = content.appending(path: "procedures/desktop-setup.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        let title = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("title:") })
        try Data(text.replacingOccurrences(of: String(title), with: "title: 桌面终端安装(改名)").utf8).write(to: page)

        let update = site.update(changed: [page.path])
        XCTAssertEqual(update.kind, .full)
        XCTAssertTrue(update.changedPaths.contains("procedures/index.html"))
        XCTAssertTrue(String(decoding: site.file(at: "procedures/index.html")?.data ?? Data(), as: UTF8.self).contains("桌面终端安装(改名)"))
        assertServesFullBuild(site, options(content))
    }

    func testATemplateEditReRendersFromTheResolvedContent() throws {
        let content = try demoCopy()
        let templates = content.deletingLastPathComponent().appending(path: "templates")
        try FileManager.default.copyItem(at: Repo.root.appending(path: "templates"), to: templates)
        let site = LiveSite(build: Build(options: options(content, templates: templates)))
        site.update()
        let layout = templates.appending(path: "layout.mustache")
        let text = try String(contentsOf: layout, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "<footer class=\"footer\">", with: "<footer class=\"footer\"><span>模板已改</span>").utf8).write(
            to: layout)

        let update = site.update(changed: [layout.path])
        XCTAssertEqual(update.kind, .templates)
        XCTAssertTrue(String(decoding: site.file(at: "index.html")?.data ?? Data(), as: UTF8.self).contains("模板已改"))
        assertServesFullBuild(site, options(content, templates: templates))
    }
}
