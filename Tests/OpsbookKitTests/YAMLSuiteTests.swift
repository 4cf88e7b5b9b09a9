import XCTest
@testable import OpsbookKit

/// Every case of the YAML test suite, used as a page's front matter and as an inventory
/// file, must give a page (or items) or a diagnostic with a real position — never a crash.
final class YAMLSuiteTests: XCTestCase {
    func cases() throws -> [(name: String, yaml: String, invalid: Bool)] {
        let root = try Repo.corpus("yaml-test-suite")
        var cases: [(String, String, Bool)] = []
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        for case let url as URL in walker where url.lastPathComponent == "in.yaml" {
            let folder = url.deletingLastPathComponent()
            let name = String(folder.path.dropFirst(root.path.count + 1)).replacingOccurrences(of: "/", with: "-").lowercased()
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            cases.append((name, text, FileManager.default.fileExists(atPath: folder.appending(path: "error").path)))
        }
        return cases.sorted { $0.0 < $1.0 }
    }

    func testEveryCaseAsFrontMatterAndAsInventory() throws {
        let cases = try cases()
        XCTAssertGreaterThan(cases.count, 300)
        var files: [String: String] = [:]
        for entry in cases {
            files["yaml/\(entry.name).md"] = "---\n\(entry.yaml)\(entry.yaml.hasSuffix("\n") ? "" : "\n")---\n\nBody of \(entry.name).\n"
            files["inventory/\(entry.name).yaml"] = entry.yaml
        }
        let fixture = try Fixture(files)
        let log = DiagnosticLog()
        let content = ContentLoader.load(from: fixture.content, log: log)
        _ = Resolver.resolve(content, log: log)
        let diagnostics = log.all
        for diagnostic in diagnostics {
            XCTAssertGreaterThanOrEqual(diagnostic.location.line, 1, diagnostic.formatted(relativeTo: "/"))
            XCTAssertGreaterThanOrEqual(diagnostic.location.column, 1, diagnostic.formatted(relativeTo: "/"))
        }
        let diagnosedFiles = Set(diagnostics.map(\.location.file))
        let pageFiles = Set(content.pages.map(\.file))
        let itemFiles = Set(content.items.map(\.location.file))
        var invalidDiagnosed = 0
        for entry in cases {
            let page = fixture.path("yaml/\(entry.name).md")
            XCTAssert(pageFiles.contains(page) || diagnosedFiles.contains(page), "front matter \(entry.name): neither page nor diagnostic")
            let inventory = fixture.path("inventory/\(entry.name).yaml")
            XCTAssert(
                itemFiles.contains(inventory) || diagnosedFiles.contains(inventory), "inventory \(entry.name): neither items nor diagnostic"
            )
            if entry.invalid && diagnostics.contains(where: { $0.location.file == inventory && $0.severity == .error }) {
                invalidDiagnosed += 1
            }
        }
        let invalid = cases.filter(\.invalid).count
        print(
            "yaml-test-suite: \(cases.count) cases, \(invalid) invalid; \(invalidDiagnosed) of those reported as errors in the inventory role"
        )
        // libyaml accepts a few inputs the suite calls invalid; most must still be caught.
        XCTAssertGreaterThan(invalidDiagnosed, invalid * 8 / 10)
    }
}
