import Foundation
import XCTest
@testable import OpsbookKit
#if canImport(Glibc)
import Glibc
#endif

/// `opsbook serve`'s HTTP server, spoken to over real loopback sockets the way a hostile or
/// broken client would (#13: FlyingFox took 79 s over a 400 KB request line and answered
/// nothing for minutes after a 20 MB request).
final class PreviewServerTests: XCTestCase {
    func testParsesWhatBrowsersSend() throws {
        let head = try HTTPRequestHead.parse(bytes("GET /kb/%E6%95%B0%E6%8D%AE/?since=7&q=a+b HTTP/1.1\r\nHost: x\r\n\r\n"))
        XCTAssertEqual(head, HTTPRequestHead(method: "GET", path: "/kb/数据/", query: ["since": "7", "q": "a b"]))
        XCTAssertEqual(try HTTPRequestHead.parse(bytes("HEAD / HTTP/1.0\n\n")).method, "HEAD")
        XCTAssertEqual(HTTPRequestHead.endOfHead(in: Array("GET / HTTP/1.1\r\nA: b\r\n\r\nrest".utf8), from: 0), 24)
        XCTAssertNil(HTTPRequestHead.endOfHead(in: Array("GET / HTTP/1.1\r\nA: b\r\n".utf8), from: 0))
    }

    func testRefusesWhatItDoesNotServe() {
        let cases: [(String, Int)] = [
            ("POST / HTTP/1.1\r\n\r\n", 405),
            ("GET / HTTP/1.1\r\nContent-Length: 12\r\n\r\n", 413),
            ("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 413),
            ("GET /a/../../etc/passwd HTTP/1.1\r\n\r\n", 400),
            ("GET /a/%2e%2e/%2E%2E/etc HTTP/1.1\r\n\r\n", 400),
            ("GET /a%00b HTTP/1.1\r\n\r\n", 400),
            ("GET /%zz HTTP/1.1\r\n\r\n", 400),
            ("GET /%ff HTTP/1.1\r\n\r\n", 400),
            ("GET http://evil/ HTTP/1.1\r\n\r\n", 400),
            ("GET / HTTP/2.0\r\n\r\n", 505),
            ("GET  / HTTP/1.1\r\n\r\n", 400),
            ("get / HTTP/1.1\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\n folded\r\n\r\n", 400),
            ("GET /" + String(repeating: "a", count: 9_000) + " HTTP/1.1\r\n\r\n", 414),
            ("GET / HTTP/1.1\r\n" + String(repeating: "X-A: b\r\n", count: 101) + "\r\n", 431),
        ]
        for (request, status) in cases {
            XCTAssertThrowsError(try HTTPRequestHead.parse(bytes(request)), request.prefix(60).debugDescription) { error in
                XCTAssertEqual((error as? HTTPRequestHead.Refusal)?.status, status, request.prefix(60).debugDescription)
            }
        }
    }

    func testServesFilesAndHeadWithoutBody() throws {
        let server = try start()
        defer { server.stop() }
        let get = exchange(server, "GET /hello?x=1 HTTP/1.1\r\nHost: a\r\n\r\n")
        XCTAssertTrue(get.hasPrefix("HTTP/1.1 200 OK\r\n"), get)
        XCTAssertTrue(get.contains("Content-Length: 12\r\n"), get)
        XCTAssertTrue(get.hasSuffix("\r\n\r\npath /hello\n"), get)
        let head = exchange(server, "HEAD /hello HTTP/1.1\r\n\r\n")
        XCTAssertTrue(head.hasPrefix("HTTP/1.1 200 OK\r\n") && head.hasSuffix("\r\n\r\n"), head)
        // Sent one byte at a time, as slowly as it likes within the deadline.
        let slow = exchange(server, "GET /slow HTTP/1.1\r\n\r\n", pieces: 1)
        XCTAssertTrue(slow.hasSuffix("path /slow\n"), slow)
    }

    func testHostileRequestsAreAnsweredAtOnceAndTheServerStaysUp() throws {
        let server = try start()
        defer { server.stop() }
        // The two requests #13 measured: a 400 KB request line and a 20 MB request.
        let longLine = exchange(server, "GET /" + String(repeating: "a", count: 400_000) + " HTTP/1.1\r\n\r\n")
        XCTAssertTrue(longLine.hasPrefix("HTTP/1.1 414 "), String(longLine.prefix(80)))
        let huge = exchange(server, "GET / HTTP/1.1\r\n" + String(repeating: "X-Filler: " + String(repeating: "y", count: 1_000) + "\r\n",
                                                                   count: 20_000))
        XCTAssertTrue(huge.hasPrefix("HTTP/1.1 431 "), String(huge.prefix(80)))
        let body = exchange(server, "GET / HTTP/1.1\r\nContent-Length: 20000000\r\n\r\n" + String(repeating: "z", count: 100_000))
        XCTAssertTrue(body.hasPrefix("HTTP/1.1 413 "), String(body.prefix(80)))
        XCTAssertTrue(exchange(server, "GET /after HTTP/1.1\r\n\r\n").hasSuffix("path /after\n"))
    }

    func testAClientThatStopsSendingIsToldSoAndAFloodIsTurnedAway() throws {
        var limits = PreviewServer.Limits()
        limits.headSeconds = 0.5
        limits.connections = 4
        let server = try start(limits)
        defer { server.stop() }
        // Half a head, then silence: 408 once the deadline passes, not a thread held forever.
        let stalled = exchange(server, "GET / HTTP/1.1\r\nHost:", thenWait: true)
        XCTAssertTrue(stalled.hasPrefix("HTTP/1.1 408 "), stalled)

        let idle = (0..<4).map { _ in connect(server) }
        Thread.sleep(forTimeInterval: 0.1)
        let turnedAway = exchange(server, "GET / HTTP/1.1\r\n\r\n")
        XCTAssertTrue(turnedAway.hasPrefix("HTTP/1.1 503 "), turnedAway)
        idle.forEach { close($0) }
        // Once the idle ones time out or close, the server answers again.
        Thread.sleep(forTimeInterval: 0.8)
        XCTAssertTrue(exchange(server, "GET /back HTTP/1.1\r\n\r\n").hasSuffix("path /back\n"))
    }

    // MARK: - A raw client

    private func bytes(_ text: String) -> ArraySlice<UInt8> { ArraySlice(Array(text.utf8)) }

    private func start(_ limits: PreviewServer.Limits = PreviewServer.Limits()) throws -> PreviewServer {
        let server = try PreviewServer(port: 0, limits: limits) { request in
            PreviewServer.Response(contentType: "text/plain", body: Data("path \(request.path)\n".utf8))
        }
        Thread { server.run() }.start()
        return server
    }

    private func connect(_ server: PreviewServer) -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = server.port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        XCTAssertEqual(connected, 0)
        // A client that waits longer than this for an answer has found a hang.
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return socket
    }

    /// Sends the request (stopping early once the server has answered and closed), then
    /// reads the whole answer.
    private func exchange(_ server: PreviewServer, _ request: String, pieces: Int = 65_536, thenWait: Bool = false) -> String {
        let socket = connect(server)
        defer { close(socket) }
        let data = Array(request.utf8)
        var offset = 0
        while offset < data.count {
            let end = min(offset + pieces, data.count)
            let sent = data[offset..<end].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { break }
            offset += sent
        }
        if !thenWait { shutdown(socket, Int32(SHUT_WR)) }
        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            answer.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: answer, as: UTF8.self)
    }
}
