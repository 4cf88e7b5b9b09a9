import XCTest
@testable import OpsbookKit

/// The search index the build writes (#16): what it reads of a page, how it cuts text, and
/// that search.js's copy of the tokenizer and hash agree with it.
final class SearchIndexTests: XCTestCase {
    private func counts(_ text: String) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: SearchTokens.counts(text).all.map { ($0.key.text, $0.count) })
    }

    func testChineseIsIndexedByPairsAndWordsByPrefixes() {
        XCTAssertEqual(counts("磁带库"), ["磁带": 1, "带库": 1])
        XCTAssertEqual(counts("库 x"), ["库": 1], "a character alone is its own token; a one-letter word none")
        let ip = counts("IP 10.10.1.11")
        for token in ["ip", "10.10.1.11", "10.10", "10"] { XCTAssertNotNil(ip[token], token) }
        let model = counts("ＸＰ9500")  // full-width letters are folded and lowercased
        XCTAssertEqual(Set(model.keys), ["xp", "xp9", "xp95", "xp950", "xp9500"])
        XCTAssertEqual(counts("rac-node-1 rac")["rac"], 2, "a part of a joined word, once per occurrence")
        XCTAssertEqual(counts("Ünïcode ÄB")["ünïcode"], 1, "lowercased beyond ASCII")
    }

    /// Below U+3100 a table answers what a word character is; it must say what Unicode's
    /// properties say, for every scalar it holds and beyond.
    func testTheWordTableAgreesWithUnicodePropertiesForEveryScalar() {
        for value in UInt32(0x80)..<0x3200 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected = !SearchTokens.isCJK(value) && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
            XCTAssertEqual(SearchTokens.isWord(scalar), expected, String(format: "U+%04X", value))
        }
        XCTAssertFalse(SearchTokens.isWord("。"))
        XCTAssertTrue(SearchTokens.isWord("〇"), "U+3007, a numeral in the table's range")
        XCTAssertTrue(SearchTokens.isWord("ü"))
    }

    /// Folding writes into room for one scalar per UTF-8 byte; İ lowercases to two scalars
    /// from two bytes, the tightest fit, and a text of nothing else fills it exactly.
    func testFoldingFillsItsRoomExactlyWhereALowercaseMappingIsLonger() {
        XCTAssertEqual(SearchTokens.folded("İİİ"), Array("i\u{307}i\u{307}i\u{307}".unicodeScalars))
        XCTAssertEqual(SearchTokens.folded("ＡＢｃ\u{3000}Ｄ"), Array("abc d".unicodeScalars),
                       "full-width folded, the ideographic space a space")
        XCTAssertEqual(SearchTokens.folded("磁带ÄİX"), Array("磁带äi\u{307}x".unicodeScalars))
        XCTAssertEqual(SearchTokens.folded(""), [])
    }

    func testLongWordsKeepEveryPrefixWhetherHeldAsNumbersOrText() {
        let word = "archivelatencyfailover"  // 22 letters: prefixes up to 18 are numbers, longer ones text
        let tokens = counts(word + " " + word)
        XCTAssertEqual(Set(tokens.keys), Set((2...22).map { String(word.prefix($0)) }))
        XCTAssertTrue(tokens.values.allSatisfy { $0 == 2 })
        let numbers = SearchTokens.counts(word).numbers.map(\.key.text)
        XCTAssertEqual(numbers.count, 17, "2 to 18 letters as numbers")
        XCTAssertEqual(Set(numbers).count, 17, "no two prefixes share a number")
    }

    func testTheHashIsFNV1aAsTheScriptComputesIt() {
        XCTAssertEqual(SearchTokens.hash("磁带"), 615_304_139)
        let script = try? String(contentsOf: Repo.root.appending(path: "templates/assets/search.js"), encoding: .utf8)
        XCTAssertTrue(script?.contains("0x811c9dc5") == true && script?.contains("16777619") == true)
    }

    func testThePageTextLeavesOutMenusIgnoredPartsAndScripts() throws {
        let html = """
        <html><head><title>T · site</title><script>var x = "不要";</script></head><body>
        <nav class="sidenav"><a>菜单项</a></nav>
        <main id="main" data-pagefind-body>
        <div hidden data-pagefind-ignore><span data-pagefind-filter="类型" data-pagefind-meta="类型">操作规程</span></div>
        <nav class="breadcrumbs" data-pagefind-ignore>首页</nav>
        <header class="doc-head"><p class="kicker">操作规程</p><h1>磁带&amp;备份</h1></header>
        <dl><dt>负责人</dt><dd>郑凯</dd></dl>
        <div class="body"><p>正文<strong>内容</strong></p><td>甲</td><td>乙</td></div>
        <nav class="pager"><a>上一篇</a></nav>
        </main></body></html>
        """
        let text = try XCTUnwrap(SearchText(html: Array(html.utf8)))
        XCTAssertEqual(text.title, "磁带&备份")
        XCTAssertEqual(text.type, "操作规程")
        XCTAssertEqual(text.excerpt, "正文内容\n甲\n乙")
        XCTAssertTrue(text.rest.contains("郑凯") && !text.rest.contains("正文"), "the rest is what the prose is not")
        XCTAssertTrue(text.text.contains("郑凯") && text.text.contains("正文内容"))
        for absent in ["菜单项", "首页", "上一篇", "不要"] { XCTAssertFalse(text.text.contains(absent), absent) }
        XCTAssertNil(SearchText(html: Array("<main>not marked</main>".utf8)))
    }

    func testElementNameKeysTellEveryNameApartAndIgnoreCase() {
        let names = [
            "a", "b", "p", "br", "hr", "td", "tr", "th", "h1", "h6", "div", "nav", "section", "summary", "blockquote", "figcaption"
        ]
        XCTAssertEqual(Set(names.map { NameKeys.key(Array($0.utf8)) }).count, names.count)
        let blocks = NameKeys(["p", "blockquote", "td"])
        XCTAssertTrue(blocks.holds(NameKeys.key(Array("BlockQuote".utf8))), "HTML names are case-blind")
        for other in ["pre", "t", "blockquotes", "tdx", "", "p-1"] {
            XCTAssertFalse(blocks.holds(NameKeys.key(Array(other.utf8))), other)
        }
        XCTAssertEqual(NameKeys.key(Array("averyverylongname".utf8)), NameKeys.none, "longer than ten: no list holds it")
        let text = SearchText(html: Array("<main data-pagefind-body><TD>甲</TD><Td>乙</tD><SPAN>丙</SPAN>丁</main>".utf8))
        XCTAssertEqual(text?.rest, "甲\n乙\n丙丁", "cells end words whatever their case; a span does not")
    }

    func testByteSearchFindsEachByteFromItsStartAndNothingOutside() {
        let bytes = Array("a<b>c<".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            XCTAssertEqual(buffer.offset(of: UInt8(ascii: "<"), from: 0), 1)
            XCTAssertEqual(buffer.offset(of: UInt8(ascii: "<"), from: 2), 5)
            XCTAssertEqual(buffer.offset(of: UInt8(ascii: "<"), from: 5), 5)
            XCTAssertNil(buffer.offset(of: UInt8(ascii: ">"), from: 4))
            XCTAssertNil(buffer.offset(of: UInt8(ascii: "<"), from: 6), "at the end: nothing")
            XCTAssertNil(buffer.offset(of: UInt8(ascii: "a"), from: -1), "before the start: nothing")
        }
        // A page cut off inside a tag or a text run keeps what came before the cut.
        XCTAssertEqual(SearchText(html: Array("<main data-pagefind-body>甲乙<b".utf8))?.rest, "甲乙")
        XCTAssertEqual(SearchText(html: Array("<main data-pagefind-body>甲<i>乙".utf8))?.rest, "甲乙")
    }

    func testShardNumbersAndTokenOrderAreWhatSwiftWouldWrite() {
        for value in [0, 7, 9, 10, 99, 100, 101, 65_535, 1_000_000, 12_345_678, -1, -90, Int.max, Int.min] {
            var bytes: [UInt8] = []
            JSONValue.appendDecimal(value, to: &bytes)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), String(value))
        }
        let tokens = ["磁带", "ab", "a", "", "abc", "b", "带库", "zz", "ünïcode", "10.10", "1", "磁"]
        XCTAssertEqual(tokens.sorted(by: SearchTokens.precedes), tokens.sorted(), "normalized text: byte order is Swift's")
    }

    func testCleaningMakesBlankRunsOneKeepsLineBreaksAndDecodesEntities() {
        let cases: [(String, String)] = [
            ("  \t 甲乙   丙  ", "甲乙 丙"), ("a \n\r b", "a\nb"), ("a&amp;b", "a&b"), ("&lt;x&gt; &#x4E2D;&#25991;", "<x> 中文"),
            ("a&nosuch;b &", "a&nosuch;b &"), ("x\u{0C}y\u{1}z", "x\u{0C}y\u{1}z"), ("&amp;&amp;", "&&"), ("", ""), (" \n ", ""),
            ("word&amp; next", "word& next"), ("a\n\nb", "a\nb"),
        ]
        for (input, expected) in cases { XCTAssertEqual(SearchText.clean(Array(input.utf8)), expected, input) }
    }

    func testOrderPrefixesSortTokensAsTheirBytesDo() {
        var random = SeededRandom(seed: 8)
        let alphabet = ["a", "b", "z", "0", "\u{0}", "磁", "带", "é", "\u{7F}", "\u{10FFFF}"]
        var tokens = (0..<3000).map { _ in (0..<random.int(0...12)).map { _ in random.pick(alphabet) }.joined() }
        tokens += ["", "a", "a\u{0}", "a\u{0}\u{0}", "aaaaaaaa", "aaaaaaaab", "aaaaaaaa\u{0}", "磁带", "磁带库"]
        let byPrefix = tokens.sorted {
            let (left, right) = (SearchTokens.orderPrefix($0), SearchTokens.orderPrefix($1))
            return left != right ? left < right : SearchTokens.precedes($0, $1)
        }
        XCTAssertEqual(byPrefix.map { Array($0.utf8) }, tokens.sorted(by: SearchTokens.precedes).map { Array($0.utf8) })
        XCTAssertEqual(SearchTokens.orderPrefix(""), 0)
        XCTAssertEqual(SearchTokens.orderPrefix("a"), 0x61 << 56)
        XCTAssertEqual(SearchTokens.orderPrefix("abcdefghij"), SearchTokens.orderPrefix("abcdefgh"))
    }

    func testAShardIsTheJSONOfItsTokensAndPostingsAtEveryDigitCount() throws {
        let pages: [UInt32] = [0, 9, 10, 99, 100, 999, 1_000, 65_535, 1_000_000, 9_999_999, 10_000_000, (1 << 24) - 1]
        let weights: [UInt32] = [0, 1, 9, 10, 99, 100, 255]
        let all = pages.flatMap { page in weights.map { page << 8 | $0 } }
        // Escapes at their longest (control bytes as \u00xx), and a token with no postings.
        let tokens: [(token: String, postings: ArraySlice<UInt32>)] = [
            ("磁带", all[...]), ("quote\"back\\slash<", all[3..<5]), ("\u{1}\u{1f}\t\n", ArraySlice(all.reversed())), ("empty", []),
        ]
        let bytes = ShardJSON.bytes(tokens)
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: [Int]])
        XCTAssertEqual(parsed.count, tokens.count)
        for (token, postings) in tokens {
            let expected = postings.flatMap { [Int($0 >> 8), Int($0 & 0xFF)] }
            XCTAssertEqual(parsed[token], expected, token)
        }
        XCTAssertEqual(String(decoding: ShardJSON.bytes([("a", [10 << 8 | 255, 0])]), as: UTF8.self), #"{"a":[10,255,0,0]}"#)
        XCTAssertEqual(String(decoding: ShardJSON.bytes([]), as: UTF8.self), "{}")
        XCTAssertFalse(String(decoding: bytes, as: UTF8.self).contains("<"), "'<' is written \\u003c, safe to inline")
    }

    func testTheDemoIndexFindsItsPagesAndLeavesDayRecordsOut() throws {
        let memory = MemoryOutput()
        let result = Build(options: .init(content: Repo.root.appending(path: "content"), templates: nil, asOf: "2026-11-29")).run(
            writingTo: memory)
        XCTAssertTrue(result.succeeded)
        let meta = try XCTUnwrap(JSONSerialization.jsonObject(with: try XCTUnwrap(memory.files["search/meta.json"])) as? [String: Int])
        let pages = try XCTUnwrap(meta["pages"]), shards = try XCTUnwrap(meta["shards"])
        XCTAssertGreaterThan(pages, 200)
        var hrefs: [String] = []
        for number in 0..<pages {
            let record = try XCTUnwrap(
                JSONSerialization.jsonObject(with: try XCTUnwrap(memory.files["search/pages/\(number).json"])) as? [String: String])
            hrefs.append(try XCTUnwrap(record["href"]))
        }
        XCTAssertFalse(hrefs.contains { $0.contains("inspections/days/") || $0.contains(/reports\/\d{4}-\d{2}-\d{2}\//) })
        // Every page holding 磁带库备份失败 is listed under each of its pairs, in the shard the hash names.
        let page = try XCTUnwrap(hrefs.firstIndex(of: "../procedures/tape-backup-failure/index.html"))
        for token in ["磁带", "带库", "库备", "备份", "份失", "失败"] {
            let shard = Int(SearchTokens.hash(token) % UInt32(shards))
            let postings = try XCTUnwrap(
                JSONSerialization.jsonObject(with: try XCTUnwrap(memory.files["search/index/\(shard).json"])) as? [String: [Int]])
            let list = try XCTUnwrap(postings[token], token)
            XCTAssertTrue(stride(from: 0, to: list.count, by: 2).contains { list[$0] == page }, token)
        }
    }
}
