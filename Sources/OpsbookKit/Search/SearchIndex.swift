import Foundation

/// The site's search index, written by the build under `search/` (#16). Pagefind was
/// measured first (bench/search_recall.py): its Chinese segmentation at index and at query
/// time disagree, and 1.5.2 found 88 % of the demo's fair queries (1.4.0 did better, still
/// short). Chinese is indexed here by character pairs, so any run of two or more characters
/// a page holds is found; other words by their prefixes, so `XP95` finds `XP9500` and an IP
/// address is one word. The index is split into shards by token hash: a query fetches only
/// the shards of its own tokens, then the records of the pages it ranks first.
///
/// `search/meta.json` {pages, shards, version}; `search/index/N.json` {token: [page, weight, …]};
/// `search/pages/N.json` {href, title, type, text, excerpt} (excerpt: the Markdown body's
/// text, text: the rest). `assets/search.js` reads them with the same tokenizer (SearchTokens).
struct SearchIndex {
    struct Entry {
        var path: String
        var href: String
        var text: SearchText
        var weight: Double
    }

    let entries: [Entry]
    let parallel: Bool
    /// What a record keeps of a page's text (the index holds all of it).
    static let recordLimit = 12_000

    /// The index of these rendered pages (those marked for it); `href(folder)`: the page's
    /// link from the search page.
    init(files: [OutputFile], parallel: Bool = true, href: (String) -> String) {
        let pages = files.filter { $0.path.hasSuffix("index.html") }
        let texts = parallelMap(pages.count, parallel: parallel) { position -> SearchText? in
            guard case let .data(data) = pages[position].body else { return nil }
            return SearchText(html: data)
        }
        self.init(texts: zip(pages, texts).compactMap { page, text in text.map { (page.path, $0) } }, parallel: parallel, href: href)
    }

    /// The index of pages read as they were rendered, by their `…/index.html` paths.
    init(texts: [(path: String, text: SearchText)], parallel: Bool = true, href: (String) -> String) {
        self.parallel = parallel
        var entries = texts.map { page in
            let folder = String(page.path.dropLast("index.html".count))
            return Entry(path: folder, href: href(folder), text: page.text, weight: 1)
        }
        entries.sort { $0.path < $1.path }
        // Reports rank below the knowledge they report on, newer ones first.
        let reports = entries.indices.filter { entries[$0].path.hasPrefix(ReportPages.folder) }
        for (rank, index) in reports.enumerated() { entries[index].weight = 0.5 + 0.4 * Double(rank + 1) / Double(reports.count) }
        self.entries = entries
    }

    /// Each page's tokens, weighted by how often the page holds them (its title counting
    /// extra) times the page's own weight. Pages are cut on every core, a block at a time so
    /// their token lists never all wait in memory; they are added in page order, so the index
    /// is the same every run.
    func postings() -> SearchPostings {
        let postings = SearchPostings()
        for block in stride(from: 0, to: entries.count, by: 512) {
            let range = block..<min(entries.count, block + 512)
            let counted = parallelMap(range.count, parallel: parallel) { offset in
                let text = entries[range.lowerBound + offset].text
                return SearchPostings.Split(SearchTokens.counts([(text.rest, 1), (text.excerpt, 1), (text.title, 4)]))
            }
            let weights = entries[range].map { PostingWeight(page: $0.weight) }
            postings.add(counted, first: range.lowerBound, weights: weights, parallel: parallel)
        }
        postings.finish(parallel: parallel)
        return postings
    }

    /// The index's files, each passed through `deliver` as soon as it is made (the build hands
    /// them to the output, so 100 MB of shards and records never wait in memory).
    func files(_ deliver: @Sendable (OutputFile) -> OutputFile) -> [OutputFile] {
        let postings = postings()
        var shards = 1
        while shards < 4096, postings.count / shards > 3000 { shards *= 2 }
        var buckets = Array(repeating: [(token: String, prefix: UInt64, part: Int, id: Int)](), count: shards)
        for (number, part) in postings.parts.enumerated() {
            for (id, key) in part.tokens.enumerated() {
                let token = key.text
                let shard = Int(SearchTokens.hash(token) % UInt32(shards))
                buckets[shard].append((token, SearchTokens.orderPrefix(token), number, id))
            }
        }
        var files = [
            deliver(OutputFile(path: "search/meta.json", data: Data(#"{"pages":\#(entries.count),"shards":\#(shards),"version":1}"#.utf8)))
        ]
        let shardFiles = parallelMap(shards, parallel: parallel) { number -> OutputFile in
            // Most tokens (every Chinese pair) differ in their first eight bytes.
            let sorted = buckets[number].sorted {
                $0.prefix != $1.prefix ? $0.prefix < $1.prefix : SearchTokens.precedes($0.token, $1.token)
            }
            let json = ShardJSON.bytes(sorted.map { ($0.token, postings.parts[$0.part].list($0.id)) })
            return deliver(OutputFile(path: "search/index/\(number).json", data: Data(json)))
        }
        files += shardFiles
        files += parallelMap(entries.count, parallel: parallel) { number -> OutputFile in
            let entry = entries[number]
            var fields = [("href", entry.href), ("title", entry.text.title), ("type", entry.text.type)]
            let prose = entry.text.excerpt
            fields.append(("text", Self.prefix(entry.text.rest)))
            if !prose.isEmpty { fields.append(("excerpt", Self.prefix(prose))) }
            return deliver(OutputFile(path: "search/pages/\(number).json", data: Data(JSONText.object(fields))))
        }
        return files
    }
}

extension SearchIndex {
    /// The first `recordLimit` characters, counted as Unicode scalars: counting grapheme
    /// clusters over every page's text cost as much as cutting it into tokens.
    static func prefix(_ text: String) -> String {
        guard text.utf8.count > recordLimit else { return text }  // no more scalars than bytes
        let scalars = text.unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: recordLimit, limitedBy: scalars.endIndex) else { return text }
        return String(scalars[..<end])
    }
}

/// The index's JSON is written compact, with report.json's string quoting (JSONValue.quote):
/// JSONEncoder took a tenth of a 10,000-page build, and JSONValue indents.
enum JSONText {
    static func object(_ fields: [(String, String)]) -> [UInt8] {
        var json: [UInt8] = [UInt8(ascii: "{")]
        for (index, (key, value)) in fields.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            JSONValue.quote(key, into: &json)
            json.append(UInt8(ascii: ":"))
            JSONValue.quote(value, into: &json)
        }
        json.append(UInt8(ascii: "}"))
        return json
    }
}
