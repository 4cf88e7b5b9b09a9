import Foundation

/// The tokenizer the index and `assets/search.js` share; both must cut text the same way.
/// Each character is folded: full-width ASCII to ASCII, the ideographic space to a space,
/// then lowercased. A run of Chinese, Japanese or Korean characters gives each pair of
/// neighbours (one alone gives itself); a run of letters and digits, with `.`, `-` or `_`
/// inside it, gives the whole run and its parts, each with every prefix of two characters
/// or more (up to 24).
enum SearchTokens {
    /// A token: a number where it fits (nearly all do: a page gives thousands), else its text.
    enum Key: Hashable {
        case number(TokenNumber)
        case word(String)

        var text: String {
            switch self {
            case let .number(number): number.text
            case let .word(text): text
            }
        }
    }

    /// A page's tokens with how often each occurs: numbers in the order they first come, then the other words.
    struct Counts {
        var numbers: [(key: TokenNumber, count: Int)] = []
        var words: [String: Int] = [:]

        var all: [(key: Key, count: Int)] { numbers.map { (.number($0.key), $0.count) } + words.map { (.word($0.key), $0.value) } }
    }

    static func isCJK(_ value: UInt32) -> Bool {
        switch value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FFFF: true
        default: false
        }
    }

    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return (scalar.value | 0x20 >= 0x61 && scalar.value | 0x20 <= 0x7A) || (scalar.value >= 0x30 && scalar.value <= 0x39)
        }
        if scalar.value < tabled { return wordBits[Int(scalar.value >> 6)] >> (scalar.value & 63) & 1 != 0 }
        return isWordByProperties(scalar)
    }

    private static func isWordByProperties(_ scalar: Unicode.Scalar) -> Bool {
        !isCJK(scalar.value) && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
    }

    /// `isWordByProperties` of every scalar below U+3100, a bit each, computed once: Chinese
    /// text's punctuation (。、《》“”—…) lies there, and asking Unicode's properties of each
    /// cost some 170 instructions, a tenth of cutting a page into tokens.
    private static let tabled: UInt32 = 0x3100
    private static let wordBits: [UInt64] = (0..<Int(tabled) / 64).map { block in
        (0..<64).reduce(UInt64(0)) { bits, bit in
            guard let scalar = Unicode.Scalar(UInt32(block * 64 + bit)), isWordByProperties(scalar) else { return bits }
            return bits | 1 << UInt64(bit)
        }
    }

    private static func isJoiner(_ scalar: Unicode.Scalar) -> Bool { scalar == "." || scalar == "-" || scalar == "_" }

    /// The folded scalars of `text` (search.js: `fold`), written straight into the array's
    /// storage: appending one by one checked the array's uniqueness and capacity per scalar.
    /// No scalar folds to more scalars than it has UTF-8 bytes (İ, two bytes, lowercases to
    /// two scalars, the longest), so the text's byte count is room enough; the checked path
    /// is kept should a future Unicode mapping be longer.
    static func folded(_ text: String) -> [Unicode.Scalar] {
        let room = text.utf8.count
        var overflowed = false
        let output = [Unicode.Scalar](unsafeUninitializedCapacity: room) { buffer, count in
            for scalar in text.unicodeScalars {
                if let one = fold(scalar) { buffer[count] = one; count += 1; continue }
                let mapping = scalar.properties.lowercaseMapping.unicodeScalars
                guard count + mapping.count <= room else { overflowed = true; return }
                for lower in mapping { buffer[count] = lower; count += 1 }
            }
        }
        guard overflowed else { return output }
        var checked: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if let one = fold(scalar) { checked.append(one) } else { checked += scalar.properties.lowercaseMapping.unicodeScalars }
        }
        return checked
    }

    /// One scalar folded, or nil for one whose lowercase mapping is to be used.
    @inline(__always)
    private static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x41...0x5A: return Unicode.Scalar(UInt8(truncatingIfNeeded: scalar.value + 32))
        case 0..<0x80: return scalar
        case 0xFF01...0xFF5E:
            let ascii = scalar.value - 0xFEE0
            return Unicode.Scalar(UInt8(truncatingIfNeeded: (0x41...0x5A).contains(ascii) ? ascii + 32 : ascii))
        case 0x3000: return " "
        default: return isCJK(scalar.value) || !scalar.properties.changesWhenLowercased ? scalar : nil
        }
    }

    static func counts(_ texts: String...) -> Counts { counts(texts.map { ($0, 1) }) }

    /// How often each token occurs in the texts, each occurrence counting `weight` times.
    /// Numbers are counted in a NumberTable (hashing each as text cost more than the rest of the
    /// index). A page repeats its words (host names, ids), so each distinct run of letters is
    /// counted first and cut into its prefixes once: half the work on the bench's pages.
    static func counts(_ texts: [(text: String, weight: Int)]) -> Counts {
        var tally = Tally(), runs = Runs()
        let foldedTexts = texts.map { folded($0.text) }
        for (number, scalars) in foldedTexts.enumerated() {
            let weight = texts[number].weight
            scan(scalars) { token in
                switch token {
                case let .pair(pair): tally.add(.number(pair), weight)
                case let .run(range): runs.add(scalars[range], text: number, weight: weight)
                }
            }
        }
        for run in runs.all { words(foldedTexts[run.text][run.range]) { tally.add($0, run.count) } }
        return tally.counts
    }

    /// A value, not a local function over captured variables: those the compiler boxes and checks for
    /// exclusive access at run time, on every token.
    private struct Tally {
        var table = NumberTable(bits: 10), counts = Counts()

        mutating func add(_ key: Key, _ weight: Int) {
            switch key {
            case let .number(number):
                let (id, new) = table.id(of: number, next: UInt32(counts.numbers.count))
                if new { counts.numbers.append((number, weight)) } else { counts.numbers[Int(id)].count += weight }
            case let .word(word): counts.words[word, default: 0] += weight
            }
        }
    }

    static func visit(_ text: String, _ emit: (Key) -> Void) {
        let scalars = folded(text)
        scan(scalars) { token in
            switch token {
            case let .pair(pair): emit(.number(pair))
            case let .run(range): words(scalars[range], emit)
            }
        }
    }

    /// What a text is cut into first: CJK pairs, and runs of letters to cut into words.
    private enum Piece {
        case pair(TokenNumber)
        case run(Range<Int>)
    }

    /// Over the array's buffer: indexing the array checked its bounds three times a scalar.
    private static func scan(_ scalars: [Unicode.Scalar], _ emit: (Piece) -> Void) {
        scalars.withUnsafeBufferPointer { scan($0, emit) }
    }

    private static func scan(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ emit: (Piece) -> Void) {
        var index = 0
        while index < scalars.count {
            let start = index
            if isCJK(scalars[index].value) {
                while index < scalars.count, isCJK(scalars[index].value) { index += 1 }
                if index - start == 1 { emit(.pair(TokenNumber(pair: scalars[start].value, 0))) }
                for pair in start..<(index - 1) { emit(.pair(TokenNumber(pair: scalars[pair].value, scalars[pair + 1].value))) }
            } else if isWord(scalars[index]) {
                while index < scalars.count,
                      isWord(scalars[index]) || (index + 1 < scalars.count && isJoiner(scalars[index]) && isWord(scalars[index + 1])) {
                    index += 1
                }
                emit(.run(start..<index))
            } else {
                index += 1
            }
        }
    }

    /// The distinct runs of a page's texts, each with its weighted count, in the order they
    /// first come; a run of up to 18 ASCII characters is told apart by its TokenNumber, a longer
    /// or non-ASCII one by its text.
    private struct Runs {
        struct Run { var text: Int; var range: Range<Int>; var count: Int }
        private(set) var all: [Run] = []
        private var numbers = NumberTable(bits: 10)
        private var others: [String: Int] = [:]

        mutating func add(_ run: ArraySlice<Unicode.Scalar>, text: Int, weight: Int) {
            let id: Int
            if let number = Self.number(run) {
                id = Int(numbers.id(of: number, next: UInt32(all.count)).0)
            } else {
                let text = SearchTokens.string(run)
                id = others[text, default: all.count]
                if id == all.count { others[text] = id }
            }
            if id == all.count { all.append(Run(text: text, range: run.indices, count: weight)) } else { all[id].count += weight }
        }

        private static func number(_ run: ArraySlice<Unicode.Scalar>) -> TokenNumber? {
            guard run.count <= TokenNumber.longestWord else { return nil }
            var number = TokenNumber()
            for (position, scalar) in run.enumerated() {
                guard scalar.isASCII else { return nil }
                number.append(scalar.value, at: position)
            }
            return number.word
        }
    }

    /// The run and its parts, each with its prefixes, every token once per run.
    private static func words(_ run: ArraySlice<Unicode.Scalar>, _ emit: (Key) -> Void) {
        guard run.contains(where: isJoiner) else { return prefixes(run, emit) }
        var seen: [Key] = []
        for part in [run] + run.split(whereSeparator: isJoiner) {
            prefixes(part) { key in
                if !seen.contains(key) { seen.append(key); emit(key) }
            }
        }
    }

    private static func prefixes(_ part: ArraySlice<Unicode.Scalar>, _ emit: (Key) -> Void) {
        guard part.count >= 2 else { return }
        var number = TokenNumber(), ascii = true
        var text: [UInt8] = []
        for (length, scalar) in part.prefix(24).enumerated() {
            ascii = ascii && scalar.isASCII && length < TokenNumber.longestWord
            if ascii { number.append(scalar.value, at: length) } else {
                if text.isEmpty { appendUTF8(of: part.prefix(length), to: &text) }
                appendUTF8(of: CollectionOfOne(scalar), to: &text)
            }
            guard length >= 1 else { continue }
            emit(ascii ? .number(number.word) : .word(String(decoding: text, as: UTF8.self)))
        }
    }

    /// Scalars as a string, through their UTF-8: appending them to a String's scalar view cost
    /// some hundred instructions each.
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count * 3)
        appendUTF8(of: scalars, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendUTF8<Scalars: Sequence<Unicode.Scalar>>(of scalars: Scalars, to bytes: inout [UInt8]) {
        for scalar in scalars { UTF8.encode(scalar) { bytes.append($0) } }
    }

    /// The index's order of tokens: by their UTF-8 bytes, which for the normalized text pages hold is
    /// Swift's order too, without its Unicode comparison (a tenth of writing the index's shards).
    static func precedes(_ first: String, _ second: String) -> Bool {
        let inPlace = first.utf8.withContiguousStorageIfAvailable { left in
            second.utf8.withContiguousStorageIfAvailable { right in
                let shared = min(left.count, right.count)
                if shared > 0, let leftStart = left.baseAddress, let rightStart = right.baseAddress {
                    let order = memcmp(leftStart, rightStart, shared)
                    if order != 0 { return order < 0 }
                }
                return left.count < right.count
            }
        }
        return (inPlace ?? nil) ?? first.utf8.lexicographicallyPrecedes(second.utf8)
    }

    /// The first eight UTF-8 bytes as one big-endian number, zero after the end: where two
    /// differ, they order as `precedes` orders their tokens (a shorter token, zero where the
    /// other has a byte, agrees with it up to there, so it is a prefix and comes first).
    static func orderPrefix(_ token: String) -> UInt64 {
        var prefix: UInt64 = 0, taken = 0
        for byte in token.utf8 {
            guard taken < 8 else { break }
            prefix = prefix << 8 | UInt64(byte)
            taken += 1
        }
        return taken == 0 ? 0 : prefix << (8 * (8 - taken))
    }

    /// FNV-1a over the UTF-8 bytes (search.js computes the same with Math.imul).
    static func hash(_ token: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in token.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return hash
    }
}

