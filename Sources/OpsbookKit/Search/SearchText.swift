import Foundation

/// What the search index reads of one rendered page: the text of its element marked
/// `data-pagefind-body` (the theme's marker, so a site can still be indexed by Pagefind),
/// less every element marked `data-pagefind-ignore` and every `<nav>` (menus, pagers, contents),
/// its first `<h1>` as the title and the value of its `data-pagefind-filter` type. Read from
/// the HTML the reader gets, so the index holds exactly what the page shows. `excerpt`: the
/// text of its `class="body"` (the Markdown), where result excerpts come from, without the
/// properties and lists around it.
struct SearchText {
    var title = ""
    var type = ""
    var excerpt = ""
    /// The text outside the prose (properties, lists, tables of generated pages).
    var rest = ""
    /// All the page's words: the rest, then the prose.
    var text: String { rest + "\n" + excerpt }

    /// Where the text at a point of the page goes.
    private struct Place {
        var body = false, ignored = false, heading = false, filter = false, prose = false
    }

    /// Nil for a page that is not marked for the index.
    init?(html: [UInt8]) {
        guard let text = html.withUnsafeBufferPointer({ Self.read($0) }) else { return nil }
        self = text
    }

    init?(html: Data) {
        guard let text = html.withUnsafeBytes({ Self.read($0.bindMemory(to: UInt8.self)) }) else { return nil }
        self = text
    }

    private init(title: String, type: String, excerpt: String, rest: String) {
        (self.title, self.type, self.excerpt, self.rest) = (title, type, excerpt, rest)
    }

