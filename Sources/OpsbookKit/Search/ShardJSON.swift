/// One shard of the search index as JSON: `{"token":[page,weight,page,weight,…],…}`.
/// The shards hold millions of numbers; appending them byte by byte to a growing array
/// (a uniqueness and capacity check per byte, a reallocation now and then) cost a tenth of
/// the search stage, so a shard is measured first and written into memory of that size.
enum ShardJSON {
    /// `tokens` in the order they are written; each posting is a page number in its upper
    /// 24 bits and a weight in its lowest 8 (SearchPostings).
    static func bytes(_ tokens: [(token: String, postings: ArraySlice<UInt32>)]) -> [UInt8] {
        var quoted: [UInt8] = []
        var bound = 2
        for entry in tokens {
            // Quoting escapes a byte as at most six ("\u001f"); a posting is at most
            // 8 + 3 digits and two commas.
            bound += entry.token.utf8.count * 6 + 2 + 4 + entry.postings.count * 13
        }
        return [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            guard let base = buffer.baseAddress else { return }
            var out = Cursor(base: base)
            out.put(UInt8(ascii: "{"))
            for (position, entry) in tokens.enumerated() {
                if position > 0 { out.put(UInt8(ascii: ",")) }
                quoted.removeAll(keepingCapacity: true)
                JSONValue.quote(entry.token, into: &quoted)
                out.put(quoted)
                out.put(UInt8(ascii: ":"))
                out.put(UInt8(ascii: "["))
                var first = true
                for posting in entry.postings {
                    if !first { out.put(UInt8(ascii: ",")) }
                    first = false
                    out.put(decimal: posting >> 8)
                    out.put(UInt8(ascii: ","))
                    out.put(decimal: posting & 0xFF)
                }
                out.put(UInt8(ascii: "]"))
            }
            out.put(UInt8(ascii: "}"))
            count = out.end
        }
    }

    /// A write position in memory measured to be large enough.
    struct Cursor {
        let base: UnsafeMutablePointer<UInt8>
        var end = 0

        mutating func put(_ byte: UInt8) {
            base[end] = byte
            end += 1
        }

        mutating func put(_ bytes: [UInt8]) {
            for byte in bytes { put(byte) }
        }

        /// Lowest digit first, into the places its digit count leaves for it.
        mutating func put(decimal value: UInt32) {
            var digits = 1, scale: UInt32 = 10
            while digits < 10, value >= scale {
                digits += 1
                scale = scale &* 10
            }
            var rest = value, index = end + digits
            repeat {
                index -= 1
                base[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            end += digits
        }
    }
}
