import Foundation

/// What `opsbook serve` reads of a request: its head (request line and header fields), never
/// a body. Parsing is one pass over at most `Limits.headBytes`, so no request can cost more
/// than that to read — the preview server's only defence against a hostile page or tool on
/// the same machine.
public struct HTTPRequestHead: Equatable, Sendable {
    public var method: String
    /// Percent-decoded, without the query; always starts with "/".
    public var path: String
    public var query: [String: String]

    public struct Limits: Sendable {
        /// Request line plus header fields.
        public var headBytes = 16 * 1024
        /// The request target alone (414 beyond it).
        public var targetBytes = 8 * 1024
        public var headerFields = 100
        public init() {}
    }

    /// A request the server answers with an error status and closes.
    public struct Refusal: Error, Equatable, Sendable {
        public var status: Int
        public var reason: String
        public init(_ status: Int, _ reason: String) {
            self.status = status
            self.reason = reason
        }
    }

    /// The index just past the blank line that ends a head, looking only at bytes from
    /// `start` on (callers pass where the previous search stopped, minus three), so reading a
    /// head in many pieces stays linear.
    public static func endOfHead(in bytes: [UInt8], from start: Int) -> Int? {
        var index = max(start, 0)
        while index < bytes.count {
            if bytes[index] == 0x0A {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { return index + 2 }
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A { return index + 3 }
            }
            index += 1
        }
        return nil
    }

    /// Refuses a head that is already too long before its end has arrived.
    public static func checkIncomplete(_ bytes: [UInt8], limits: Limits = Limits()) throws(Refusal) {
        if !bytes.prefix(limits.targetBytes + 32).contains(0x0A), bytes.count > limits.targetBytes + 32 {
            throw Refusal(414, "request line longer than \(limits.targetBytes) bytes")
        }
        if bytes.count > limits.headBytes { throw Refusal(431, "request head longer than \(limits.headBytes) bytes") }
    }

    public static func parse(_ head: ArraySlice<UInt8>, limits: Limits = Limits()) throws(Refusal) -> HTTPRequestHead {
        try checkIncomplete(Array(head), limits: limits)
        var lines = head.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            line.last == 0x0D ? line.dropLast() : line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { throw Refusal(400, "empty request") }
        let request = try parseRequestLine(requestLine, limits: limits)
        let fields = lines.dropFirst()
        guard fields.count <= limits.headerFields else { throw Refusal(431, "more than \(limits.headerFields) header fields") }
        for field in fields { try checkField(field) }
        guard request.method == "GET" || request.method == "HEAD" else { throw Refusal(405, "only GET and HEAD are served") }
        return request
    }

    private static func parseRequestLine(_ line: ArraySlice<UInt8>, limits: Limits) throws(Refusal) -> HTTPRequestHead {
        let parts = line.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, let method = parts.first, let target = parts.dropFirst().first, let version = parts.last,
              !method.isEmpty, method.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            throw Refusal(400, "malformed request line")
        }
        guard version.elementsEqual("HTTP/1.1".utf8) || version.elementsEqual("HTTP/1.0".utf8) else {
            throw Refusal(505, "only HTTP/1.0 and HTTP/1.1")
        }
        guard target.count <= limits.targetBytes else { throw Refusal(414, "request target longer than \(limits.targetBytes) bytes") }
        guard target.first == 0x2F else { throw Refusal(400, "request target must be a path") }
        let question = target.firstIndex(of: 0x3F)
        let rawPath = target[..<(question ?? target.endIndex)]
        guard let path = percentDecoded(rawPath, plusIsSpace: false), !path.contains("\0") else {
            throw Refusal(400, "malformed path")
        }
        if path.pathParts.contains(where: { $0 == ".." }) { throw Refusal(400, "path leaves the site") }
        var query: [String: String] = [:]
        if let question {
            for pair in target[target.index(after: question)...].split(separator: 0x26) {
                let equals = pair.firstIndex(of: 0x3D) ?? pair.endIndex
                guard let name = percentDecoded(pair[..<equals], plusIsSpace: true),
                      let value = percentDecoded(pair[equals...].dropFirst(), plusIsSpace: true) else {
                    throw Refusal(400, "malformed query")
                }
                query[name] = query[name] ?? value
            }
        }
        return HTTPRequestHead(method: String(decoding: method, as: UTF8.self), path: path, query: query)
    }

    /// A body is never read, so a request that announces one is refused rather than left
    /// half-read on the connection.
    private static func checkField(_ field: ArraySlice<UInt8>) throws(Refusal) {
        guard let colon = field.firstIndex(of: 0x3A), colon > field.startIndex,
              field[..<colon].allSatisfy(isTokenByte) else {
            throw Refusal(400, "malformed header field")
        }
        let name = String(decoding: field[..<colon], as: UTF8.self).lowercased()
        let value = field[field.index(after: colon)...].trimmingSpaces
        if name == "transfer-encoding" { throw Refusal(413, "no request body is accepted") }
        if name == "content-length", !value.elementsEqual("0".utf8) { throw Refusal(413, "no request body is accepted") }
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    private static func percentDecoded(_ bytes: ArraySlice<UInt8>, plusIsSpace: Bool) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x25 {
                guard bytes.distance(from: index, to: bytes.endIndex) >= 3,
                      let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) else { return nil }
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(plusIsSpace && byte == 0x2B ? 0x20 : byte)
                index += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}

private extension ArraySlice<UInt8> {
    var trimmingSpaces: ArraySlice<UInt8> {
        var slice = self
        while let first = slice.first, first == 0x20 || first == 0x09 { slice.removeFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice.removeLast() }
        return slice
    }
}
