import XCTest
@testable import OpsbookKit

/// Every input `make fuzz` kept under Tests/Fuzz/TARGET/ (crashes it found, then fixed)
/// runs through the same entry point again; and every target takes the inputs that used to
/// trap, so the entry points themselves stay exercised when no crash is kept.
final class FuzzRegressionTests: XCTestCase {
    func testKeptFuzzInputsRunCleanly() throws {
        let root = Repo.root.appending(path: "Tests/Fuzz")
        var replayed = 0
        for target in FuzzTargets.names {
            let folder = root.appending(path: target)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in files.sorted() where !name.hasPrefix(".") {
                XCTAssertTrue(FuzzTargets.run(target, try Data(contentsOf: folder.appending(path: name))), "\(target)/\(name)")
                replayed += 1
            }
        }
        print("fuzz regression: \(replayed) kept inputs replayed")
    }

    func testEveryTargetTakesInputsThatUsedToTrap() {
        let hostile: [String: [String]] = [
            "markdown": [
                String(repeating: "word [x](a.md) **b** ", count: 2_000), "[x](opsbook-wiki:0) [[a]]", "---\ntitle: [\n---\n",
                "\u{0}\u{FFFF}<!-- Internal -->"
            ],
            "yaml": [
                "- {id: a, name: A, class: pc-server, quantity: 9223372036854775807}", "response: 99999999999999999d",
                "records:\n  - {schedule: s, date: 2026-10-15T}"
            ],
            "csv": ["a,\"b\nc", "\"\"\"", ",,,\r\n\r\n"],
            "jsonl": ["{\"a\": {\"b\": [1, {\"c\": null}]}}", "[1,2]", "{"],
            "xlsx": ["PK\u{3}\u{4}", ""],
            "dates": ["2026-10-01T00:00+99:00", "0001-01-01", "9223372036854775807", "99999999999999999h"],
            "http": [
                "GET /" + String(repeating: "%", count: 3_000) + " HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\n\n", "\r\n\r\n",
                "GET /a%2F..%2F..%2Fetc HTTP/1.1\r\nContent-Length: 9\r\n\r\n", String(repeating: "A", count: 40_000)
            ],
            "toml": [
                String(repeating: "a = [", count: 100_000), String(repeating: "[[a]]\n", count: 2_000), "a = \"\\U0010FFFF\\UFFFFFFFF\"",
                "x = 0x" + String(repeating: "f", count: 40), "'''", "a.b = 1\na.b.c = 2\n[a]\n", "d = 1979-05-27 "
            ],
            "tickets": [
                "id,opened,status,updated,type,priority,tier,resolved,responded,score,reopened,title,tags\nT,2026-10-05 09:00,open,x,incident,P3,L1,,,9.2e18,-1,\u{0},"
            ]
        ]
        XCTAssertEqual(Set(hostile.keys), Set(FuzzTargets.names))
        for (target, inputs) in hostile {
            for input in inputs { XCTAssertTrue(FuzzTargets.run(target, Data(input.utf8)), target) }
        }
        XCTAssertFalse(FuzzTargets.run("no-such-target", Data()))
    }
}
