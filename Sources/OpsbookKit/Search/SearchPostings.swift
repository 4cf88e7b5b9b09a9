/// Every token of the site with its postings, each one UInt32: the page (high 24 bits) and a
/// weight (low 8). At 10,000 pages that is some ten million postings, so they are gathered
/// flat — a token id and a posting per entry, ids from an open-addressing table of token
/// numbers — and grouped by token at the end by counting, not held as ten million small arrays
/// behind a hashed dictionary (which took most of the index's time).
struct SearchPostings {
    /// Tokens by id.
    private(set) var tokens: [SearchTokens.Key] = []
    /// Where each token's postings start in `postings`, by id; one more at the end.
    private(set) var starts: [Int] = []
    private(set) var postings: [UInt32] = []

    private var table = NumberTable()
    private var wordIDs: [String: UInt32] = [:]
    private var owners: [UInt32] = []

    /// Adds one page's counted tokens; pages must come in order so each list is in page order.
    mutating func add(_ counts: SearchTokens.Counts, page: UInt32, weight: (Int) -> UInt32) {
        for (key, count) in counts.numbers {
            let (id, new) = table.id(of: key, next: UInt32(tokens.count))
            if new { tokens.append(.number(key)) }
            owners.append(id)
            postings.append(page << 8 | weight(count))
        }
        // The words' order would follow the dictionary's; sorted, the index is the same every run.
        for (word, count) in counts.words.sorted(by: { SearchTokens.precedes($0.key, $1.key) }) {
            let id = wordIDs[word] ?? UInt32(tokens.count)
            if id == UInt32(tokens.count) { tokens.append(.word(word)); wordIDs[word] = id }
            owners.append(id)
            postings.append(page << 8 | weight(count))
        }
    }

    /// Groups the postings by token (a counting sort: stable, so page order stays).
    mutating func finish() {
        var starts = [Int](repeating: 0, count: tokens.count + 1)
        for owner in owners { starts[Int(owner) + 1] += 1 }
        for id in 0..<tokens.count { starts[id + 1] += starts[id] }
        var next = starts, grouped = [UInt32](repeating: 0, count: postings.count)
        for (owner, posting) in zip(owners, postings) {
            grouped[next[Int(owner)]] = posting
            next[Int(owner)] += 1
        }
        self.starts = starts
        postings = grouped
        owners = []
        table = NumberTable()
    }

    func list(_ id: Int) -> ArraySlice<UInt32> { postings[starts[id]..<starts[id + 1]] }
}
