import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Plays systemd's side of sd_notify: a datagram socket whose path goes into `NOTIFY_SOCKET`.
public final class NotifyListener: @unchecked Sendable {
    public let path: String
    let fd: Int32
    private let lock = NSLock()
    private var received: [String] = []

    public init(folder: TempFolder) throws {
        path = folder.file("notify.sock")
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { $0.copyBytes(from: Array(path.utf8) + [0]) }
        let ok = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0 }
        }
        guard ok else { throw Wait.TimedOut(description: "bind \(path): \(String(cString: strerror(errno)))") }
    }

    deinit { close(fd) }

    /// Every message so far (one datagram may carry several newline-separated assignments).
    public var messages: [String] {
        drain()
        return lock.withLock { received }
    }

    /// Waits until a datagram contains `assignment` (e.g. `READY=1`).
    public func waitFor(_ assignment: String, seconds: Double = 20) throws {
        try Wait.until("\(assignment) on \(path) (got \(messages))", seconds: seconds) {
            messages.contains { $0.split(separator: "\n").contains(Substring(assignment)) } ? true : nil
        }
    }

    private func drain() {
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buf, buf.count, Int32(MSG_DONTWAIT))
            guard n > 0 else { return }
            let text = String(decoding: buf[0..<n], as: UTF8.self)
            lock.withLock { received.append(text) }
        }
    }
}
