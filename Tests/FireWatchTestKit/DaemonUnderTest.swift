import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real `firewatchd` process on a config written into a temp folder: its own SQLite file, a real
/// broker, HTTP on a free loopback port.
public final class DaemonUnderTest: Sendable {
    public let folder: TempFolder
    public let httpPort: Int
    public let configPath: String
    public let process: ChildProcess

    /// `registry` and `stations` are YAML texts; definitions are the repository's `Devices/`.
    /// `tokens` (YAML, `TOKEN: {name, role}`) is written to the tokens file; without it there is none.
    /// `mqttExtra` adds keys under `mqtt:` (one `key: value` per element). The client id comes from the
    /// folder, so a daemon restarted on the same folder resumes its broker session.
    public init(
        broker: TestBroker, registry: String, stations: String, folder existing: TempFolder? = nil,
        brokerURL: String? = nil, extraConfig: String = "", mqttExtra: [String] = [], ackTimeoutSeconds: Int = 60, tokens: String? = nil,
        environment: [String: String] = [:], launcher: [String] = [],
        waitUntilReady: Bool = true
    ) throws {
        let folder = try existing ?? TempFolder("firewatchd")
        self.folder = folder
        try folder.write("registry.yaml", registry)
        try folder.write("stations.yaml", stations)
        if let tokens { try folder.write("tokens.yaml", tokens) }
        let devices = (Repository.root as NSString).appendingPathComponent("Devices")
        func config(_ httpPort: Int) -> String {
            """
            instance: test
            timezone: Asia/Shanghai
            mqtt:
              url: \(brokerURL ?? broker.url)
              client_id: firewatchd-\((folder.path as NSString).lastPathComponent)
              subscriptions:
                - {filter: "devices/+/up", device_level: 2, envelope: raw}
                - {filter: "application/+/device/+/event/up", device_level: 4, envelope: chirpstack}
                - {filter: "v3/+/devices/+/up", device_level: 4, envelope: tts}
              topic_prefix: firewatch
              \(mqttExtra.joined(separator: "\n  "))
            storage:
              sqlite: \(folder.file("firewatch.sqlite"))
            devices:
              definitions: [\(devices)]
              registry: \(folder.file("registry.yaml"))
            stations:
              file: \(folder.file("stations.yaml"))
              ack_timeout_s: \(ackTimeoutSeconds)
            http:
              listen: 127.0.0.1:\(httpPort)
              tokens_file: \(folder.file("tokens.yaml"))
            logging:
              level: debug
            \(extraConfig)
            """
        }
        // A port from FreePort can be taken by someone else before the daemon binds it (an outgoing
        // connection's ephemeral port): then the daemon exits saying so, and starts again on another.
        var attempt = 0
        while true {
            attempt += 1
            let port = try FreePort.find()
            let path = try folder.write("firewatch.yaml", config(port))
            // `launcher` runs the daemon through another program (`prlimit --nofile=300:300`).
            let command = launcher + [Repository.executable("firewatchd"), "--config", path]
            let started = try ChildProcess(command[0], Array(command.dropFirst()), environment: environment)
            guard waitUntilReady else {
                (httpPort, configPath, process) = (port, path, started)
                return
            }
            do {
                // The log line itself: "ready" alone also matches "already in use".
                try Wait.until(" notice ready \(started.command)\n\(started.text)", seconds: 30) { () -> Bool? in
                    if started.text.contains(" notice ready ") { return true }
                    if !started.isRunning { throw Wait.TimedOut(description: "firewatchd exited:\n\(started.text)") }
                    return nil
                }
                (httpPort, configPath, process) = (port, path, started)
                return
            } catch {
                started.stop()
                guard attempt < 3, started.text.contains("already in use") else { throw error }
            }
        }
    }

    public var baseURL: String { "http://127.0.0.1:\(httpPort)" }
    public var databasePath: String { folder.file("firewatch.sqlite") }

    /// SIGTERM, wait for exit; returns the exit status.
    @discardableResult
    public func stop() -> Int32? { process.stop() }

    /// GET a path; returns (status, body), status 0 when nothing answered within 10 s. In this
    /// process (URLSession), not through curl: a child's output read through a pipe could come late.
    public func get(_ path: String) throws -> (Int, String) {
        guard let url = URL(string: "\(baseURL)\(path)") else { return (0, "") }
        var request = URLRequest(url: url)
        request.timeoutInterval = 10
        let done = DispatchSemaphore(value: 0)
        let box = HTTPAnswer()
        URLSession.shared.dataTask(with: request) { data, response, _ in
            box.set((response as? HTTPURLResponse)?.statusCode ?? 0, data.map { String(decoding: $0, as: UTF8.self) } ?? "")
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + 15)
        return box.value
    }
}

/// One HTTP answer handed from URLSession's queue to the waiting test.
final class HTTPAnswer: @unchecked Sendable {
    private let lock = NSLock()
    private var answer: (Int, String) = (0, "")
    func set(_ status: Int, _ body: String) { lock.withLock { answer = (status, body) } }
    var value: (Int, String) { lock.withLock { answer } }
}
