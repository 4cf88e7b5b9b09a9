/// The tokenizer the index and `assets/search.js` share; both must cut text the same way.
/// Each character is folded: full-width ASCII to ASCII, the ideographic space to a space,
/// then lowercased. A run of Chinese, Japanese or Korean characters gives each pair of
/// neighbours (one alone gives itself); a run of letters and digits, with `.`, `-` or `_`
/// inside it, gives the whole run and its parts, each with every prefix of two characters
/// or more (up to 24).
enum SearchTokens {
    /// A token: a pair (or single) of CJK characters as their two scalars, else its text.
    /// Held as numbers where they fit (most do): a page gives thousands of tokens.
    enum Key: Hashable {
        case pair(UInt64)
        /// An ASCII word of up to 8 bytes, first byte highest.
        case ascii(UInt64)
        case word(String)

        var text: String {
            switch self {
            case let .pair(bits):
                var scalars = String.UnicodeScalarView()
                if let first = Unicode.Scalar(UInt32(bits >> 32)) { scalars.append(first) }
                if let second = Unicode.Scalar(UInt32(bits & 0xFFFF_FFFF)), second.value != 0 { scalars.append(second) }
                return String(scalars)
            case let .ascii(bits):
                let bytes = (0..<8).reversed().map { UInt8(truncatingIfNeeded: bits >> ($0 * 8)) }.filter { $0 != 0 }
                return String(decoding: bytes, as: UTF8.self)
            case let .word(text): return text
            }
        }
    }

    static func isCJK(_ value: UInt32) -> Bool {
        switch value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FFFF: true
        default: false
        }
    }

    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return (scalar.value | 0x20 >= 0x61 && scalar.value | 0x20 <= 0x7A) || (scalar.value >= 0x30 && scalar.value <= 0x39) }
        return !isCJK(scalar.value) && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
    }

    private static func isJoiner(_ scalar: Unicode.Scalar) -> Bool { scalar == "." || scalar == "-" || scalar == "_" }

    /// The folded scalars of `text` (search.js: `fold`).
    static func folded(_ text: String) -> [Unicode.Scalar] {
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A: output.append(Unicode.Scalar(scalar.value + 32)!)
            case 0..<0x80: output.append(scalar)
            case 0xFF01...0xFF5E:
                let ascii = scalar.value - 0xFEE0
                output.append(Unicode.Scalar((0x41...0x5A).contains(ascii) ? ascii + 32 : ascii)!)
            case 0x3000: output.append(" ")
            default:
                if isCJK(scalar.value) || !scalar.properties.changesWhenLowercased { output.append(scalar) }
                else { output += scalar.properties.lowercaseMapping.unicodeScalars }
            }
        }
        return output
    }

    /// How often each token occurs in the texts. Pairs, most of a page's tokens, are
    /// counted by sorting their numbers (hashing each one cost more than the rest of the index).
    static func counts(_ texts: String...) -> [Key: Int] {
        var pairs: [UInt64] = [], counts: [Key: Int] = [:]
        for text in texts {
            pairs.reserveCapacity(pairs.count + text.utf8.count / 3)
            visit(text) { key in
                if case let .pair(bits) = key { pairs.append(bits) } else { counts[key, default: 0] += 1 }
            }
        }
        pairs.sort()
        var start = 0
        while start < pairs.count {
            var end = start + 1
            while end < pairs.count, pairs[end] == pairs[start] { end += 1 }
            counts[.pair(pairs[start])] = end - start
            start = end
        }
        return counts
    }

    static func visit(_ text: String, _ emit: (Key) -> Void) {
        let scalars = folded(text)
        var index = 0
        while index < scalars.count {
            let start = index
            if isCJK(scalars[index].value) {
                while index < scalars.count, isCJK(scalars[index].value) { index += 1 }
                if index - start == 1 { emit(.pair(UInt64(scalars[start].value) << 32)) }
                for pair in start..<(index - 1) { emit(.pair(UInt64(scalars[pair].value) << 32 | UInt64(scalars[pair + 1].value))) }
            } else if isWord(scalars[index]) {
                while index < scalars.count,
                      isWord(scalars[index]) || (index + 1 < scalars.count && isJoiner(scalars[index]) && isWord(scalars[index + 1])) {
                    index += 1
                }
                words(Array(scalars[start..<index]), emit)
            } else {
                index += 1
            }
        }
    }

    /// The run and its parts, each with its prefixes, every token once per run.
    private static func words(_ run: [Unicode.Scalar], _ emit: (Key) -> Void) {
        guard run.contains(where: isJoiner) else { return prefixes(run[...], emit) }
        var seen: [Key] = []
        for part in [run[...]] + run.split(whereSeparator: isJoiner) {
            prefixes(part) { key in
                if !seen.contains(key) { seen.append(key); emit(key) }
            }
        }
    }

    private static func prefixes(_ part: ArraySlice<Unicode.Scalar>, _ emit: (Key) -> Void) {
        guard part.count >= 2 else { return }
        var bits: UInt64 = 0, ascii = true
        var text = String.UnicodeScalarView()
        for (length, scalar) in part.prefix(24).enumerated() {
            ascii = ascii && scalar.isASCII && length < 8
            if ascii { bits = bits << 8 | UInt64(scalar.value) } else { if text.isEmpty { text.append(contentsOf: part.prefix(length)) }; text.append(scalar) }
            guard length >= 1 else { continue }
            emit(ascii ? .ascii(bits) : .word(String(text)))
        }
    }

    /// FNV-1a over the UTF-8 bytes (search.js computes the same with Math.imul).
    static func hash(_ token: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in token.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return hash
    }
}
