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
