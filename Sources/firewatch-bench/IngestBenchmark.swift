import FireWatchMQTT
import FireWatchTestKit
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Ingest throughput: the same N QoS 1 messages through the same broker, first to a bare libmosquitto
/// subscriber, then to firewatchd (journal commit before PUBACK). Rates are from the first publish to
/// the last message consumed (bare: last message received; firewatchd: the ingest counter grown by N
/// for the journal, `firewatch_pipeline_messages_total` grown by N for end to end).
struct IngestBenchmark {
    var count: Int
    var devices: Int
    var window: Int
    var payloads: BenchPayloads
    var daemonPath: String
    var model: String

    struct Result {
        var bareRate: Double
        /// Journaled (PUBACKed) messages per second.
        var daemonRate: Double
        /// Messages per second through the whole pipeline (decoded, judged, committed).
        var pipelineRate: Double
        var daemonRSSKiB: Int
        var daemonPeakKiB: Int
        var ratio: Double { daemonRate / bareRate }
        var pipelineRatio: Double { pipelineRate / bareRate }
    }

    func run() throws -> Result {
        let broker = try TestBroker()
        defer { broker.stop() }
        let filter = payloads.kind == .raw ? "devices/+/up" : "application/+/device/+/event/up"

        log("phase 1: bare libmosquitto subscriber, \(count) messages over \(devices) devices")
        let bare = try BareSubscriber(host: "127.0.0.1", port: broker.port, filter: filter)
        let pub1 = try MQTTPublisher(host: "127.0.0.1", port: broker.port, clientID: "bench-pub-1", window: window)
        let start1 = Date()
        _ = try pub1.run(count: count, rate: nil, progress: PublishProgress("bare", total: count), message: payloads.message)
        let end1 = try bare.waitFor(count, seconds: 600)
        let bareRate = Double(count) / end1.timeIntervalSince(start1)
        bare.close()
        pub1.close()
        log(String(format: "bare subscriber: %.0f msg/s", bareRate))

        log("phase 2: firewatchd (\(daemonPath))")
        let folder = try TempFolder("bench")
        defer { folder.remove() }
        try folder.write("registry.yaml", payloads.registry(model: model))
        try folder.write("stations.yaml", "- {id: ms-1, name: bench, street: changshoulu, kind: community, location: {lat: 31.24, lon: 121.43}, status: available}\n")
        let httpPort = try FreePort.find()
        let config = try folder.write("firewatch.yaml", """
            instance: bench
            mqtt:
              url: \(broker.url)
              client_id: firewatchd-bench
              subscriptions:
                - {filter: "\(filter)", device_level: \(payloads.kind == .raw ? 2 : 4), envelope: \(payloads.kind.rawValue)}
            storage: {sqlite: \(folder.file("fw.sqlite"))}
            devices:
              definitions: [\((repositoryRoot as NSString).appendingPathComponent("Devices"))]
              registry: \(folder.file("registry.yaml"))
            stations: {file: \(folder.file("stations.yaml"))}
            http: {listen: 127.0.0.1:\(httpPort)}
            logging: {level: notice}
            """)
        let daemon = try ChildProcess(daemonPath, ["--config", config])
        defer { daemon.stop() }
        try daemon.waitFor(" notice ready ", seconds: 60)
        let metrics = MetricsScraper(url: "http://127.0.0.1:\(httpPort)/metrics")
        let baseline = try metrics.value("firewatch_ingest_messages_total") ?? 0
        let processedBaseline = try metrics.value("firewatch_pipeline_messages_total") ?? 0
        let cpuBefore = ProcessStats.cpuSeconds(of: daemon.pid)
        let pub2 = try MQTTPublisher(host: "127.0.0.1", port: broker.port, clientID: "bench-pub-2", window: window)
        let start2 = Date()
        _ = try pub2.run(count: count, rate: nil, progress: PublishProgress("firewatchd", total: count), message: payloads.message)
        var journalEnd: Date?
        var pipelineEnd: Date?
        let deadline = Date().addingTimeInterval(600)
        while pipelineEnd == nil {
            guard Date() < deadline else { throw BenchError("firewatchd did not process \(count) messages in time") }
            let text = try metrics.fetch()
            let now = Date()
            if journalEnd == nil, (MetricsScraper.value("firewatch_ingest_messages_total", in: text) ?? 0) >= baseline + Double(count) {
                journalEnd = now
            }
            if (MetricsScraper.value("firewatch_pipeline_messages_total", in: text) ?? 0) >= processedBaseline + Double(count) {
                pipelineEnd = now
                journalEnd = journalEnd ?? now
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        pub2.close()
        let daemonRate = Double(count) / journalEnd!.timeIntervalSince(start2)
        let pipelineRate = Double(count) / pipelineEnd!.timeIntervalSince(start2)
        let (rss, peak) = ProcessStats.memory(of: daemon.pid)
        let cpuPerMessage = (ProcessStats.cpuSeconds(of: daemon.pid) - cpuBefore) / Double(count) * 1e6
        log(String(format: "firewatchd: journal %.0f msg/s, pipeline %.0f msg/s, %.1f µs CPU per message, RSS %d KiB (peak %d KiB)",
                   daemonRate, pipelineRate, cpuPerMessage, rss, peak))
        return Result(bareRate: bareRate, daemonRate: daemonRate, pipelineRate: pipelineRate, daemonRSSKiB: rss, daemonPeakKiB: peak)
    }
}

/// Reads one sample from a Prometheus text endpoint.
struct MetricsScraper {
    let url: String

    func value(_ name: String) throws -> Double? {
        Self.value(name, in: try fetch())
    }

    /// The first sample of `name` (any labels) in Prometheus text.
    static func value(_ name: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            let parts = line.split(separator: " ")
            if parts.first == Substring(name) || parts.first?.hasPrefix(name + "{") == true, let v = parts.last.flatMap({ Double($0) }) {
                return v
            }
        }
        return nil
    }

    func fetch() throws -> String {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        URLSession.shared.dataTask(with: URL(string: url)!) { data, _, error in
            box.text = data.map { String(decoding: $0, as: UTF8.self) }
            box.error = error
            done.signal()
        }.resume()
        done.wait()
        if let e = box.error { throw e }
        return box.text ?? ""
    }

    final class ResultBox: @unchecked Sendable {
        var text: String?
        var error: (any Error)?
    }
}

let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

func log(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
