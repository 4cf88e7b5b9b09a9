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
        func blank(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || (scalar.value > 127 && scalar.properties.generalCategory == .spaceSeparator)
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !blank($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !blank($0) })!
        return String(self[first..<scalars.index(after: last)])
    }
}
