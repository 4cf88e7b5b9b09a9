/// Token numbers to dense ids, given in the order they first come: linear probing over a
/// power-of-two table with Fibonacci hashing (no seed: the same ids every run).
/// A token number is never zero, so zero marks a free slot.
struct NumberTable {
    private var keys: [TokenNumber]
    private var ids: [UInt32]
    private var used = 0
    private var shift: UInt64

    /// Room for `2^bits / 2` numbers before it grows.
    init(bits: Int = 16) {
        keys = [TokenNumber](repeating: TokenNumber(), count: 1 << bits)
        ids = [UInt32](repeating: 0, count: 1 << bits)
        shift = UInt64(64 - bits)
    }

    mutating func id(of key: TokenNumber, next: UInt32) -> (UInt32, new: Bool) {
        if used * 2 >= keys.count { grow() }
        let mask = keys.count - 1
        var slot = Self.slot(of: key, shift: shift)
        while !keys[slot].isZero {
            if keys[slot] == key { return (ids[slot], false) }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        ids[slot] = next
        used += 1
        return (next, true)
    }

    private mutating func grow() {
        let (oldKeys, oldIDs) = (keys, ids)
        keys = [TokenNumber](repeating: TokenNumber(), count: oldKeys.count * 2)
        ids = [UInt32](repeating: 0, count: oldKeys.count * 2)
        shift -= 1
        let mask = keys.count - 1
        for (key, id) in zip(oldKeys, oldIDs) where !key.isZero {
            var slot = Self.slot(of: key, shift: shift)
            while !keys[slot].isZero { slot = (slot + 1) & mask }
            keys[slot] = key
            ids[slot] = id
        }
    }

    private static func slot(of key: TokenNumber, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (((key.high &* 0xC2B2_AE3D_27D4_EB4F) ^ key.low) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}
