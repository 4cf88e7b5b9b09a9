import XCTest
@testable import OpsbookKit

/// Stage 1: reading files into the content model, and every diagnostic class it reports.
final class LoadTests: XCTestCase {
    /// Pages and ticket rows load on every core; the result must not depend on it.
    func testParallelLoadingEqualsSerialLoading() throws {
        let folder = Repo.root.appending(path: "content")
        let serialLog = DiagnosticLog(), parallelLog = DiagnosticLog()
        let serial = ContentLoader.load(from: folder, audience: .client, parallel: false, log: serialLog)
        let parallel = ContentLoader.load(from: folder, audience: .client, parallel: true, log: parallelLog)
        XCTAssertGreaterThan(serial.pages.count, 50)
        XCTAssertGreaterThan(serial.tickets.count, 1000)
        XCTAssertEqual(parallel.pages.map { String(describing: $0) }, serial.pages.map { String(describing: $0) })
        XCTAssertEqual(parallel.tickets.map { String(describing: $0) }, serial.tickets.map { String(describing: $0) })
        XCTAssertGreaterThan(Set(serial.items.map(\.location.file)).count, 1, "inventory files are parsed as jobs of their own")
        XCTAssertEqual(parallel.items.map { String(describing: $0) }, serial.items.map { String(describing: $0) })
        XCTAssertEqual(parallelLog.all, serialLog.all)
    }

    func testDefaultsFromPathAndFolder() throws {
        let fixture = try Fixture([
            "procedures/RAC-Daily-Check.md": "# RAC 巡检\n\ntext\n",
            "emergency/power.md": "---\ntitle: 断电\n---\n",
            "notes/misc.md": "---\ntitle: 杂项\n---\n",
        ])
        let log = DiagnosticLog()
        let content = ContentLoader.load(from: fixture.content, log: log)
        let byPath = Dictionary(uniqueKeysWithValues: content.pages.map { ($0.sourcePath, $0) })
        XCTAssertEqual(byPath["procedures/RAC-Daily-Check.md"]?.id, "procedures/rac-daily-check")
        XCTAssertEqual(byPath["procedures/RAC-Daily-Check.md"]?.title, "RAC 巡检")
        XCTAssertEqual(byPath["procedures/RAC-Daily-Check.md"]?.type, .procedure)
        XCTAssertEqual(byPath["emergency/power.md"]?.type, .emergencyPlan)
        XCTAssertEqual(byPath["notes/misc.md"]?.type, .page)
        XCTAssertEqual(log.all, [])
    }

    func testMissingTitleFallsBackToFileNameWithWarning() throws {
        let fixture = try Fixture(["knowledge/untitled-note.md": "just text, no heading\n"])
        let result = fixture.check()
        XCTAssertEqual(result.ids(.warning), ["page.title"])
        XCTAssertEqual(result.warnings.first?.location.file, fixture.path("knowledge/untitled-note.md"))
        XCTAssertTrue(result.succeeded)
    }

    func testYAMLSyntaxErrorIsReportedAtFileLineInFrontMatter() throws {
        let fixture = try Fixture(["systems/erp.md": "---\ntitle: ERP\ntags: [a, b\nowner: x\n---\nbody\n"])
        let result = fixture.check()
        let error = try XCTUnwrap(result.errors.first)
        XCTAssertEqual(error.id, "yaml.syntax")
        XCTAssertEqual(error.location.file, fixture.path("systems/erp.md"))
        XCTAssertEqual(error.location.line, 4, "position must be in file lines, after the opening ---")
    }

    func testUnterminatedFrontMatter() throws {
        let fixture = try Fixture(["a.md": "---\ntitle: x\n"])
        XCTAssertEqual(fixture.check().ids(.error), ["frontmatter.unterminated"])
    }

    func testUnknownKeyWarnsWithSuggestion() throws {
        let fixture = try Fixture(["systems/erp.md": "---\ntitle: ERP\nowenr: 张三\ndraft: true\n---\n"])
        let result = fixture.check()
        XCTAssertTrue(result.succeeded, "unknown keys are warnings: Hugo collections must still build")
        let typo = try XCTUnwrap(result.warnings.first { $0.message.contains("owenr") })
        XCTAssertEqual(typo.suggestion, "owner")
        XCTAssertEqual(typo.location.line, 3)
        XCTAssertEqual(typo.location.column, 1)
    }

    func testKeyOfAnotherTypeIsNamedAsSuch() throws {
        let fixture = try Fixture(["procedures/p.md": "---\ntitle: P\nruns_on: [x]\n---\n"])
        XCTAssertEqual(fixture.check().ids(.warning), ["key.wrong-type"])
    }

