#if canImport(Glibc)
import Glibc
#endif

/// Substring search on UTF-8 bytes. Foundation's `contains`, `range(of:)` and
/// `replacingOccurrences` go through CFString on Linux and dominated the profile of a
/// 10,000-page build; these do the same on bytes.
extension UnsafeBufferPointer<UInt8> {
    /// memchr for the first byte, memcmp for the rest (memmem is not exported to Swift).
    func offset(of needle: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard needle.count > 0, start >= 0, start <= count, let base = baseAddress, let first = needle.baseAddress else { return nil }
        var position = start
        let last = count - needle.count
        while position <= last {
            guard let hit = memchr(base + position, Int32(first[0]), last - position + 1) else { return nil }
            let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            // The second byte first: most stops (every `<` of a page) end there, without a call.
            if needle.count == 1 || (base[offset + 1] == first[1] && memcmp(base + offset, first, needle.count) == 0) { return offset }
            position = offset + 1
        }
        return nil
    }

    /// The first `byte` at or after `start` (memchr: a generic `firstIndex(of:)` tests byte by byte).
    func offset(of byte: UInt8, from start: Int) -> Int? {
        guard start >= 0, start < count, let base = baseAddress, let hit = memchr(base + start, Int32(byte), count - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// How many times `needle` occurs, none overlapping.
    func occurrences(of needle: StaticString) -> Int {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        var found = 0, position = 0
        while let offset = offset(of: pattern, from: position) {
            found += 1
            position = offset + pattern.count
        }
        return found
    }
}

extension [UInt8] {
    func offset(of needle: [UInt8], from start: Int = 0) -> Int? {
        withUnsafeBufferPointer { haystack in needle.withUnsafeBufferPointer { haystack.offset(of: $0, from: start) } }
    }

    func replacing(_ needle: [UInt8], with replacement: [UInt8]) -> [UInt8] {
        guard var offset = offset(of: needle) else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 64)
        var copied = 0
        while true {
            bytes += self[copied..<offset]
            bytes += replacement
            copied = offset + needle.count
            guard let next = self.offset(of: needle, from: copied) else { break }
            offset = next
        }
        bytes += self[copied...]
        return bytes
    }
}

extension String {
    func fastContains(_ needle: String) -> Bool { fastOffset(of: needle) != nil }

    /// Byte offset of the first occurrence at or after `from`.
    func fastOffset(of needle: String, from start: Int = 0) -> Int? {
        var haystack = self
        var pattern = needle
        return haystack.withUTF8 { h in pattern.withUTF8 { h.offset(of: $0, from: start) } }
    }

    func fastReplacing(_ needle: String, with replacement: String) -> String {
        guard fastOffset(of: needle) != nil else { return self }
        return String(decoding: Array(utf8).replacing(Array(needle.utf8), with: Array(replacement.utf8)), as: UTF8.self)
    }
}
