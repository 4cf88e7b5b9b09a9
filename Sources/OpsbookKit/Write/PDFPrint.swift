import Foundation

/// What `opsbook pdf` does around Chromium's printing of a report page: which folders hold
/// a printable report, the page as it is printed (links to other files dropped, so the PDF
/// carries no file:// path of the machine that printed it), and the PDF made reproducible
/// (Chromium stamps the print time into the metadata).
public enum PDFPrint {
    /// The kinds of report printed: the contract's monthly, quarterly and yearly reports.
    public static let kinds = Period.Kind.printed

    /// `reports/PERIOD/` folders of a built site with a report page, oldest first.
    public static func reportFolders(in site: URL, only: Set<String>? = nil) -> [(period: Period, folder: URL)] {
        let reports = site.appending(path: "reports")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: reports.path)) ?? []
        return names.compactMap { name -> (Period, URL)? in
            guard let period = Period(name), kinds.contains(period.kind), only?.contains(name) ?? true else { return nil }
            let folder = reports.appending(path: name)
            guard FileManager.default.fileExists(atPath: folder.appending(path: "index.html").path) else { return nil }
            return (period, folder)
        }.sorted { $0.0 < $1.0 }
    }

    /// The page without `href`s of links that leave it: in-page anchors (#summary) stay.
    public static func printable(_ html: Data) -> Data {
        let bytes = [UInt8](html)
        let open = Array("<a ".utf8), attribute = Array(" href=\"".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while let tag = bytes.offset(of: open, from: index) {
            output += bytes[index..<tag]
            let end = bytes[tag...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count
            var inside = Array(bytes[tag..<end])
            if let href = inside.offset(of: attribute), href + attribute.count < inside.count,
                inside[href + attribute.count] != UInt8(ascii: "#"),
                let close = inside[(href + attribute.count)...].firstIndex(of: UInt8(ascii: "\""))
            {
                inside.removeSubrange(href...close)
            }
            output += inside
            index = end
        }
        output += bytes[index...]
        return Data(output)
    }

    /// The PDF with its creation and modification dates set to `day`, and the structure
    /// tree's element ids (`(node00000167)`: Chromium's DOM node numbers, which vary from run
    /// to run) renumbered in order of appearance — all the same length, so the
    /// cross-reference offsets stay valid.
    public static func reproducible(_ pdf: Data, day: Day) -> Data {
        var bytes = renumberedNodeIDs([UInt8](pdf))
        let stamp = Array((day.description.replacingOccurrences(of: "-", with: "") + "000000").utf8)
        for key in ["/CreationDate (D:", "/ModDate (D:"] {
            let needle = Array(key.utf8)
            var from = 0
            while let found = bytes.offset(of: needle, from: from) {
                let start = found + needle.count
                guard start + stamp.count <= bytes.count, bytes[start..<start + stamp.count].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                    from = start
                    continue
                }
                bytes.replaceSubrange(start..<start + stamp.count, with: stamp)
                from = start + stamp.count
            }
        }
        return Data(bytes)
    }

    private static func renumberedNodeIDs(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        let prefix = Array("(node".utf8), digits = 8
        var numbers: [Int: Int] = [:]
        var from = 0
        while let found = bytes.offset(of: prefix, from: from) {
            let start = found + prefix.count, end = start + digits
            guard end < bytes.count, bytes[end] == UInt8(ascii: ")"), bytes[start..<end].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                from = start
                continue
            }
            let original = bytes[start..<end].reduce(0) { $0 * 10 + Int($1 - 0x30) }
            let number = numbers[original] ?? numbers.count
            numbers[original] = number
            let text = String(number)
            guard text.count <= digits else { return input }
            bytes.replaceSubrange(start..<end, with: Array((String(repeating: "0", count: digits - text.count) + text).utf8))
            from = end
        }
        return bytes
    }
}
