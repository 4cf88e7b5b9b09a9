import XCTest
@testable import OpsbookKit

/// The leak test: a unique marker in every place that can be internal. The client build
/// contains none of them in any file or file name; the internal build contains all.
final class AudienceTests: XCTestCase {
    static let markers = ["mkpage7f3", "mksection7f3", "mkfield7f3", "mkitem7f3", "mkperson7f3", "mkphone7f3", "mkassignee7f3",
                          "mksource7f3", "mknarrative7f3", "mkscore7f3", "mkfile7f3", "mkrecord7f3", "mkplanned7f3",
                          "mkreason7f3", "mkrespondent7f3", "mkcomment7f3", "mkfeedback7f3"]

    func fixture() throws -> Fixture {
        // No response yet: the ticket breaches its response clock and is listed with its assignee.
        let csv = "id,title,type,priority,opened,responded,assignee\nT-1,打印机故障,incident,P2,2026-10-08 09:00,,mkassignee7f3\n"
        return try Fixture([
            "site.yaml": "title: 测试\n",
            "sla.yaml": "calendars:\n  always: 24x7\npolicies:\n  - {match: {}, calendar: always, response: 1h, resolve: 4h}\n",
            "systems/erp.md":
                "---\nid: erp\ntitle: ERP\n---\n公开内容。\n\n<!-- internal -->\n堡垒机账号 mksection7f3\n<!-- /internal -->\n\n见 [[mkpage7f3]] 与 [运行手册](../internal/mkpage7f3.md),以及 [[mkpage7f3|内部手册]]。\n",
            "internal/mkpage7f3.md": "---\ntitle: 内部手册 mkpage7f3\n---\n附件 [下载](mkfile7f3.pdf)\n",
            "internal/mkfile7f3.pdf": "%PDF-1.4 mkfile7f3",
            "inventory/s.yaml": """
            - id: srv-1
              name: S1
              class: pc-server
              systems: [erp]
              internal: {ip: mkfield7f3}
            - id: mkitem7f3
              name: 隐藏服务器
              class: pc-server
              audience: internal
            """,
            "team.yaml":
                "tiers:\n  - {id: L1, name: 一线}\nroles:\n  - {id: desk, name: 坐席, tier: L1, headcount: 1}\npeople:\n  - {name: 张三, role: desk, phone: mkphone7f3}\n  - {name: mkperson7f3, role: desk, audience: internal}\n",
            "tickets/desk.yaml":
                "file: desk.csv\ncolumns: {id: id, title: title, type: type, priority: priority, opened_at: opened, first_response_at: responded, assignee: assignee}\n",
            "tickets/desk.csv": csv,
            "tickets/vip.yaml":
                "file: vip.csv\naudience: internal\ncolumns: {id: id, title: title, type: type, priority: priority, opened_at: opened, first_response_at: responded}\n",
            "tickets/vip.csv": "id,title,type,priority,opened,responded\nV-1,领导电脑 mksource7f3,incident,P1,2026-10-09 09:00,\n",
            "reports/2026-10.md": "---\naudience: internal\n---\n本月内部说明 mknarrative7f3\n",
            "scorecards/2026-Q4.yaml": "engineers:\n  - name: mkscore7f3\n    events: []\n",
            "inspections/i.yaml":
                "schedules:\n  - {id: daily, targets: [srv-1], frequency: daily, from: 2026-10-08}\nrecords:\n  - {schedule: daily, date: 2026-10-08 09:00, result: findings, findings: \"ok\"}\n  - {schedule: daily, date: 2026-10-09 09:00, result: findings, findings: mkrecord7f3, audience: internal}\n",
            // People records: the internal person joins (and counts) under an alias in the client build.
            "staffing.yaml":
                "contracted: {desk: 2}\nformer:\n  - {name: 李四, role: desk}\nchanges:\n  - {type: replace, person: mkperson7f3, replaces: 李四, role: desk, requested_on: 2026-08-01, approved_on: 2026-08-02, start_on: 2026-10-01, end_on: 2026-10-05, reason: mkreason7f3}\n",
            "surveys/2026-H1.yaml":
                "responses:\n  - {respondent: mkrespondent7f3, signed_on: 2026-07-02, scores: {attitude: 5}, comments: mkcomment7f3}\n",
            "visits/2026-10-10.yaml":
                "date: 2026-10-10\ntitle: 走访\nfeedback: mkfeedback7f3\nactions:\n  - {title: 改进, owner: mkperson7f3, due: 2026-10-20}\n",
            "planned/p.yaml":
                "- {id: visible, title: 公开变更, due: 2026-10-20}\n- {id: hidden, title: 内部变更 mkplanned7f3, due: 2026-10-21, audience: internal}\n"
        ])
    }

