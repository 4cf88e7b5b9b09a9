#if canImport(Glibc)
import Glibc
#endif

/// Substring search on UTF-8 bytes. Foundation's `contains`, `range(of:)` and
/// `replacingOccurrences` go through CFString on Linux and dominated the profile of a
/// 10,000-page build; these do the same on bytes.
extension String {
    func fastContains(_ needle: String) -> Bool { fastOffset(of: needle) != nil }

    /// Byte offset of the first occurrence at or after `from`.
    func fastOffset(of needle: String, from start: Int = 0) -> Int? {
        var haystack = self
        var pattern = needle
        return haystack.withUTF8 { h in
            pattern.withUTF8 { n -> Int? in
                guard n.count > 0, start <= h.count, let base = h.baseAddress, let nb = n.baseAddress else { return nil }
                // memchr for the first byte, memcmp for the rest (memmem is not exported to Swift).
                var position = start
                let last = h.count - n.count
                while position <= last {
                    guard let hit = memchr(base + position, Int32(nb[0]), last - position + 1) else { return nil }
                    let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + offset, nb, n.count) == 0 { return offset }
                    position = offset + 1
                }
                return nil
            }
        }
    }

    func fastReplacing(_ needle: String, with replacement: String) -> String {
        guard var offset = fastOffset(of: needle) else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 64)
        var copied = 0
        let source = Array(utf8)
        let needleLength = needle.utf8.count
        while true {
            bytes += source[copied..<offset]
            bytes += replacement.utf8
            copied = offset + needleLength
            guard let next = fastOffset(of: needle, from: copied) else { break }
            offset = next
        }
        bytes += source[copied...]
        return String(decoding: bytes, as: UTF8.self)
    }
}
