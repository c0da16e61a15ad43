import FireWatchDecoders
import FireWatchMQTT
import FireWatchTestKit
import Foundation

/// Fire alarm → page: a GB/T 26875.3 panel's component fire alarm, once a second from a new panel, while
/// a fleet of LoRaWAN smoke alarms behind ChirpStack reports at a background rate; each latency is from
/// the alarm's publish to the arrival of its rank-1 dispatch at a station's subscriber. Then, on a fresh
/// daemon, the same alarms when idle after a large fleet of registered devices has reported once.
struct LatencyBenchmark {
    var smokeDevices: Int
    var rates: [Double]
    var alarms: Int
    var bigFleet: Int
    var daemonPath: String

    struct Row {
        var label: String
        var latencies: [Double]
        var expected: Int
        /// Journal entries not yet processed when the row's alarms were all paged (or given up).
        var lagAtEnd: Double
        var note = ""

        func percentile(_ p: Double) -> Double? {
            guard !latencies.isEmpty else { return nil }
            let sorted = latencies.sorted()
            return sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
        }
    }

    let frames = GB26875FrameBuilder(timeZone: TimeZone(identifier: "Asia/Shanghai")!)

    func panelID(_ i: Int) -> String { String(format: "alarm-panel-%04d", i) }

    /// Panels that raise the measured alarms: each in its own building, so no alarm joins another's incident.
    func panelRegistryCSV(_ count: Int) -> String {
        (0..<count).map { i in
            "\(panelID(i)),gb26875/uitd,\(31.2300 + Double(i % 40) * 0.001),\(121.4200 + Double(i / 40) * 0.001),bench panel \(i),changshoulu,changshoulu-c01,b-panel-\(i),\n"
        }.joined()
    }

    func run() throws -> [Row] {
        var rows: [Row] = []
        let broker = try TestBroker()
        defer { broker.stop() }
        let folder = try TempFolder("latency")
        defer { folder.remove() }
        let smoke = BenchPayloads(kind: .chirpstack, devices: smokeDevices)
        let panels = alarms * (rates.count + 1)
        try folder.write("panels.csv", "id,model,lat,lon,address,street,community,building,heartbeat_s\n" + panelRegistryCSV(panels))
        try folder.write("smoke.yaml", smoke.registry(model: "netvox/ra02a"))
        log("latency: \(smokeDevices) ChirpStack smoke alarms and \(panels) GB/T 26875.3 panels; rates \(rates.map { Int($0) })")
        let daemon = try Daemon(path: daemonPath, broker: broker, folder: folder, registries: ["smoke.yaml", "panels.csv"])
        defer { daemon.stop() }
        let listener = try DispatchListener(host: "127.0.0.1", port: broker.port, filter: "firewatch/stations/+/dispatch")
        defer { listener.close() }
        let alarmPublisher = try MQTTPublisher(host: "127.0.0.1", port: broker.port, clientID: "bench-alarms", window: 100)
        defer { alarmPublisher.close() }

        var offset = 0
        for (r, rate) in rates.enumerated() {
            let seconds = Double(alarms) + 3
            let background = rate > 0 ? Background(port: broker.port, rate: rate, count: Int(rate * seconds), offset: offset, payloads: smoke) : nil
            offset += Int(rate * seconds)
            if background != nil { Thread.sleep(forTimeInterval: 2) }
            let devices = (0..<alarms).map { panelID(r * alarms + $0) }
            let decidedBefore = try daemon.decided()
            let latencies = try raise(devices, publisher: alarmPublisher, listener: listener)
            let lag = (try? daemon.metrics.value("firewatch_pipeline_lag_messages")) ?? 0
            let decided = try daemon.decided()
            background?.finish()
            let meanDecided = decided.count > decidedBefore.count
                ? (decided.sum - decidedBefore.sum) / (decided.count - decidedBefore.count) * 1000 : 0
            let meanTotal = latencies.isEmpty ? 0 : latencies.reduce(0, +) / Double(latencies.count) * 1000
            let note = String(format: "mean %.1f ms: received → decided %.1f ms in the daemon", meanTotal, meanDecided)
            rows.append(Row(label: rate == 0 ? "idle" : "\(Int(rate)) msg/s", latencies: latencies, expected: alarms, lagAtEnd: lag, note: note))
            log("  \(rows.last!.label): \(latencies.count)/\(alarms) paged")
        }
        if bigFleet > 0 { rows.append(try afterBigFleet(broker: broker, folder: folder, panels: panels)) }
        return rows
    }

