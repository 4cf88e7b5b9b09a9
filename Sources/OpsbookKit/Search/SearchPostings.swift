import Foundation

/// Every token of the site with its postings, each one UInt32: the page (high 24 bits) and a
/// weight (low 8). At 10,000 pages that is some ten million postings, so they are gathered
/// flat — a token id and a posting per entry, ids from an open-addressing table of token
/// numbers — and grouped by token at the end by counting, not held as ten million small arrays
/// behind a hashed dictionary (which took most of the index's time).
///
/// The tokens are split into a few parts by a hash of the token, each gathered by its own core:
/// gathered on one, they were a second of a 10,000-page build that the other core sat out. A
/// token's postings are all in one part, in page order, so the index does not depend on the split.
struct SearchPostings {
    static let partCount = 4

    let parts: [Part] = (0..<Self.partCount).map { _ in Part() }

    /// The number of postings of all parts.
    var count: Int { parts.reduce(0) { $0 + $1.postings.count } }

    /// One page's counted tokens, split by part (on the core that counted the page).
    struct Split {
        fileprivate var numbers = [[(key: TokenNumber, count: Int)]](repeating: [], count: SearchPostings.partCount)
        fileprivate var words = [[(key: String, count: Int)]](repeating: [], count: SearchPostings.partCount)

        init(_ counts: SearchTokens.Counts) {
            for (key, count) in counts.numbers { numbers[SearchPostings.part(of: key)].append((key, count)) }
            // The words' order would follow the dictionary's; sorted, the ids are the same every run.
            for (word, count) in counts.words.sorted(by: { SearchTokens.precedes($0.key, $1.key) }) {
                words[SearchPostings.part(of: word)].append((word, count))
            }
        }
    }

    /// Adds a block of pages' tokens, the first of them page `first`; blocks must come in page order.
    func add(_ block: [Split], first: Int, weights: [PostingWeight], parallel: Bool) {
        _ = parallelMap(parts.count, parallel: parallel) { number in
            for (offset, split) in block.enumerated() {
                parts[number].add(split.numbers[number], split.words[number], page: UInt32(first + offset), weight: weights[offset])
            }
        }
    }

    func finish(parallel: Bool) { _ = parallelMap(parts.count, parallel: parallel) { parts[$0].finish() } }

    /// A part's number for a token: a mix unlike NumberTable's slots, so a part's table fills evenly.
    static func part(of number: TokenNumber) -> Int {
        Int(truncatingIfNeeded: ((number.high ^ number.low) &* 0xD6E8_FEB8_6659_FD93) >> 40) & (partCount - 1)
    }

    static func part(of word: String) -> Int { Int(SearchTokens.hash(word)) & (partCount - 1) }

    /// One part's tokens and postings; written only by the one job that gathers the part.
    final class Part: @unchecked Sendable {
        /// Tokens by id.
        var tokens: [SearchTokens.Key] { gathering.tokens }
        /// Where each token's postings start in `postings`, by id; one more at the end.
        private(set) var starts: [Int] = []
        var postings: [UInt32] { gathering.postings }

        /// A value, so that each page is one access to the class's storage, not one checked
        /// access per token.
        private var gathering = Gathering()

        fileprivate func add(_ numbers: [(key: TokenNumber, count: Int)], _ words: [(key: String, count: Int)], page: UInt32,
                             weight: PostingWeight) {
            gathering.add(numbers, words, page: page, weight: weight)
        }

        /// Groups the postings by token (a counting sort: stable, so page order stays).
        fileprivate func finish() { starts = gathering.group() }

        func list(_ id: Int) -> ArraySlice<UInt32> { gathering.postings[starts[id]..<starts[id + 1]] }
    }

    private struct Gathering {
        var tokens: [SearchTokens.Key] = []
        var postings: [UInt32] = []
        private var table = NumberTable()
        private var wordIDs: [String: UInt32] = [:]
        private var owners: [UInt32] = []

        mutating func add(_ numbers: [(key: TokenNumber, count: Int)], _ words: [(key: String, count: Int)], page: UInt32,
                          weight: PostingWeight) {
            for (key, count) in numbers {
                let (id, new) = table.id(of: key, next: UInt32(tokens.count))
                if new { tokens.append(.number(key)) }
                owners.append(id)
                postings.append(page << 8 | weight(count))
            }
            for (word, count) in words {
                let id = wordIDs[word] ?? UInt32(tokens.count)
                if id == UInt32(tokens.count) { tokens.append(.word(word)); wordIDs[word] = id }
                owners.append(id)
                postings.append(page << 8 | weight(count))
            }
        }

        /// Puts the postings in token order; returns where each token's postings start.
        mutating func group() -> [Int] {
            var starts = [Int](repeating: 0, count: tokens.count + 1)
            for owner in owners { starts[Int(owner) + 1] += 1 }
            for id in 0..<tokens.count { starts[id + 1] += starts[id] }
            var next = starts, grouped = [UInt32](repeating: 0, count: postings.count)
            for (owner, posting) in zip(owners, postings) {
                grouped[next[Int(owner)]] = posting
                next[Int(owner)] += 1
            }
            postings = grouped
            owners = []
            table = NumberTable()
            return starts
        }
    }
}

/// A posting's weight from how often its page holds the token: 10 × (1 + log₂ count) × the
/// page's weight, from 1 to 255. Nearly every token occurs a few times, so those weights are
/// worked out once per page: a logarithm per posting was a fifth of gathering them.
struct PostingWeight {
    let page: Double
    private let common: [UInt32]

    init(page: Double) {
        self.page = page
        common = (0..<32).map { Self.score($0, page) }
    }

    func callAsFunction(_ count: Int) -> UInt32 { count >= 0 && count < common.count ? common[count] : Self.score(count, page) }

    private static func score(_ count: Int, _ page: Double) -> UInt32 {
        UInt32(min(255, max(1, (10 * (1 + log2(Double(count))) * page).rounded())))
    }
}