    func testInvalidExplicitID() throws {
        let fixture = try Fixture(["a.md": "---\nid: Not Valid\ntitle: A\n---\n"])
        let error = try XCTUnwrap(fixture.check().errors.first)
        XCTAssertEqual(error.id, "id.invalid")
        XCTAssertEqual(error.location.line, 2)
        XCTAssertEqual(error.location.column, 5)
    }

    func testDuplicateIDNamesBothPlaces() throws {
        let fixture = try Fixture([
            "systems/erp.md": "---\nid: erp\ntitle: ERP\n---\n",
            "knowledge/erp.md": "---\ntitle: ERP notes\nid: erp\n---\n",
        ])
        let errors = fixture.check().errors
        XCTAssertEqual(errors.map(\.id), ["id.duplicate", "id.duplicate"])
        XCTAssertEqual(Set(errors.map(\.location.file)), [fixture.path("systems/erp.md"), fixture.path("knowledge/erp.md")])
        XCTAssertTrue(errors.contains { $0.location.file.hasSuffix("knowledge/erp.md") && $0.message.contains("systems/erp.md:2") })
        XCTAssertTrue(errors.contains { $0.location.file.hasSuffix("systems/erp.md") && $0.message.contains("knowledge/erp.md:3") })
    }

    func testBadDrillDate() throws {
        let fixture = try Fixture([
            "emergency/p.md":
                "---\ntitle: P\ndrills:\n  - date: 2026-02-30\n    result: pass\n  - date: 2026-03-01\n    result: pass\n---\n"
        ])
        let result = fixture.check()
        XCTAssertEqual(result.ids(.error), ["date.invalid"])
        XCTAssertEqual(result.errors.first?.location.line, 4)
        XCTAssertEqual(result.errors.first?.location.column, 11)
    }

    func testUnknownInventoryClassWithSuggestion() throws {
        let fixture = try Fixture(["inventory/a.yaml": "- id: s1\n  name: S1\n  class: minicomputr\n"])
        let error = try XCTUnwrap(fixture.check().errors.first)
        XCTAssertEqual(error.id, "inventory.class")
        XCTAssertEqual(error.suggestion, "minicomputer")
        XCTAssertEqual(error.location.line, 3)
        XCTAssertEqual(error.location.column, 10)
    }

    func testInventoryDefaultsAndQuantities() throws {
        let fixture = try Fixture([
            "inventory/d.yaml":
                "defaults:\n  class: desktop\n  location: 3F\nitems:\n  - id: d1\n    name: D1\n    quantity: 530\n  - id: d2\n    name: D2\n"
        ])
        let log = DiagnosticLog()
        let content = ContentLoader.load(from: fixture.content, log: log)
        XCTAssertEqual(log.all, [])
        XCTAssertEqual(content.items.map(\.quantity), [530, 1])
        XCTAssertEqual(content.items.map(\.itemClass.id), ["desktop", "desktop"])
        XCTAssertEqual(content.items.first?.property("location"), "3F")
    }

    func testTeamRolesAndTiersAreChecked() throws {
        let fixture = try Fixture([
            "team.yaml":
                "tiers:\n  - id: L1\n    name: 一线\nroles:\n  - id: desk\n    name: 坐席\n    tier: L4\n    headcount: 3\npeople:\n  - name: 张三\n    role: dsk\n"
        ])
        let result = fixture.check()
        XCTAssertEqual(result.ids(.error), ["team.tier", "team.role"])
        XCTAssertEqual(result.errors.last?.suggestion, "desk")
    }

    func testCRLFAndBOMKeepLineNumbers() throws {
        let fixture = try Fixture(["systems/erp.md": "\u{FEFF}---\r\ntitle: ERP\r\n---\r\n\r\nsee [x](missing.md)\r\n"])
        let error = try XCTUnwrap(fixture.check().errors.first)
        XCTAssertEqual(error.location.line, 5)
        XCTAssertEqual(error.location.column, 5)
    }

    func testHugoShortcodesAndTOMLBuildWithWarnings() throws {
        let fixture = try Fixture([
            "a.md": "---\ntitle: A\nslug: a-page\n---\n\n{{< figure src=\"x.png\" >}}\n",
            "b.md": "+++\ntitle = \"B\"\n+++\n# B\n",
            "c.md": "no front matter at all\n\n# C heading\n",
        ])
        let result = fixture.check()
        XCTAssertTrue(result.succeeded)
        XCTAssertEqual(Set(result.ids(.warning)), ["key.unknown", "hugo.shortcode"])
    }

    func testInvalidUTF8IsAnErrorNotMojibake() throws {
        let fixture = try Fixture([:])
        try Data([0x23, 0x20, 0xFF, 0xFE, 0x0A]).write(to: fixture.content.appending(path: "bad.md"))
        XCTAssertEqual(fixture.check().ids(.error), ["file.encoding"])
    }
}
