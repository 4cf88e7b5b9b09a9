import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The HTTP server behind `opsbook serve`: loopback only, GET and HEAD of files held in
/// memory, one request per connection. Every cost is bounded — a head of at most 16 KiB
/// that must arrive within `headSeconds`, at most `connections` at once (more are told 503
/// at once), writes that give up after `writeSeconds` — so a hostile or broken client can
/// neither hang the preview nor make it spend more than linear time on what it sends.
public final class PreviewServer: @unchecked Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var contentType: String
        public var body: Data
        public init(status: Int = 200, contentType: String, body: Data) {
            self.status = status
            self.contentType = contentType
            self.body = body
        }
    }

    public struct Limits: Sendable {
        public var head = HTTPRequestHead.Limits()
        public var headSeconds = 10.0
        public var writeSeconds = 30.0
        public var connections = 32
        public init() {}
    }

    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    public let port: UInt16
    private let listener: Int32
    private let limits: Limits
    private let handler: @Sendable (HTTPRequestHead) -> Response
    private let lock = NSLock()
    private var open = 0
    private var waitingTurnedAway = 0
    private let turnedAway = DispatchQueue(label: "opsbook.serve.busy")

    /// Listens on 127.0.0.1 (port 0: any free port, read back from `port`).
    public init(port: UInt16, limits: Limits = Limits(), handler: @escaping @Sendable (HTTPRequestHead) -> Response) throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw StartError(description: String(cString: strerror(errno))) }
        var reuse: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(socket, 128) == 0 else {
            let reason = String(cString: strerror(errno))
            close(socket)
            throw StartError(description: reason)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        self.port = UInt16(bigEndian: address.sin_port)
        self.listener = socket
        self.limits = limits
        self.handler = handler
    }

    /// Accepts connections until the listening socket is closed; call on a thread of its own.
    public func run() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR || errno == ECONNABORTED || errno == EMFILE || errno == ENFILE { continue }
                return
            }
            setTimeout(connection, SO_SNDTIMEO, seconds: limits.writeSeconds)
            guard admit() else {
                turnAway(connection)
                continue
            }
            Thread { [self] in
                serve(connection)
                finish(connection)
                lock.withLock { open -= 1 }
            }.start()
        }
    }

    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// Told 503 on one thread of its own, so a flood of connections costs one thread; past
    /// 64 waiting, connections are closed unanswered.
    private func turnAway(_ connection: Int32) {
        let queued = lock.withLock { waitingTurnedAway += 1; return waitingTurnedAway }
        guard queued <= 64 else {
            lock.withLock { waitingTurnedAway -= 1 }
            close(connection)
            return
        }
        turnedAway.async { [self] in
            respond(connection, Response(status: 503, contentType: "text/plain; charset=utf-8", body: Data("busy\n".utf8)), method: "GET")
            finish(connection, seconds: 0.2)
            lock.withLock { waitingTurnedAway -= 1 }
        }
    }

    private func admit() -> Bool {
        lock.withLock {
            guard open < limits.connections else { return false }
            open += 1
            return true
        }
    }

    private func serve(_ connection: Int32) {
        let head: HTTPRequestHead
        do {
            guard let read = try readHead(connection) else { return }
            head = read
        } catch {
            let body = Data("\(error.reason)\n".utf8)
            respond(connection, Response(status: error.status, contentType: "text/plain; charset=utf-8", body: body), method: "GET")
            return
        }
        respond(connection, handler(head), method: head.method)
    }

    /// nil when the client went away before sending a whole head.
    private func readHead(_ connection: Int32) throws(HTTPRequestHead.Refusal) -> HTTPRequestHead? {
        // Short receive timeouts so the deadline is checked while a client trickles bytes.
        setTimeout(connection, SO_RCVTIMEO, seconds: 0.25)
        let deadline = Date().addingTimeInterval(limits.headSeconds)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        var searched = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if count == 0 { return nil }
            if count < 0 {
                guard errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else { return nil }
                if Date() > deadline { throw HTTPRequestHead.Refusal(408, "request head not received within \(Int(limits.headSeconds)) s") }
                continue
            }
            bytes.append(contentsOf: chunk[0..<count])
            if let end = HTTPRequestHead.endOfHead(in: bytes, from: searched - 3) {
                return try HTTPRequestHead.parse(bytes[0..<end], limits: limits.head)
            }
            searched = bytes.count
            try HTTPRequestHead.checkIncomplete(bytes, limits: limits.head)
            if Date() > deadline { throw HTTPRequestHead.Refusal(408, "request head not received within \(Int(limits.headSeconds)) s") }
        }
    }

    private func respond(_ connection: Int32, _ response: Response, method: String) {
        var head = "HTTP/1.1 \(response.status) \(Self.reasons[response.status] ?? "Status")\r\n"
        head += "Content-Type: \(response.contentType)\r\nContent-Length: \(response.body.count)\r\n"
        head += "Cache-Control: no-store\r\nConnection: close\r\n\r\n"
        var data = Data(head.utf8)
        if method != "HEAD" { data.append(response.body) }
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(connection, buffer.baseAddress.map { $0 + offset }, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0, errno == EINTR { continue }
                guard sent > 0 else { return }
                offset += sent
            }
        }
    }

    /// Closes once the client has what it was sent: what it still sends is read away for up
    /// to `seconds` (and at most 64 MiB), or the kernel would answer it with a reset that can
    /// destroy the response before the client reads it.
    private func finish(_ connection: Int32, seconds: Double = 1) {
        shutdown(connection, Int32(SHUT_WR))
        setTimeout(connection, SO_RCVTIMEO, seconds: 0.2)
        let deadline = Date().addingTimeInterval(seconds)
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var drained = 0
        while drained < 64 << 20, Date() < deadline {
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            drained += count
        }
        close(connection)
    }

    private static let reasons = [
        200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 408: "Request Timeout",
        413: "Content Too Large", 414: "URI Too Long", 431: "Request Header Fields Too Large", 500: "Internal Server Error",
        503: "Service Unavailable", 505: "HTTP Version Not Supported",
    ]

    private func setTimeout(_ connection: Int32, _ option: Int32, seconds: Double) {
        var time = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
        setsockopt(connection, SOL_SOCKET, option, &time, socklen_t(MemoryLayout<timeval>.size))
    }
}
