import XCTest
@testable import OpsbookKit

/// What `opsbook pdf` does to Chromium's output (the printing itself is in test_pdf.py).
final class PDFPrintTests: XCTestCase {
    func testPrintTimeAndNodeNumbersNoLongerVary() throws {
        let day = try XCTUnwrap(Day("2026-10-31"))
        func pdf(_ stamp: String, _ nodes: [Int]) -> Data {
            var text = "%PDF-1.4\n<</CreationDate (D:\(stamp)+00'00')\n/ModDate (D:\(stamp)+00'00')>>\n"
            for node in nodes { text += "<</S /P /ID (node\(String(format: "%08d", node)))>>\n" }
            return Data((text + "<</IDTree <</Names [(node\(String(format: "%08d", nodes[0])))]>>>>\n%%EOF\n").utf8)
        }
        let first = PDFPrint.reproducible(pdf("20261202061054", [167, 170, 171]), day: day)
        let second = PDFPrint.reproducible(pdf("20261203090000", [166, 169, 170]), day: day)
        XCTAssertEqual(first, second)
        XCTAssertEqual(first.count, pdf("20261202061054", [167, 170, 171]).count, "same length: the xref offsets stay valid")
        let text = String(decoding: first, as: UTF8.self)
        XCTAssertTrue(text.contains("/CreationDate (D:20261031000000+00'00')"))
        XCTAssertTrue(text.contains("(node00000000)") && text.contains("(node00000002)") && !text.contains("(node00000167)"))
    }

    func testThePrintedCopyKeepsOnlyInPageLinks() {
        let html = Data(
            ##"<link rel="stylesheet" href="print.css"><a href="#summary">目录</a> <a class="x" href="../2026-09/index.html">9 月</a>"##.utf8)
        XCTAssertEqual(
            String(decoding: PDFPrint.printable(html), as: UTF8.self),
            ##"<link rel="stylesheet" href="print.css"><a href="#summary">目录</a> <a class="x">9 月</a>"##)
    }
}
