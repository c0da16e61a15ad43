import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real mosquitto on a free loopback port, for as long as the test holds it.
public final class TestBroker: Sendable {
    public let port: Int
    public let folder: TempFolder
    let process: ChildProcess

    /// Starts mosquitto with `extraConfig` lines appended (listeners for TLS, etc.).
    public init(extraConfig: String = "") throws {
        folder = try TempFolder("mosquitto")
        port = try FreePort.find()
        let conf = try folder.write("mosquitto.conf", """
            listener \(port) 127.0.0.1
            allow_anonymous true
            max_inflight_messages 0
            max_queued_messages 1000000
            persistence false
            \(extraConfig)
            """)
        process = try ChildProcess(Self.mosquittoPath, ["-c", conf])
        try Wait.until("mosquitto listening on \(port)", seconds: 10) { FreePort.accepts(port) ? true : nil }
    }

    public var url: String { "mqtt://127.0.0.1:\(port)" }

    public static var mosquittoPath: String {
        for p in ["/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"] where FileManager.default.isExecutableFile(atPath: p) {
            return p
        }
        return "/usr/sbin/mosquitto"
    }

    /// Publishes with mosquitto_pub (a real, independent client).
    public func publish(topic: String, payload: [UInt8], qos: Int = 1, retain: Bool = false) throws {
        let file = folder.file("payload-\(UUID().uuidString.prefix(8)).bin")
        try Data(payload).write(to: URL(fileURLWithPath: file))
        var args = ["-h", "127.0.0.1", "-p", "\(port)", "-q", "\(qos)", "-t", topic, "-f", file]
        if retain { args.append("-r") }
        let pub = try ChildProcess("/usr/bin/mosquitto_pub", args)
        let status = try pub.waitForExit(seconds: 10)
        guard status == 0 else { throw Wait.TimedOut(description: "mosquitto_pub exited \(status): \(pub.text)") }
    }

    /// Subscribes with mosquitto_sub (`-v`: `topic payload` lines); returns once the broker has sent SUBACK.
    public func subscribe(_ filter: String, count: Int? = nil) throws -> ChildProcess {
        var args = ["-h", "127.0.0.1", "-p", "\(port)", "-q", "1", "-v", "-d", "-t", filter]
        if let count { args += ["-C", "\(count)"] }
        // stdbuf: mosquitto_sub block-buffers a pipe; each line must arrive as it is printed.
        let sub = try ChildProcess("/usr/bin/stdbuf", ["-oL", "/usr/bin/mosquitto_sub"] + args)
        try sub.waitFor("SUBACK", seconds: 10)
        return sub
    }

    public func stop() {
        process.stop()
        folder.remove()
    }
}

/// Free loopback TCP ports.
public enum FreePort {
    public static func find() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                bind(fd, sa, len) == 0 && getsockname(fd, sa, &len) == 0
            }
        }
        guard bound else { throw Wait.TimedOut(description: "no free port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    public static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
