import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback HTTP server that answers successive connections with scripted raw responses and closes
/// each one: enough to watch a client reconnect and see which headers it resumes with.
final class ScriptedHTTPServer: @unchecked Sendable {
    let port: Int
    private let fd: Int32
    private let lock = NSLock()
    private var seen: [String] = []

    init(responses: [String]) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p in bind(fd, p, len) == 0 && getsockname(fd, p, &len) == 0 }
        }
        guard bound, listen(fd, 8) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        port = Int(UInt16(bigEndian: addr.sin_port))
        let thread = Thread { [self] in serve(responses) }
        thread.start()
    }

    deinit { close(fd) }

    /// The requests received so far (head only).
    var requests: [String] { lock.withLock { seen } }

    private func serve(_ responses: [String]) {
        for response in responses {
            let client = accept(fd, nil, nil)
            guard client >= 0 else { return }
            var head = [UInt8]()
            var byte: UInt8 = 0
            while recv(client, &byte, 1, 0) == 1 {
                head.append(byte)
                if head.suffix(4) == [13, 10, 13, 10] { break }
            }
            lock.withLock { seen.append(String(decoding: head, as: UTF8.self)) }
            let bytes = Array(response.utf8)
            _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            shutdown(client, Int32(SHUT_WR))
            while recv(client, &byte, 1, 0) == 1 {}
            close(client)
        }
    }

    /// A 200 event stream whose body is `body`, ended by closing the connection.
    static func stream(_ body: String) -> String {
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n" + body
    }
}
