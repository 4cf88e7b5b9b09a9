/// The lexical half of `TOMLReader`: the cursor, quoted text with its escapes, and bare values
/// (numbers, booleans, dates).
extension TOMLReader {
    func peek(_ offset: Int = 0) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

    mutating func advance() {
        guard index < bytes.count else { return }
        if bytes[index] == UInt8(ascii: "\n") { line += 1; lineStart = index + 1 }
        index += 1
    }

    func starts(_ text: String) -> Bool {
        text.utf8.enumerated().allSatisfy { peek($0.offset) == $0.element }
    }

    /// An error at the cursor, or at `start` earlier on the cursor's line.
    func error(_ message: String, from start: Int? = nil) -> SyntaxError {
        let end = min(max(start ?? index, lineStart), bytes.count)
        let column = bytes[lineStart..<end].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return SyntaxError(line: line, column: column, message: message)
    }

    mutating func expect(_ character: Unicode.Scalar, _ message: String) throws(SyntaxError) {
        skipSpaces()
        guard peek() == UInt8(ascii: character) else { throw error(message) }
        advance()
    }

    mutating func skipSpaces() {
        while peek() == UInt8(ascii: " ") || peek() == UInt8(ascii: "\t") { advance() }
    }

    mutating func skipComment() {
        while let byte = peek(), byte != UInt8(ascii: "\n") { advance() }
    }

    mutating func newline() throws(SyntaxError) {
        if peek() == UInt8(ascii: "\r") {
            advance()
            guard peek() == UInt8(ascii: "\n") else { throw error("a carriage return must be followed by a line feed") }
        }
        advance()
    }