/// A token as two numbers, so a page's tokens are counted in a NumberTable and never hashed
/// as text: a CJK pair (first scalar, second or 0) in `low`; or an ASCII word of up to 18
/// characters, 7 bits each, first highest — nine in `high` under its top bit, the rest in
/// `low`. Never all zero.
struct TokenNumber: Hashable {
    var high: UInt64 = 0
    var low: UInt64 = 0

    static let longestWord = 18
    private static let wordTag: UInt64 = 1 << 63

    init() {}

    init(pair first: UInt32, _ second: UInt32) { low = UInt64(first) << 32 | UInt64(second) }

    mutating func append(_ ascii: UInt32, at position: Int) {
        if position < 9 { high = high << 7 | UInt64(ascii) } else { low = low << 7 | UInt64(ascii) }
    }

    var word: TokenNumber { var tagged = self; tagged.high |= Self.wordTag; return tagged }
    var isZero: Bool { high == 0 && low == 0 }

    var text: String {
        guard high & Self.wordTag != 0 else {
            var scalars = String.UnicodeScalarView()
            if let first = Unicode.Scalar(UInt32(low >> 32)) { scalars.append(first) }
            if let second = Unicode.Scalar(UInt32(low & 0xFFFF_FFFF)), second.value != 0 { scalars.append(second) }
            return String(scalars)
        }
        let groups = [high & ~Self.wordTag, low].flatMap { bits in
            (0..<9).reversed().map { UInt8(truncatingIfNeeded: bits >> ($0 * 7)) & 0x7F }
        }
        return String(decoding: groups.filter { $0 != 0 }, as: UTF8.self)
    }
}