    func build(_ fixture: Fixture, _ audience: Audience) throws -> [String: Data] {
        let output = fixture.directory.appending(path: "out-\(audience.rawValue)")
        let result = Build(options: .init(content: fixture.content, templates: nil, asOf: "2026-11-01T00:00", audience: audience))
            .run(writingTo: DirectoryOutput(directory: output))
        // The fixture's exports lack tier, survey and on-site columns on purpose (tickets.not_measured).
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note && $0.id != "tickets.not_measured" }
            .map { $0.formatted(relativeTo: "/") }, [], audience.rawValue)
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil)!
        for case let url as URL in walker where !url.hasDirectoryPath {
            files[String(url.standardizedFileURL.path.dropFirst(output.standardizedFileURL.path.count + 1))] = try Data(contentsOf: url)
        }
        return files
    }

    func testClientBuildLeaksNoMarkerAndInternalBuildHasThemAll() throws {
        let fixture = try fixture()
        let client = try build(fixture, .client)
        XCTAssertNotNil(client["systems/erp/index.html"])
        for (path, data) in client {
            let text = path + "\n" + String(decoding: data, as: UTF8.self)
            for marker in Self.markers { XCTAssertFalse(text.contains(marker), "client build: \(marker) in \(path)") }
        }
        let erp = String(decoding: client["systems/erp/index.html"]!, as: UTF8.self)
        XCTAssertTrue(erp.contains("公开内容。"))
        XCTAssertTrue(erp.contains("以及 内部手册。"), "a link to a hidden page renders as its text")
        XCTAssertFalse(erp.contains("internal/"), "no href to the hidden page")
        XCTAssertEqual(brokenInternalLinks(in: client), [])

        let internalBuild = try build(fixture, .internal)
        // The hidden person still counts: the same people figures in both builds.
        func rotation(_ files: [String: Data]) throws -> [NSDictionary] {
            let json = try XCTUnwrap(
                JSONSerialization.jsonObject(with: try XCTUnwrap(files["reports/2026-Q4/report.json"])) as? [String: Any])
            let people = try XCTUnwrap(json["people"] as? [String: Any])
            return [try XCTUnwrap(people["rotation_rate"] as? NSDictionary), try XCTUnwrap(people["headcount"] as? NSDictionary)]
        }
        XCTAssertEqual(try rotation(client), try rotation(internalBuild))
        XCTAssertTrue(String(decoding: try XCTUnwrap(client["reports/2026-Q4/report.json"]), as: UTF8.self).contains("（未公开内容） 1"))
        let everything = internalBuild.map { $0.key + "\n" + String(decoding: $0.value, as: UTF8.self) }.joined(separator: "\n")
        for marker in Self.markers { XCTAssertTrue(everything.contains(marker), "internal build lacks \(marker)") }
        XCTAssertEqual(brokenInternalLinks(in: internalBuild), [])
    }

    func testCheckExplainsWhatTheClientBuildDrops() throws {
        let fixture = try fixture()
        let run = try runOpsbook(["check", "--audience", "client", "--as-of", "2026-11-01"], in: fixture.directory)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(
            run.stderr.contains(
                "content/internal/mkpage7f3.md:1:1: note: the client build leaves out page '内部手册 mkpage7f3': everything under content/internal/ is internal [audience.dropped]"
            ), run.stderr)
        XCTAssertTrue(run.stderr.contains("the phone and e-mail of '张三': contact details are internal"))
        XCTAssertTrue(run.stderr.contains("ticket source 'tickets/vip.yaml': its audience is internal"))
        let quiet = try runOpsbook(["check", "--as-of", "2026-11-01"], in: fixture.directory)
        XCTAssertFalse(quiet.stderr.contains("note:"), "notes only when an audience is asked about")
    }

    func testFolderDefaultsAndPublicBuilds() throws {
        let fixture = try Fixture([
            "knowledge/_folder.yaml": "audience: internal\n",
            "knowledge/a.md": "# A\n",
            "knowledge/b.md": "---\naudience: client\n---\n# B\n",
            "public.md": "---\naudience: public\n---\n# Public\n",
            "plain.md": "# Plain\n",
        ])
        let log = DiagnosticLog()
        let loaded = ContentLoader.load(from: fixture.content, log: log)
        let client = AudienceFilter.apply(loaded, audience: .client, log: log).0
        XCTAssertEqual(client.pages.map(\.sourcePath).sorted(), ["knowledge/b.md", "plain.md", "public.md"])
        let publicBuild = AudienceFilter.apply(loaded, audience: .public, log: log).0
        XCTAssertEqual(publicBuild.pages.map(\.sourcePath), ["public.md"])
    }

    /// A `_folder.yaml` in a data folder was read as that folder's data (an inventory or
    /// inspections file), its audience never applied: the items reached the client build.
    func testFolderDefaultsApplyInDataFolders() throws {
        let fixture = try Fixture([
            "inventory/_folder.yaml": "audience: internal\n",
            "inventory/servers.yaml": "- id: srv-secret-01\n  name: Secret server\n  class: pc-server\n",
            "inspections/_folder.yaml": "audience: internal\n",
            "inspections/daily.yaml": "schedules:\n  - id: daily-secret\n    title: Daily\n    frequency: daily\n",
            "a.md": "# A\n",
        ])
        let log = DiagnosticLog()
        let loaded = ContentLoader.load(from: fixture.content, log: log)
        XCTAssertEqual(log.all.filter { $0.location.file.hasSuffix("_folder.yaml") }.map(\.message), [])
        XCTAssertEqual(loaded.items.map(\.id), ["srv-secret-01"])
        XCTAssertEqual(loaded.folderAudiences["inventory/"], .internal)
        let client = AudienceFilter.apply(loaded, audience: .client, log: log).0
        XCTAssertEqual(client.items.map(\.id), [])
        XCTAssertEqual(client.schedules.map(\.id), [])
        let internalBuild = AudienceFilter.apply(loaded, audience: .internal, log: log).0
        XCTAssertEqual(internalBuild.items.map(\.id), ["srv-secret-01"])
        XCTAssertEqual(internalBuild.schedules.map(\.id), ["daily-secret"])
    }

    func testUnbalancedInternalMarkersAreErrors() throws {
        let fixture = try Fixture(["a.md": "# A\n<!-- internal -->\nsecret\n", "b.md": "# B\n<!-- /internal -->\n"])
        let errors = fixture.check().errors
        XCTAssertEqual(errors.map(\.id).sorted(), ["internal.unclosed", "internal.unopened"])
        XCTAssertEqual(errors.map(\.location.line), [2, 2])
    }
}