    /// Spaces, comments and line breaks, as lists and inline tables allow between items.
    mutating func skipBlank() throws(SyntaxError) {
        while true {
            skipSpaces()
            switch peek() {
            case UInt8(ascii: "#"): skipComment()
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): try newline()
            default: return
            }
        }
    }

    mutating func endOfLine() throws(SyntaxError) {
        skipSpaces()
        if peek() == UInt8(ascii: "#") { skipComment() }
        guard peek() != nil else { return }
        guard peek() == UInt8(ascii: "\n") || peek() == UInt8(ascii: "\r") else {
            throw error("expected the end of the line (one key = value per line)")
        }
        try newline()
    }

    // MARK: Quoted text

    mutating func basicString() throws(SyntaxError) -> String {
        advance()
        var text: [UInt8] = []
        while true {
            guard let byte = peek(), byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") else {
                throw error("the quoted text is not closed on its line (\"\"\" quotes text over several lines)")
            }
            if byte == UInt8(ascii: "\"") { advance(); return String(decoding: text, as: UTF8.self) }
            if byte == UInt8(ascii: "\\") { try escape(into: &text) } else { text.append(byte); advance() }
        }
    }

    mutating func literalString() throws(SyntaxError) -> String {
        advance()
        let start = index
        while true {
            guard let byte = peek(), byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") else {
                throw error("the quoted text is not closed on its line (''' quotes text over several lines)")
            }
            advance()
            if byte == UInt8(ascii: "'") { return String(decoding: bytes[start..<index - 1], as: UTF8.self) }
        }
    }

    /// `"""…"""` or `'''…'''`; a line break right after the opening quotes is not part of the text.
    mutating func multilineString(literal: Bool) throws(SyntaxError) -> String {
        let quote = literal ? UInt8(ascii: "'") : UInt8(ascii: "\"")
        for _ in 0..<3 { advance() }
        if peek() == UInt8(ascii: "\r"), peek(1) == UInt8(ascii: "\n") { advance() }
        if peek() == UInt8(ascii: "\n") { advance() }
        var text: [UInt8] = []
        while true {
            guard let byte = peek() else { throw error("the text in triple quotes is never closed") }
            if byte == quote, peek(1) == quote, peek(2) == quote {
                // Up to two more quotes belong to the text: `""""` ends with one quote.
                var run = 3
                while run < 5, peek(run) == quote { run += 1 }
                text += repeatElement(quote, count: run - 3)
                for _ in 0..<run { advance() }
                return String(decoding: text, as: UTF8.self)
            }
            if !literal, byte == UInt8(ascii: "\\") {
                if skipLineEndingBackslash() { continue }
                try escape(into: &text)
            } else {
                text.append(byte)
                advance()
            }
        }
    }

    /// A `\` ending a line of `"""` text removes the line break and the blanks that follow.
    private mutating func skipLineEndingBackslash() -> Bool {
        var offset = 1
        while peek(offset) == UInt8(ascii: " ") || peek(offset) == UInt8(ascii: "\t") { offset += 1 }
        guard peek(offset) == UInt8(ascii: "\n") || (peek(offset) == UInt8(ascii: "\r") && peek(offset + 1) == UInt8(ascii: "\n"))
        else { return false }
        advance()
        while let byte = peek(), [0x20, 0x09, 0x0A, 0x0D].contains(byte) { advance() }
        return true
    }

    private mutating func escape(into text: inout [UInt8]) throws(SyntaxError) {
        advance()
        guard let byte = peek() else { throw error("the text ends inside an escape") }
        advance()
        switch byte {
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "e"): text.append(0x1B)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): text.append(byte)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = byte == UInt8(ascii: "u") ? 4 : 8
            let start = index
            for _ in 0..<digits {
                guard let digit = peek(), digit.isHexDigit else {
                    throw error("'\\\(Character(Unicode.Scalar(byte)))' needs \(digits) hex digits")
                }
                advance()
            }
            guard let code = UInt32(String(decoding: bytes[start..<index], as: UTF8.self), radix: 16),
                  let scalar = Unicode.Scalar(code) else { throw error("the escape names no Unicode character") }
            text += Array(String(Character(scalar)).utf8)
        default:
            throw error("unknown escape '\\\(Character(Unicode.Scalar(byte)))'")
        }
    }

    // MARK: Bare values

    /// A number, `true`/`false` or a date/time, as text.
    mutating func bareValue() throws(SyntaxError) -> String {
        let start = index
        while let byte = peek(), byte.isBareValue { advance() }
        // A date and its time may be separated by a space: 1979-05-27 07:32:00Z.
        if index - start == 10, bytes[start + 4] == UInt8(ascii: "-"), peek() == UInt8(ascii: " "), peek(1)?.isDigit == true {
            advance()
            while let byte = peek(), byte.isBareValue { advance() }
        }
        let token = String(decoding: bytes[start..<index], as: UTF8.self)
        guard !token.isEmpty else { throw error("expected a value") }
        if token == "true" || token == "false" { return token }
        if let number = Self.number(token) { return number }
        if token.first?.isNumber == true, token.allSatisfy({ $0.isASCII && ($0.isNumber || "-:.TtZz+ ".contains($0)) }) {
            return token
        }
        index = start
        throw error("'\(token)' is not a TOML value (text needs quotes)")
    }

    /// A TOML integer in decimal, or a float as written; nil when the token is not a number.
    static func number(_ token: String) -> String? {
        guard !token.contains("__"), !token.hasPrefix("_"), !token.hasSuffix("_") else { return nil }
        let text = token.filter { $0 != "_" }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where text.hasPrefix(prefix) {
            return Int(text.dropFirst(2), radix: radix).map(String.init)
        }
        if let integer = Int(text) { return String(integer) }
        if ["inf", "+inf", "-inf", "nan", "+nan", "-nan"].contains(text) { return text }
        guard text.contains(where: \.isNumber), text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              Double(text) != nil else { return nil }
        return text
    }
}

private extension UInt8 {
    var isDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }
    var isHexDigit: Bool { isDigit || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self | 0x20) }
    var isBareValue: Bool {
        isDigit || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self | 0x20)
            || [UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ":")].contains(self)
    }
}
