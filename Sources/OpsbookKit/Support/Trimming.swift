extension UnsafeBufferPointer<UInt8> {
    /// Without leading and trailing spaces, tabs and line breaks, in place: export cells are
    /// trimmed a few million times per import.
    var trimmingASCIIBlanks: UnsafeBufferPointer<UInt8> {
        var start = 0, end = count
        func blank(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }
        while start < end, blank(self[start]) { start += 1 }
        while end > start, blank(self[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: self[start..<end])
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs — what Foundation's
    /// `trimmingCharacters(in: .whitespaces)` removes (Unicode space separators and tab),
    /// without the trip through NSString that showed in every page's profile.
    var trimmingWhitespace: String {
        func blank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || isSpaceSeparator(scalar) }
        let scalars = unicodeScalars
        // Nearly every text has nothing to trim: two scalars looked at, no copy made.
        if let head = scalars.first, let tail = scalars.last, !blank(head), !blank(tail) { return String(self) }
        guard let first = scalars.firstIndex(where: { !blank($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !blank($0) })!
        return String(self[first..<scalars.index(after: last)])
    }
}

/// Unicode's space separators (category Zs) above ASCII, listed: asking a scalar's properties
/// cost some 250 instructions, for every Chinese text trimmed. The list has not changed since
/// Unicode 6.3; a test compares it with the properties of every scalar.
func isSpaceSeparator(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: true
    default: false
    }
}
