import XCTest
@testable import OpsbookKit

/// Stage 2: links and references, their exact positions and suggestions, and back-links.
final class ResolveTests: XCTestCase {
    let base: [String: String] = [
        "systems/erp.md": "---\nid: erp\ntitle: ERP\nruns_on: [rac-1]\n---\n## 概述\n\ntext\n",
        "procedures/rac-check.md": "---\ntitle: RAC 巡检\napplies_to: [erp, rac-1]\n---\n## 步骤 一\n",
        "inventory/servers.yaml": "- id: rac-1\n  name: RAC 1\n  class: minicomputer\n- id: rac-2\n  name: RAC 2\n  class: minicomputer\n",
    ]

    func fixture(adding files: [String: String]) throws -> Fixture {
        try Fixture(base.merging(files) { _, new in new })
    }

    func testRelativeAndWikiLinksResolve() throws {
        let fixture = try fixture(adding: [
            "knowledge/a.md":
                "---\ntitle: A\n---\n见 [巡检](../procedures/rac-check.md#步骤-一)、[[erp]]、[[rac-check|规程]]、[[rac-1]] 与 [概述](../systems/erp.md#概述)。\n"
        ])
        let (result, files) = fixture.build()
        XCTAssertEqual(result.diagnostics, [])
        let html = String(decoding: try XCTUnwrap(files["knowledge/a/index.html"]), as: UTF8.self)
        XCTAssertTrue(html.contains("<a href=\"../../procedures/rac-check/index.html#%E6%AD%A5%E9%AA%A4-%E4%B8%80\">巡检</a>"), html)
        XCTAssertTrue(html.contains("<a href=\"../../systems/erp/index.html\">ERP</a>"), "[[id]] takes the target's title")
        XCTAssertTrue(html.contains("<a href=\"../../procedures/rac-check/index.html\">规程</a>"), "[[file-name|text]]")
        XCTAssertTrue(html.contains("<a href=\"../../inventory/minicomputer/rac-1/index.html\">RAC 1</a>"))
        XCTAssertEqual(brokenInternalLinks(in: files), [])
    }

    func testMissingPageLinkIsAnErrorAtItsLineAndColumnWithSuggestion() throws {
        let fixture = try fixture(adding: ["knowledge/a.md": "---\ntitle: A\n---\n\n中文前缀 [巡检](../procedures/rac-chek.md) 后缀\n"])
        let error = try XCTUnwrap(fixture.check().errors.first)
        XCTAssertEqual(error.id, "link.missing")
        XCTAssertEqual(error.location.file, fixture.path("knowledge/a.md"))
        XCTAssertEqual(error.location.line, 5)
        XCTAssertEqual(error.location.column, 6, "columns count characters, not UTF-8 bytes")
        XCTAssertEqual(error.suggestion, "../procedures/rac-check.md")
    }

    func testUnknownWikiLinkAndFrontMatterReferenceSuggestClosestID() throws {
        let fixture = try fixture(adding: ["knowledge/a.md": "---\ntitle: A\nrelated: [rac-3]\n---\nline one\nsee [[epr]] here\n"])
        let errors = fixture.check().errors
        XCTAssertEqual(errors.map(\.id), ["ref.unknown", "link.unknown"])
        XCTAssertEqual(errors.map(\.location.line), [3, 6])
        XCTAssertEqual(errors.map(\.location.column), [11, 5])
        XCTAssertEqual(errors.map(\.suggestion), ["rac-1", "erp"])
    }

    func testHeadingAnchorsAreChecked() throws {
        let fixture = try fixture(adding: ["knowledge/a.md": "---\ntitle: A\n---\n## 本节\n[x](#本节) [y](#不存在) [z](../systems/erp.md#概术)\n"])
        let errors = fixture.check().errors
        XCTAssertEqual(errors.map(\.id), ["link.anchor", "link.anchor"])
        XCTAssertEqual(errors.last?.suggestion, "#概述")
    }

    func testReferenceKindsAreEnforced() throws {
        let fixture = try fixture(adding: ["systems/oa.md": "---\ntitle: OA\nruns_on: [erp]\ndepends_on: [rac-1]\n---\n"])
        XCTAssertEqual(fixture.check().ids(.error), ["ref.kind", "ref.kind"])
    }

    func testAmbiguousFileNameNeedsAnID() throws {
        let fixture = try fixture(adding: ["knowledge/setup.md": "# a\n", "procedures/setup.md": "# b\n", "x.md": "# x\n[[setup]]\n"])
        XCTAssertEqual(fixture.check().ids(.error), ["ref.ambiguous"])
    }

    func testLinkOutsideContentIsRejected() throws {
        let fixture = try fixture(adding: ["x.md": "# x\n[secret](../../etc/passwd)\n"])
        XCTAssertEqual(fixture.check().ids(.error), ["link.outside"])
    }

    func testLinkedFilesAreCopiedAndOthersAreNot() throws {
        let fixture = try fixture(adding: [
            "knowledge/a.md": "# A\n![图](img/topo.png)\n", "knowledge/img/topo.png": "PNG", "knowledge/img/unused.png": "PNG"
        ])
        let (result, files) = fixture.build()
        XCTAssertTrue(result.succeeded)
        XCTAssertNotNil(files["knowledge/img/topo.png"])
        XCTAssertNil(files["knowledge/img/unused.png"])
        XCTAssertEqual(brokenInternalLinks(in: files), [])
    }

    func testBacklinksFromBodyAndFrontMatter() throws {
        let fixture = try fixture(adding: ["knowledge/a.md": "---\ntitle: A\n---\n[[rac-2]]\n"])
        let log = DiagnosticLog()
        let graph = Resolver.resolve(ContentLoader.load(from: fixture.content, log: log), log: log)
        XCTAssertEqual(log.all, [])
        func node(_ id: String) -> Node { graph.ids[id]! }
        XCTAssertEqual(Set(graph.backlinks[node("rac-1")] ?? []), [node("erp"), node("procedures/rac-check")])
        XCTAssertEqual(graph.backlinks[node("rac-2")], [node("knowledge/a")])
        XCTAssertEqual(graph.backlinks[node("erp")], [node("procedures/rac-check")])
        XCTAssertTrue(graph.itemsWithPages.contains { graph.content.items[$0].id == "rac-2" })
    }

    func testAllProblemsInOneRunSortedByPathAndLine() throws {
        let fixture = try Fixture([
            "b.md": "# B\n[x](nope.md)\n[[nothing]]\n",
            "a.md": "---\nid: BAD\n---\n[y](gone.md)\n",
        ])
        let errors = fixture.check().errors
        XCTAssertEqual(errors.count, 4)
        XCTAssertEqual(errors.map { "\(URL(fileURLWithPath: $0.location.file).lastPathComponent):\($0.location.line)" },
                       ["a.md:2", "a.md:4", "b.md:2", "b.md:3"])
    }
}
