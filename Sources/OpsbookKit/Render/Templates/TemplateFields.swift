/// The fields of one template object. Every tag looks its name up in each object of the
/// context stack, innermost first; a Swift Dictionary hashed the name again for every
/// object it was tried in (SipHash: about 700 instructions per tag, a tenth of the render
/// stage). Here a name's code is computed once — at parse time for template names — and
/// most objects (a dozen fields or fewer) are searched by comparing codes in one array.
/// Larger ones (labels) also keep an open-addressed index.
public struct TemplateFields: Sendable, Equatable, ExpressibleByDictionaryLiteral, Sequence {
    struct Entry: Sendable {
        let key: String
        let code: UInt64
        var value: TemplateValue
    }

    private(set) var entries: [Entry] = []
    /// Positions in `entries` by code, -1 for a free slot; empty while the object is small.
    private var slots: [Int] = []
    private static let linearLimit = 12

    public init() {}

    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        entries.reserveCapacity(elements.count)
        for (key, value) in elements { self[key] = value }
    }

    /// The fields of a dictionary (its keys are distinct, so its order changes nothing).
    public init(_ dictionary: [String: TemplateValue]) {
        entries.reserveCapacity(dictionary.count)
        for (key, value) in dictionary { self[key] = value }
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    public subscript(key: String) -> TemplateValue? {
        get { self[key, Self.code(of: key)] }
        set { set(newValue, key: key, code: Self.code(of: key)) }
    }

    /// The field `key`, whose `code(of:)` the caller already knows.
    subscript(key: String, code: UInt64) -> TemplateValue? {
        position(of: key, code: code).map { entries[$0].value }
    }

    /// Each of `other`'s fields added; where both have one, `combine` says which value stays
    /// (as Dictionary.merge).
    public mutating func merge(_ other: TemplateFields, uniquingKeysWith combine: (TemplateValue, TemplateValue) -> TemplateValue) {
        for entry in other.entries {
            let value = self[entry.key, entry.code].map { combine($0, entry.value) } ?? entry.value
            set(value, key: entry.key, code: entry.code)
        }
    }

    public func merging(_ other: TemplateFields, uniquingKeysWith combine: (TemplateValue, TemplateValue) -> TemplateValue)
        -> TemplateFields
    {
        var merged = self
        merged.merge(other, uniquingKeysWith: combine)
        return merged
    }

    /// The fields in the order they were first set (nothing renders that order).
    public func makeIterator() -> some IteratorProtocol<(key: String, value: TemplateValue)> {
        entries.lazy.map { (key: $0.key, value: $0.value) }.makeIterator()
    }

    public static func == (lhs: TemplateFields, rhs: TemplateFields) -> Bool {
        lhs.count == rhs.count && lhs.entries.allSatisfy { rhs[$0.key, $0.code] == $0.value }
    }

    /// FNV-1a over the UTF-8 bytes, then mixed so the low bits (the index's slot) depend
    /// on every byte. Not seeded: names come from templates and views, and the order of
    /// fields never reaches the output.
    static func code(of key: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        // Over the contiguous bytes: iterating a String's UTF-8 view cost a few hundred instructions a key.
        var key = key
        key.withUTF8 { bytes in
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        hash ^= hash >> 32
        hash = hash &* 0xD6E8_FEB8_6659_FD93
        return hash ^ (hash >> 32)
    }

    private func position(of key: String, code: UInt64) -> Int? {
        if slots.isEmpty {
            for index in entries.indices where entries[index].code == code && entries[index].key == key { return index }
            return nil
        }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: code) & mask
        while slots[slot] >= 0 {
            let entry = entries[slots[slot]]
            if entry.code == code && entry.key == key { return slots[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private mutating func set(_ value: TemplateValue?, key: String, code: UInt64) {
        if let index = position(of: key, code: code) {
            if let value {
                entries[index].value = value
            } else {
                entries.remove(at: index)
                reindex(capacityFor: entries.count)
            }
            return
        }
        guard let value else { return }
        entries.append(Entry(key: key, code: code, value: value))
        if entries.count > Self.linearLimit {
            if entries.count * 2 > slots.count { reindex(capacityFor: entries.count) } else { place(entries.count - 1) }
        }
    }

    /// Rebuilds the index for `count` entries: at most half full, so a probe ends soon.
    private mutating func reindex(capacityFor count: Int) {
        guard count > Self.linearLimit else {
            slots = []
            return
        }
        var size = 32
        while size < count * 2 { size *= 2 }
        slots = Array(repeating: -1, count: size)
        for position in entries.indices { place(position) }
    }

    private mutating func place(_ position: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: entries[position].code) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = position
    }
}
