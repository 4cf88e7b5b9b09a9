import XCTest
@testable import OpsbookKit

/// Opsbook's own additions to cmark-gfm: placeholders, wiki links, anchors, positions.
final class MarkdownStageTests: XCTestCase {
    func testLinksAreCollectedWithCharacterColumns() {
        let rendered = MarkdownRenderer.render("# 标题\n\n中文 [a](x.md) 和 [[wiki|标签]]\n\n| 表 | [[t]] |\n|---|---|\n")
        XCTAssertEqual(rendered.links.map(\.destination), ["x.md", "wiki", "t"])
        XCTAssertEqual(rendered.links.map(\.line), [3, 3, 5])
        XCTAssertEqual(rendered.links.map(\.column), [4, 16, 7])
        XCTAssertEqual(rendered.links[1].kind, .wiki(hasLabel: true))
        XCTAssertEqual(rendered.firstHeading, "标题")
    }

    func testWikiLinksInCodeStayLiteral() {
        let rendered = MarkdownRenderer.render("`[[not-a-link]]`\n\n```\n[[nor-this]]\n```\n")
        XCTAssertEqual(rendered.links, [])
        XCTAssertTrue(rendered.html.contains("<code>[[not-a-link]]</code>"))
    }

    func testHeadingAnchorsAreUniqueAndKeepCJK() {
        let rendered = MarkdownRenderer.render("## 处置步骤\n## 处置步骤\n## Oracle RAC: Check!\n")
        XCTAssertEqual(rendered.headings.map(\.anchor), ["处置步骤", "处置步骤-1", "oracle-rac-check"])
        XCTAssertTrue(
            rendered.html.contains(
                "<h2 id=\"处置步骤-1\">处置步骤<a class=\"heading-anchor\" href=\"#处置步骤-1\" aria-label=\"本节链接\" data-pagefind-ignore>#</a></h2>"))
    }

    func testManyRepeatedHeadingsAndTakenNumbersStayUnique() {
        // Past the table's first capacity, and around an id the author took that a repeat would get.
        let markdown = String(repeating: "## 步骤\n", count: 40) + "## 检查 {#检查-1}\n## 检查\n## 检查\n## 检查-1\n"
        let anchors = MarkdownRenderer.render(markdown).headings.map(\.anchor)
        XCTAssertEqual(anchors, ["步骤"] + (1..<40).map { "步骤-\($0)" } + ["检查-1", "检查", "检查-2", "检查-1-1"])
        XCTAssertEqual(Set(anchors).count, anchors.count)
    }

    func testSlugsKeepLettersOfEveryScriptAndLowercaseThem() {
        XCTAssertEqual(Anchors.slug("磁带 Backup-验证: Ünïcode ÄB x_y!"), "磁带-backup-验证-ünïcode-äb-x_y")
        XCTAssertEqual(Anchors.slug("한국어 제목 テスト・一覧 ПРИВЕТ ٣"), "한국어-제목-テスト一覧-привет-٣")
        XCTAssertEqual(Anchors.slug("## ?! ——"), "--", "each space a hyphen, punctuation of any script dropped")
        let html = MarkdownRenderer.render("###### 六级\n").html
        XCTAssertTrue(html.hasPrefix("<h6 id=\"六级\">六级<a class=\"heading-anchor\" href=\"#六级\""), html)
    }

    func testUnresolvedLinksKeepTheirTextAndMarkersFarApartAreAllReplaced() {
        let long = Array(repeating: "opsbook-re ò o", count: 400).joined(separator: " ")
        let rendered = MarkdownRenderer.render("[a](x.md) \(long) [[y]] [b](z.md)\n")
        let html = rendered.finished(hrefs: [nil, "H1", "H2"], texts: [1: "标题"])
        XCTAssertEqual(html, "<p>a \(long) <a href=\"H1\">标题</a> <a href=\"H2\">b</a></p>\n")
    }

    func testPlaceholdersAreReplacedInOnePass() {
        let rendered = MarkdownRenderer.render("[a](x.md) [[y]] ![i](p.png)\n")
        let html = rendered.finished(hrefs: ["H0", "H1", "H2"], texts: [1: "标题 &amp; 1"])
        XCTAssertEqual(html, "<p><a href=\"H0\">a</a> <a href=\"H1\">标题 &amp; 1</a> <img src=\"H2\" alt=\"i\" /></p>\n")
    }

    func testDangerousURLsAreEmptiedAndRawHTMLOmitted() {
        let html = MarkdownRenderer.html("[x](javascript:alert(1)) <script>x</script>\n")
        XCTAssertEqual(html, "<p><a href=\"\">x</a> <!-- raw HTML omitted -->x<!-- raw HTML omitted --></p>\n")
    }

    func testSuggestions() {
        XCTAssertEqual(Suggestion.closest(to: "owenr", in: ["owner", "role"]), "owner")
        XCTAssertNil(Suggestion.closest(to: "zzzzzz", in: ["owner"]))
        XCTAssertEqual(Suggestion.forReference("erp", in: ["systems/erp", "systems/oa"]), "systems/erp")
    }

    func testDayValidation() {
        XCTAssertNotNil(Day("2024-02-29"))
        XCTAssertNil(Day("2025-02-29"))
        XCTAssertNil(Day("2024-13-45"))
        XCTAssertNil(Day("2024-1-5"))
    }
}
