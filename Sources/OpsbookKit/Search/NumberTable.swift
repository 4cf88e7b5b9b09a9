/// Token numbers to dense ids, given in the order they first come: linear probing over a
/// power-of-two table with Fibonacci hashing (no seed: the same ids every run).
/// A token number is never zero, so zero marks a free slot. A slot holds its key and id
/// together: the site's table has millions of slots, and a key in one array with its id in
/// another cost two cache misses per token instead of one.
struct NumberTable {
    private struct Slot {
        var key = TokenNumber()
        var id: UInt32 = 0
    }

    private var slots: [Slot]
    private var used = 0
    private var shift: UInt64

    /// Room for `2^bits / 2` numbers before it grows.
    init(bits: Int = 16) {
        slots = [Slot](repeating: Slot(), count: 1 << bits)
        shift = UInt64(64 - bits)
    }

    mutating func id(of key: TokenNumber, next: UInt32) -> (UInt32, new: Bool) {
        if used * 2 >= slots.count { grow() }
        let mask = slots.count - 1
        var index = Self.slot(of: key, shift: shift)
        let found: UInt32? = slots.withUnsafeMutableBufferPointer { slots in
            while !slots[index].key.isZero {
                if slots[index].key == key { return slots[index].id }
                index = (index + 1) & mask
            }
            slots[index] = Slot(key: key, id: next)
            return nil
        }
        if let found { return (found, false) }
        used += 1
        return (next, true)
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        shift -= 1
        let mask = slots.count - 1
        for slot in old where !slot.key.isZero {
            var index = Self.slot(of: slot.key, shift: shift)
            while !slots[index].key.isZero { index = (index + 1) & mask }
            slots[index] = slot
        }
    }

    private static func slot(of key: TokenNumber, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (((key.high &* 0xC2B2_AE3D_27D4_EB4F) ^ key.low) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}
