import XCTest
@testable import OpsbookKit

/// Opsbook's own Mustache evaluator against the Mustache spec (mustache/spec, vendored under
/// Tests/Corpora/mustache-spec): every test of the parts the theme and users' templates use.
final class TemplateSpecTests: XCTestCase {
    private struct Spec: Decodable {
        struct Case: Decodable {
            var name: String
            var data: JSON
            var template: String
            var partials: [String: String]?
            var expected: String
        }
        var tests: [Case]
    }

    /// A spec's data, decoded as JSON says (a whole number stays an integer).
    private enum JSON: Decodable {
        case value(TemplateValue)
        init(from decoder: Decoder) throws {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() { self = .value(.null) }
            else if let flag = try? single.decode(Bool.self) { self = .value(.bool(flag)) }
            else if let number = try? single.decode(Int.self) { self = .value(.int(number)) }
            else if let number = try? single.decode(Double.self) { self = .value(.double(number)) }
            else if let text = try? single.decode(String.self) { self = .value(.text(text)) }
            else if let items = try? single.decode([JSON].self) { self = .value(.list(items.map(\.template))) }
            else { self = .value(.object(TemplateFields(try single.decode([String: JSON].self).mapValues(\.template)))) }
        }
        var template: TemplateValue { if case let .value(value) = self { value } else { .null } }
    }

    private func run(_ file: String) throws -> (passed: Int, failures: [String]) {
        let data = try Data(contentsOf: Repo.corpus("mustache-spec/specs/\(file).json"))
        let spec = try JSONDecoder().decode(Spec.self, from: data)
        var passed = 0
        var failures: [String] = []
        for test in spec.tests {
            var library = TemplateLibrary()
            do {
                try library.add(test.template, named: "test")
                for (name, source) in test.partials ?? [:] { try library.add(source, named: name) }
            } catch {
                failures.append("\(test.name): \(error)")
                continue
            }
            library.prepareIndentation()
            let output = library.render("test", test.data.template).map { String(decoding: $0, as: UTF8.self) }
            if output == test.expected { passed += 1 } else {
                failures.append("\(test.name): expected \(test.expected.debugDescription), got \(output.debugDescription)")
            }
        }
        return (passed, failures)
    }

    func testEverySpecFileTheThemeUsesPasses() throws {
        var total = 0
        for file in ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"] {
            let (passed, failures) = try run(file)
            XCTAssertEqual(failures, [], file)
            XCTAssertGreaterThan(passed, 10, "\(file): too few tests ran")
            total += passed
        }
        // Every test in these files, block reindentation included: none is skipped.
        XCTAssertEqual(total, 163)
    }

    func testSyntaxErrorsSayWhereAndWhat() {
        let cases: [(String, String, Int, Int)] = [
            ("a\n  {{#x}}b{{/y}}", "a section is closed with a different name than it was opened ('x')", 2, 10),
            ("{{#x}}\n\nb", "a section is opened but never closed ('x')", 1, 1),
            ("ok {{name", "a tag is not closed with '}}'", 1, 4),
            ("{{=<% %>=}}<%/x%>", "'x' is closed but was never opened", 1, 12),
            ("{{= a =}}", "invalid set-delimiter tag", 1, 1),
        ]
        for (source, message, line, column) in cases {
            XCTAssertThrowsError(try TemplateParser.parse(source), source) { error in
                guard let error = error as? TemplateSyntaxError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.message, message, source)
                let position = error.position(in: source)
                XCTAssertEqual([position.line, position.column], [line, column], source)
            }
        }
    }

    func testSelfIncludingTemplateStopsInsteadOfExhaustingTheStack() throws {
        var library = TemplateLibrary()
        try library.add("x{{> loop}}", named: "loop")
        try library.add("  {{> loop}}\n", named: "indented")
        library.prepareIndentation()
        XCTAssertEqual(library.render("loop", [:])?.count, TemplateLibrary.maximumDepth + 1)
        XCTAssertNotNil(library.render("indented", [:]))
    }
}

/// A template object's fields behave as the Dictionary they replaced, small (searched in
/// order) and large (indexed), through every change.
final class TemplateFieldsTests: XCTestCase {
    func testFieldsAgreeWithADictionaryThroughSetsReplacementsAndRemovals() {
        var fields = TemplateFields()
        var expected: [String: TemplateValue] = [:]
        var random = SeededRandom(seed: 14)
        // Keys that collide in the index's low bits are likely among 400 names in 64 slots.
        let names = (0..<400).map { "key\($0)" } + ["", "labels_x", "磁带", "a.b", "a_b"]
        for step in 0..<20_000 {
            let key = random.pick(names)
            let value: TemplateValue? = random.int(0...3) == 0 ? nil : .int(step)
            fields[key] = value
            expected[key] = value
            if step % 997 == 0 || step < 40 {
                XCTAssertEqual(fields.count, expected.count, "step \(step)")
                for name in names { XCTAssertEqual(fields[name], expected[name], "\(name) at step \(step)") }
            }
        }
        XCTAssertEqual(fields, TemplateFields(expected), "equal whatever the order of setting")
        for name in names { fields[name] = nil }
        XCTAssertTrue(fields.isEmpty)
        XCTAssertNil(fields["key1"])
    }

    func testLiteralsMergesAndEqualityAreADictionarys() {
        let small: TemplateFields = ["a": 1, "b": "x"]
        XCTAssertEqual(small.merging(["b": "y", "c": true]) { old, _ in old }, ["a": 1, "b": "x", "c": true])
        XCTAssertEqual(small.merging(["b": "y"]) { _, new in new }, ["b": "y", "a": 1])
        XCTAssertNotEqual(small, ["a": 1, "b": "z"])
        XCTAssertNotEqual(small, ["a": 1])
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: small.map { ($0.key, $0.value) }), ["a": 1, "b": "x"])
        let value: TemplateValue = ["x": ["y": "deep"]]
        XCTAssertEqual(value["x"]?["y"], "deep")
        XCTAssertNil(value["y"])
    }

    func testTemplatesFindNamesInLargeAndSmallObjectsAndOuterContexts() throws {
        var library = TemplateLibrary()
        try library.add("{{#items}}{{name}}-{{label.k33}}-{{outer}};{{/items}}{{missing}}", named: "t")
        var labels = TemplateFields()
        for index in 0..<50 { labels["k\(index)"] = .text("v\(index)") }
        let context: TemplateValue = ["outer": "o", "label": .object(labels), "items": [["name": "a"], ["name": "b", "outer": "inner"]]]
        XCTAssertEqual(library.render("t", context).map { String(decoding: $0, as: UTF8.self) }, "a-v33-o;b-v33-inner;")
    }
}