    /// Read through a buffer pointer: slicing the array retained and released it per tag.
    private static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> SearchText? {
        guard let marker = Array("data-pagefind-body".utf8).withUnsafeBufferPointer({ bytes.offset(of: $0, from: 0) }),
              let open = bytes[..<marker].lastIndex(of: UInt8(ascii: "<")) else { return nil }
        var stack: [(key: UInt64, long: String, place: Place)] = []
        let (script, style, nav, h1) = (Tag.script, Tag.style, Tag.nav, Tag.h1)  // read once, not once per tag
        var place = Place()
        var title: [UInt8] = [], type: [UInt8] = [], prose: [UInt8] = [], rest: [UInt8] = []
        // From the marked element on: the head and the menus before it hold nothing to index.
        var index = open, titled = false
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                let end = bytes.offset(of: UInt8(ascii: "<"), from: index) ?? bytes.count
                let run = UnsafeBufferPointer(rebasing: bytes[index..<end])
                if place.body, !place.ignored { if place.prose { prose += run } else { rest += run } }
                if place.heading { title += run }
                if place.filter { type += run }
                index = end
                continue
            }
            guard let end = bytes.offset(of: UInt8(ascii: ">"), from: index) else { break }
            let tag = Tag(bytes[(index + 1)..<end])
            index = end + 1
            if tag.key == script || tag.key == style, !tag.closing {
                // Their text is code, not words.
                let end: StaticString = tag.key == script ? "</script" : "</style"
                let needle = UnsafeBufferPointer(start: end.utf8Start, count: end.utf8CodeUnitCount)
                index = bytes.offset(of: needle, from: index) ?? bytes.count
                continue
            }
            if place.body, !place.ignored, tag.isBlock {
                if place.prose { prose.append(10) } else { rest.append(10) }
            }
            if tag.closing {
                let long = tag.longName
                if let open = stack.lastIndex(where: { $0.key == tag.key && $0.long == long }) {
                    if stack[open].place.heading { titled = true }
                    // Nearly always the innermost: removing a range of one moved the rest through a generic path.
                    if open == stack.count - 1 { stack.removeLast() } else { stack.removeSubrange(open...) }
                    place = stack.last?.place ?? Place()
                }
                continue
            }
            guard !tag.isVoid, !tag.selfClosing else { continue }
            let parent = place
            // Few tags carry a marker: one search tells, not four.
            let marked = tag.has(" data-pagefind-")
            place.body = parent.body || (marked && tag.has(" data-pagefind-body"))
            place.ignored = parent.ignored || (marked && tag.has(" data-pagefind-ignore")) || (place.body && tag.key == nav)
            place.heading = tag.key == h1 && place.body && !titled && !parent.ignored
            place.filter = marked && type.isEmpty && tag.has(" data-pagefind-filter") && tag.has(" data-pagefind-meta")
            place.prose = parent.prose || tag.hasClass("body")
            stack.append((tag.key, tag.longName, place))
        }
        return SearchText(title: clean(title), type: clean(type), excerpt: clean(prose), rest: clean(rest))
    }

    /// Entities decoded, runs of blanks made one, line breaks kept (they end words). On
    /// bytes: every page of the site passes through here.
    static func clean(_ bytes: [UInt8]) -> String {
        // Never longer than its input: a blank run becomes at most one byte, an entity fewer bytes than it is written in.
        let output = [UInt8](unsafeUninitializedCapacity: bytes.count) { output, count in
            var blank = false, newline = false, index = 0
            count = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case 10: newline = true; continue
                case 32, 9, 13: blank = true; continue
                default: break
                }
                if count > 0, newline || blank { output[count] = newline ? 10 : 32; count += 1 }
                blank = false
                newline = false
                if byte == UInt8(ascii: "&"), let (decoded, length) = HTMLEntities.decode(bytes, at: index) {
                    for decodedByte in decoded { output[count] = decodedByte; count += 1 }
                    index += length
                } else {
                    output[count] = byte
                    count += 1
                    // The bytes up to the next blank or entity are copied as they are: in
                    // Chinese text that is nearly all of them.
                    bytes.withUnsafeBufferPointer { bytes in
                        while index < bytes.count, bytes[index] > 32, bytes[index] != UInt8(ascii: "&") {
                            output[count] = bytes[index]
                            count += 1
                            index += 1
                        }
                    }
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// One tag's name and attributes, read in place (a page has thousands of tags): its name
    /// is a packed key, never a String, unless it is too long to pack.
    struct Tag {
        /// The name packed six bits a letter (`NameKeys.key`): what the element lists compare.
        var key: UInt64 = 0
        var closing = false
        var selfClosing = false
        let bytes: Slice<UnsafeBufferPointer<UInt8>>
        private var name: Range<Int>

        init(_ slice: Slice<UnsafeBufferPointer<UInt8>>) {
            bytes = slice
            var start = slice.startIndex
            if slice.first == UInt8(ascii: "/") { closing = true; start += 1 }
            selfClosing = slice.last == UInt8(ascii: "/")
            func isNameByte(_ byte: UInt8) -> Bool {
                (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || (byte >= 0x30 && byte <= 0x39)
            }
            var end = start
            while end < slice.endIndex, isNameByte(slice[end]) { end += 1 }
            name = start..<end
            key = NameKeys.key(slice[start..<end])
        }

        /// The lowercased name of a tag whose name has no key; empty for the others.
        var longName: String {
            guard key == NameKeys.none else { return "" }
            return String(decoding: bytes[name].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
        }

        static let script = NameKeys.key(Array("script".utf8)), style = NameKeys.key(Array("style".utf8))
        static let nav = NameKeys.key(Array("nav".utf8)), h1 = NameKeys.key(Array("h1".utf8))

        /// Elements whose ends separate words: a table cell's text never runs into the next.
        var isBlock: Bool { Self.blocks.holds(key) }
        var isVoid: Bool { Self.voids.holds(key) }

        /// Names as packed keys, sorted: hashing or comparing every tag's name as a string cost more than reading the tag.
        private static let blocks = NameKeys(["address", "article", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
                                              "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
                                              "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul"])
        private static let voids = NameKeys(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                                             "track", "wbr"])

        /// Whether the tag holds ` attribute` (give it with its leading space).
        func has(_ attribute: StaticString) -> Bool { end(of: attribute) != nil }

        /// Whether its class attribute lists `name`.
        func hasClass(_ name: StaticString) -> Bool {
            guard let from = end(of: " class=\""), let close = bytes[from...].firstIndex(of: UInt8(ascii: "\"")) else { return false }
            let wanted = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
            var start = from
            // Word by word, in place: splitting the attribute made an array for every tag with a class.
            while start < close {
                let end = bytes[start..<close].firstIndex(of: 32) ?? close
                if bytes[start..<end].elementsEqual(wanted) { return true }
                start = end + 1
            }
            return false
        }

        /// Where the first occurrence of `pattern` in the tag ends.
        private func end(of pattern: StaticString) -> Int? {
            let needle = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
            return UnsafeBufferPointer(rebasing: bytes).offset(of: needle, from: 0).map { bytes.startIndex + $0 + needle.count }
        }
    }
}

/// The entities Opsbook's HTML holds: the five of escaping, numeric references, and the few
/// named ones cmark writes.
enum HTMLEntities {
    private static let named: [String: [UInt8]] = ["amp": [38], "lt": [60], "gt": [62], "quot": [34], "apos": [39], "#39": [39],
                                                    "nbsp": [0xC2, 0xA0]]

    /// The entity after an "&" at `start`: its UTF-8, and how many bytes it took after the "&".
    static func decode(_ bytes: [UInt8], at start: Int) -> ([UInt8], Int)? {
        let end = min(bytes.count, start + 12)
        guard let semicolon = bytes[start..<end].firstIndex(of: UInt8(ascii: ";")), semicolon > start else { return nil }
        let name = String(decoding: bytes[start..<semicolon], as: UTF8.self)
        if let known = named[name] { return (known, semicolon - start + 1) }
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        guard let value, let scalar = Unicode.Scalar(value) else { return nil }
        return (Array(String(scalar).utf8), semicolon - start + 1)
    }
}

/// A fixed list of element names as integer keys in a small hash table. A name of letters and digits up to ten long packs
/// into one `UInt64`, six bits a character (letters either case 1–26, digits 27–36), so two names share a key only when
/// equal; a longer name or another byte gets a key no list holds. Looked up by hash, not by binary search: every tag of
/// every page asks, and the search's branches were a quarter of reading a page.
struct NameKeys {
    private static let slotBits = 7
    private let slots: [UInt64]

    init(_ names: [String]) {
        var slots = [UInt64](repeating: Self.none, count: 1 << Self.slotBits)
        for key in names.map({ Self.key(Array($0.utf8)[...]) }) where key != Self.none {
            var slot = Self.slot(key)
            while slots[slot] != Self.none, slots[slot] != key { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = key
        }
        precondition(slots.filter { $0 != Self.none }.count * 2 <= slots.count, "a name list fills at most half its table")
        self.slots = slots
    }

    private static func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> (64 - UInt64(slotBits))) }

    static let none = UInt64.max

    static func key<Bytes: Collection<UInt8>>(_ name: Bytes) -> UInt64 {
        guard name.count <= 10 else { return none }
        var key: UInt64 = 0
        for byte in name {
            let code: UInt64
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): code = UInt64(byte | 0x20) - 0x60
            case UInt8(ascii: "0")...UInt8(ascii: "9"): code = UInt64(byte) - 0x30 + 27
            default: return none
            }
            key = key << 6 | code
        }
        return key
    }

    func holds(_ key: UInt64) -> Bool {
        guard key != Self.none else { return false }
        var slot = Self.slot(key)
        while true {
            let found = slots[slot]
            if found == key { return true }
            if found == Self.none { return false }
            slot = (slot + 1) & (slots.count - 1)
        }
    }
}
