import Foundation

/// The site's search index, written by the build under `search/` (#16). Pagefind was
/// measured first (bench/search_recall.py): its Chinese segmentation at index and at query
/// time disagree, and 1.5.2 found 79 % of the demo's fair queries, 1.4.0 92 %. Chinese is
/// indexed here by character pairs, so any run of two or more characters a page holds is
/// found; other words by their prefixes, so `XP95` finds `XP9500` and an IP address is one
/// word. The index is split into shards by token hash: a query fetches only the shards of
/// its own tokens, then the records of the pages it ranks first.
///
/// `search/meta.json` {version, pages, shards}; `search/index/N.json` {token: [page, weight, …]};
/// `search/pages/N.json` {href, title, type, text, excerpt (the Markdown body's text, if any)}. `assets/search.js` reads them with
/// the same tokenizer (SearchTokens).
struct SearchIndex {
    struct Entry {
        var path: String
        var href: String
        var text: SearchText
        var weight: Double
    }

    let entries: [Entry]

    /// `href(folder)`: the page's link from the search page.
    init(files: [OutputFile], parallel: Bool = true, href: (String) -> String) {
        let pages = files.enumerated().filter { $0.element.path.hasSuffix("index.html") }
        let texts = parallelMap(pages.count, parallel: parallel) { position -> SearchText? in
            guard case let .data(data) = pages[position].element.body else { return nil }
            return SearchText(html: [UInt8](data))
        }
        var entries: [Entry] = []
        for (page, text) in zip(pages, texts) {
            guard let text else { continue }
            let folder = String(page.element.path.dropLast("index.html".count))
            entries.append(Entry(path: folder, href: href(folder), text: text, weight: 1))
        }
        entries.sort { $0.path < $1.path }
        // Reports rank below the knowledge they report on, newer ones first.
        let reports = entries.indices.filter { entries[$0].path.hasPrefix(ReportPages.folder) }
        for (rank, index) in reports.enumerated() { entries[index].weight = 0.5 + 0.4 * Double(rank + 1) / Double(reports.count) }
        self.entries = entries
    }

    /// Token → its postings, two numbers each: the page, and a weight (how often the page
    /// holds it, its title counting extra, times the page's own weight).
    func postings() -> [String: [Int]] {
        var postings: [String: [Int]] = [:]
        for (number, entry) in entries.enumerated() {
            var counts = SearchTokens.counts(entry.text.text)
            for (token, count) in SearchTokens.counts(entry.text.title) { counts[token, default: 0] += count * 4 }
            for (token, count) in counts {
                let weight = max(1, Int((10 * (1 + log2(Double(count))) * entry.weight).rounded()))
                postings[token, default: []] += [number, weight]
            }
        }
        return postings
    }

    func files() -> [OutputFile] {
        let postings = postings()
        let total = postings.values.reduce(0) { $0 + $1.count }
        var shards = 1
        while shards < 4096, total / shards > 3000 { shards *= 2 }
        var buckets = Array(repeating: [String: [Int]](), count: shards)
        for (token, list) in postings { buckets[Int(SearchTokens.hash(token) % UInt32(shards))][token] = list }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var files = [OutputFile(path: "search/meta.json", data: Data(#"{"pages":\#(entries.count),"shards":\#(shards),"version":1}"#.utf8))]
        for (number, bucket) in buckets.enumerated() {
            files.append(OutputFile(path: "search/index/\(number).json", data: (try? encoder.encode(bucket)) ?? Data("{}".utf8)))
        }
        for (number, entry) in entries.enumerated() {
            var record = ["href": entry.href, "title": entry.text.title, "type": entry.text.type, "text": String(entry.text.text.prefix(40_000))]
            if !entry.text.excerpt.isEmpty { record["excerpt"] = String(entry.text.excerpt.prefix(40_000)) }
            files.append(OutputFile(path: "search/pages/\(number).json", data: (try? encoder.encode(record)) ?? Data("{}".utf8)))
        }
        return files
    }
}

/// The tokenizer the index and `assets/search.js` share; both must cut text the same way.
/// Text is NFKC-normalized and lowercased. A run of Chinese, Japanese or Korean characters
/// gives each pair of neighbours (one alone gives itself); a run of letters and digits, with
/// `.`, `-` or `_` inside it, gives the whole run and its parts, each with every prefix of two
/// characters or more (up to 24).
enum SearchTokens {
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FFFF: true
        default: false
        }
    }

    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        !isCJK(scalar) && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
    }

    static func counts(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        visit(text) { counts[$0, default: 0] += 1 }
        return counts
    }

    static func visit(_ text: String, _ emit: (String) -> Void) {
        let scalars = Array(text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars)
        var index = 0
        while index < scalars.count {
            let start = index
            if isCJK(scalars[index]) {
                while index < scalars.count, isCJK(scalars[index]) { index += 1 }
                if index - start == 1 { emit(String(scalars[start])) }
                for pair in start..<(index - 1) { emit(String(String.UnicodeScalarView(scalars[pair...(pair + 1)]))) }
            } else if isWord(scalars[index]) {
                while index < scalars.count, isWord(scalars[index])
                    || (index + 1 < scalars.count && ".-_".unicodeScalars.contains(scalars[index]) && isWord(scalars[index + 1])) {
                    index += 1
                }
                let word = String(String.UnicodeScalarView(scalars[start..<index]))
                var seen = Set<String>()
                for part in [word] + word.split(whereSeparator: { ".-_".contains($0) }).map(String.init) {
                    for length in 2...max(2, min(24, part.unicodeScalars.count)) where length <= part.unicodeScalars.count {
                        let prefix = String(String.UnicodeScalarView(part.unicodeScalars.prefix(length)))
                        if seen.insert(prefix).inserted { emit(prefix) }
                    }
                }
            } else {
                index += 1
            }
        }
    }

    /// FNV-1a over the UTF-8 bytes (search.js computes the same with Math.imul).
    static func hash(_ token: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in token.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return hash
    }
}
