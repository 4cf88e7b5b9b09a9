extension Substring {
    /// Without leading and trailing spaces, tabs and line breaks. Foundation's
    /// trimmingCharacters goes through NSString and dominated import time on large exports.
    var trimmedASCII: String {
        let utf8 = self.utf8
        var start = utf8.startIndex, end = utf8.endIndex
        func blank(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }
        while start < end, blank(utf8[start]) { start = utf8.index(after: start) }
        while end > start, blank(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        return String(self[start..<end])
    }
}

extension String {
    var trimmedASCII: String { self[...].trimmedASCII }
}
