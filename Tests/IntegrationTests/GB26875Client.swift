import FireWatchDecoders
import FireWatchTestKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A transmission device's side of a TCP connection to the centre, blocking, for tests: sends bytes
/// (whole or cut up) and reads back the centre's frames, split by the same framer.
final class GB26875Client {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let rc = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            close(fd)
            throw Wait.TimedOut(description: "connect to 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return }
            sent += n
        }
    }

    /// Sends `bytes` one at a time, each in a segment of its own.
    func sendByteByByte(_ bytes: [UInt8]) {
        for b in bytes { send([b]) }
    }

    /// The next frame from the centre (header and bytes), nil on end of stream or after `seconds`.
    func nextFrame(seconds: Double = 15) -> (GB26875Header, [UInt8])? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let unit = buffer.withUnsafeBytes({ GB26875StreamFramer.next($0) }) {
                switch unit {
                case .frame(let h, let n):
                    let bytes = Array(buffer.prefix(n))
                    buffer.removeFirst(n)
                    return (h, bytes)
                case .deny(_, _, let n), .garbage(let n):
                    buffer.removeFirst(n)
                    continue
                }
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return nil }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, Int32(min(left, 1) * 1000)) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = recv(fd, &chunk, chunk.count, 0)
            guard n > 0 else { return nil }
            buffer += chunk.prefix(n)
        }
    }

    /// The next frame with this command (others, such as a clock sync, are set aside in `skipped`).
    func next(command: UInt8, seconds: Double = 15) -> (GB26875Header, [UInt8])? {
        let deadline = Date().addingTimeInterval(seconds)
        while deadline.timeIntervalSinceNow > 0 {
            guard let f = nextFrame(seconds: deadline.timeIntervalSinceNow) else { return nil }
            if f.0.command == command { return f }
            skipped.append(f)
        }
        return nil
    }

    var skipped: [(GB26875Header, [UInt8])] = []

    /// Whether the centre closed the connection within `seconds`.
    func closedByPeer(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while deadline.timeIntervalSinceNow > 0 {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 200) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { return true }
            buffer += chunk.prefix(n)
        }
        return false
    }
}
