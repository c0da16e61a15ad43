import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real mosquitto on a free loopback port, for as long as the test holds it.
public final class TestBroker: @unchecked Sendable {
    public let port: Int
    public let folder: TempFolder
    let configPath: String
    private let lock = NSLock()
    private var process: ChildProcess

    /// Starts mosquitto with `extraConfig` lines appended (listeners for TLS, etc.). A persistent
    /// broker saves sessions and queued messages to its folder when it stops, so `restart()` keeps them.
    public init(persistent: Bool = false, extraConfig: String = "") throws {
        folder = try TempFolder("mosquitto")
        port = try FreePort.find()
        configPath = try folder.write("mosquitto.conf", """
            per_listener_settings true
            listener \(port) 127.0.0.1
            set_tcp_nodelay true
            allow_anonymous true
            max_inflight_messages 0
            max_queued_messages 1000000
            persistence \(persistent)
            persistence_location \(folder.path)/
            autosave_interval 0
            # As root mosquitto would switch to the "mosquitto" user, which cannot read the test's files.
            user \(ProcessInfo.processInfo.userName)
            \(extraConfig)
            """)
        process = try Self.start(configPath, port: port)
    }

    static func start(_ config: String, port: Int) throws -> ChildProcess {
        let p = try ChildProcess(mosquittoPath, ["-c", config])
        try Wait.until("mosquitto listening on \(port)\n\(p.text)\n(config \(config))", seconds: 10) { FreePort.accepts(port) ? true : nil }
        return p
    }

    /// Stops the broker gracefully (it saves its state when persistent) and starts it again on the same port.
    public func restart() throws {
        try lock.withLock {
            process.stop()
            process = try Self.start(configPath, port: port)
        }
    }

    /// Stops the broker (a broker outage); `resume()` starts it again on the same port.
    public func pause() {
        lock.withLock { _ = process.stop() }
    }

    public func resume() throws {
        try lock.withLock { process = try Self.start(configPath, port: port) }
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
        let status = try publish(topic: topic, payload: payload, qos: qos, retain: retain, port: port, credentials: nil)
        guard status.0 == 0 else { throw Wait.TimedOut(description: "mosquitto_pub exited \(status.0): \(status.1)") }
    }

    /// Publishes with mosquitto_pub (MQTT 5 when logging in) to `port` as `credentials`; returns its
    /// exit status and output (a publish the broker refuses may still exit 0).
    @discardableResult
    public func publish(
        topic: String, payload: [UInt8], qos: Int = 1, retain: Bool = false, port: Int, credentials: (user: String, password: String)?
    ) throws -> (Int32, String) {
        let file = folder.file("payload-\(UUID().uuidString.prefix(8)).bin")
        try Data(payload).write(to: URL(fileURLWithPath: file))
        var args = ["-h", "127.0.0.1", "-p", "\(port)", "-q", "\(qos)", "-t", topic, "-f", file]
        if retain { args.append("-r") }
        if let credentials { args += ["-V", "mqttv5", "-u", credentials.user, "-P", credentials.password] }
        let pub = try ChildProcess("/usr/bin/mosquitto_pub", args)
        return (try pub.waitForExit(seconds: 10), pub.text)
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
        lock.withLock { _ = process.stop() }
        folder.remove()
    }

    /// The broker's log so far.
    public var output: String { lock.withLock { process.text } }
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