    /// A fresh daemon with `bigFleet` more registered panels, each reporting once, then idle alarms.
    func afterBigFleet(broker: TestBroker, folder: TempFolder, panels: Int) throws -> Row {
        let fleet = BenchPayloads(kind: .raw, devices: bigFleet)
        var csv = "id,model,lat,lon,address,street,community,building,heartbeat_s\n" + panelRegistryCSV(panels)
        for i in 0..<bigFleet {
            csv += "\(fleet.deviceID(i)),gb26875/uitd,\(31.20 + Double(i % 300) * 0.0002),\(121.38 + Double(i / 300 % 300) * 0.0002),fleet \(i),changshoulu,changshoulu-c01,,\n"
        }
        let big = try TempFolder("latency-big")
        defer { big.remove() }
        try big.write("fleet.csv", csv)
        log("big fleet: \(bigFleet) registered panels report once")
        let started = Date()
        let daemon = try Daemon(path: daemonPath, broker: broker, folder: big, registries: ["fleet.csv"], clientID: "firewatchd-bench-big")
        defer { daemon.stop() }
        let readySeconds = Date().timeIntervalSince(started)
        let readyRSS = daemon.rssMiB()
        let publisher = try MQTTPublisher(host: "127.0.0.1", port: broker.port, clientID: "bench-fleet", window: 1000)
        _ = try publisher.run(count: bigFleet, rate: nil, progress: PublishProgress("fleet", total: bigFleet), message: fleet.message)
        publisher.close()
        let deadline = Date().addingTimeInterval(600)
        while (try daemon.metrics.value("firewatch_pipeline_messages_total") ?? 0) < Double(bigFleet) {
            guard Date() < deadline else { throw BenchError("the fleet's reports were not processed in time") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let listener = try DispatchListener(host: "127.0.0.1", port: broker.port, filter: "firewatch/stations/+/dispatch")
        defer { listener.close() }
        let alarmPublisher = try MQTTPublisher(host: "127.0.0.1", port: broker.port, clientID: "bench-alarms-big", window: 100)
        defer { alarmPublisher.close() }
        let devices = (0..<alarms).map { panelID(rates.count * alarms + $0) }
        let latencies = try raise(devices, publisher: alarmPublisher, listener: listener)
        let note = String(format: "ready %.2f s at %.0f MiB RSS; %.0f MiB after every device reported", readySeconds, readyRSS, daemon.rssMiB())
        log("  idle after \(bigFleet) devices: \(latencies.count)/\(alarms) paged; \(note)")
        return Row(label: "idle after \(bigFleet) devices reported", latencies: latencies, expected: alarms, lagAtEnd: 0, note: note)
    }

    /// One component fire alarm a second, one per device; the publish → rank-1 page latencies of those paged within 10 s.
    func raise(_ devices: [String], publisher: MQTTPublisher, listener: DispatchListener) throws -> [Double] {
        var sent: [(String, Date)] = []
        let start = Date()
        for (k, device) in devices.enumerated() {
            let wait = start.addingTimeInterval(Double(k)).timeIntervalSinceNow
            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
            let frame = frames.componentStates(
                [.init(componentType: 40, zone: UInt16(k + 1), position: 1, state: GB26875FrameBuilder.StateBit.fireAlarm,
                       description: Array("bench fire".utf8))], at: Date())
            let at = Date()
            try publisher.publish(topic: "devices/\(device)/up", payload: frame)
            sent.append((device, at))
        }
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, sent.contains(where: { listener.pagedAt($0.0) == nil }) { Thread.sleep(forTimeInterval: 0.01) }
        let latencies = sent.map { device, at in listener.pagedAt(device).map { $0.timeIntervalSince(at) } }
        // The slowest three and when in the row they came: a first-alarm cost and a periodic stall look different.
        let worst = latencies.enumerated().compactMap { k, l in l.map { (k, $0) } }.sorted { $0.1 > $1.1 }.prefix(3)
        log("  slowest: " + worst.map { k, l in
            let decided = listener.decidedAt.withLock { $0[sent[k].0] }.map { $0.timeIntervalSince(sent[k].1) * 1000 } ?? .nan
            return String(format: "#%d %.1f ms (decided at %.1f ms)", k + 1, l * 1000, decided)
        }.joined(separator: ", "))
        return latencies.compactMap { $0 }.filter { $0 <= 10 }
    }

    /// Routine traffic at a steady rate on its own connection and thread.
    final class Background: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)

        init(port: Int, rate: Double, count: Int, offset: Int, payloads: BenchPayloads) {
            Thread.detachNewThread { [done] in
                defer { done.signal() }
                do {
                    let pub = try MQTTPublisher(host: "127.0.0.1", port: port, clientID: "bench-background-\(offset)", window: 1000)
                    _ = try pub.run(count: count, rate: rate, progress: PublishProgress("background", total: count)) { payloads.message(offset + $0) }
                    pub.close()
                } catch {
                    log("background publisher: \(error)")
                }
            }
        }

        func finish() { done.wait() }
    }

