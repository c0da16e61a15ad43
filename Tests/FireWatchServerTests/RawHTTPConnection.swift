import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bare TCP connection to the server under test: the test decides when (and whether) to read, which
/// is what a stalled event-stream client looks like.
final class RawHTTPConnection {
    let fd: Int32

    /// Connects to 127.0.0.1:`port`; `receiveBuffer` shrinks the kernel's receive buffer first.
    init(port: Int, receiveBuffer: Int32? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        if var size = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// `GET path` with optional headers, keeping the connection open.
    func get(_ path: String, headers: [String: String] = [:]) {
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (k, v) in headers { request += "\(k): \(v)\r\n" }
        send(request + "\r\n")
    }

    /// Whether the server has closed its side (Linux POLLRDHUP, 0x2000), without reading anything.
    var peerClosed: Bool {
        var p = pollfd(fd: fd, events: Int16(0x2000), revents: 0)
        return poll(&p, 1, 0) == 1 && (p.revents & Int16(0x2000 | POLLHUP | POLLERR)) != 0
    }

    /// Reads what is there within `seconds`; returns "" at end of stream.
    func read(seconds: Double = 0.2) -> String {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, Int32(seconds * 1000)) == 1 else { return "" }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &buffer, buffer.count, 0)
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : ""
    }

    /// Event ids (`id: N`) in `text`.
    static func ids(_ text: String) -> [Int64] {
        text.split(whereSeparator: \.isNewline).compactMap { $0.hasPrefix("id: ") ? Int64($0.dropFirst(4)) : nil }
    }
}