    /// firewatchd on a benchmark config: the given registries, the seeds' stations, raw and ChirpStack subscriptions.
    struct Daemon {
        let process: ChildProcess
        let metrics: MetricsScraper

        init(path: String, broker: TestBroker, folder: TempFolder, registries: [String], clientID: String = "firewatchd-bench", extraConfig: String = "") throws {
            let httpPort = try FreePort.find()
            // One registry file per daemon: the first holds the measured panels or the whole fleet.
            var registry = folder.file(registries[0])
            if registries.count > 1 {
                let csv = try registries.compactMap { $0.hasSuffix(".csv") ? try String(contentsOfFile: folder.file($0), encoding: .utf8) : nil }
                    .joined().split(separator: "\n").filter { !$0.hasPrefix("id,") }.joined(separator: "\n")
                let yaml = try registries.filter { $0.hasSuffix(".yaml") }.map { try String(contentsOfFile: folder.file($0), encoding: .utf8) }.joined()
                registry = try folder.write("registry.yaml", yaml + Self.yaml(fromCSV: csv))
            }
            let config = try folder.write("firewatch.yaml", """
                instance: bench
                mqtt:
                  url: \(broker.url)
                  client_id: \(clientID)
                  subscriptions:
                    - {filter: "devices/+/up", device_level: 2, envelope: raw}
                    - {filter: "application/+/device/+/event/up", device_level: 4, envelope: chirpstack}
                storage: {sqlite: \(folder.file("fw.sqlite"))}
                devices:
                  definitions: [\((repositoryRoot as NSString).appendingPathComponent("Devices"))]
                  registry: \(registry)
                stations: {file: \((repositoryRoot as NSString).appendingPathComponent("seeds/putuo/stations.yaml"))}
                http: {listen: 127.0.0.1:\(httpPort)}
                logging: {level: notice}
                \(extraConfig)
                """)
            process = try ChildProcess(path, ["--config", config])
            try process.waitFor(" notice ready ", seconds: 120)
            metrics = MetricsScraper(url: "http://127.0.0.1:\(httpPort)/metrics")
        }

        static func yaml(fromCSV csv: String) -> String {
            csv.split(separator: "\n").map { line in
                let f = line.split(separator: ",", omittingEmptySubsequences: false)
                return """
                    - id: \(f[0])
                      model: \(f[1])
                      location: {lat: \(f[2]), lon: \(f[3])}
                      address: "\(f[4])"
                      street: \(f[5])
                      community: \(f[6])
                    \(f[7].isEmpty ? "" : "  building: \(f[7])\n")
                    """
            }.joined()
        }

        func rssMiB() -> Double { Double(ProcessStats.memory(of: process.pid).rss) / 1024 }

        /// The daemon's received → decided histogram so far: (sum in seconds, count).
        func decided() throws -> (sum: Double, count: Double) {
            let text = try metrics.fetch()
            return (MetricsScraper.value("firewatch_dispatch_decided_seconds_sum", in: text) ?? 0,
                    MetricsScraper.value("firewatch_dispatch_decided_seconds_count", in: text) ?? 0)
        }

        func stop() { process.stop() }
    }
}
