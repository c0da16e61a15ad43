import ArgumentParser
import FireWatchMQTT
import Foundation

/// `firewatch-bench`: measurements behind docs/BENCHMARKS.md, and the load generator tests use.
@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "firewatch-bench",
        abstract: "FireWatch benchmarks and load generator.",
        subcommands: [Ingest.self, Latency.self, GB26875.self, Publish.self])
}

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Ingest rate of firewatchd against a bare libmosquitto subscriber on the same broker.")
    @Option(help: "Messages per phase.") var count = 100_000
    @Option(help: "Registered devices the messages are spread over.") var devices = 5_000
    @Option(help: "Publisher's QoS 1 send window (unacknowledged messages).") var window = 1_000
    @Option(help: "raw (GB/T 26875.3 frames) or chirpstack (LoRaWAN smoke alarms in ChirpStack v4 uplinks).") var envelope = "chirpstack"
    @Option(help: "Device model registered for the fleet.") var model: String?
    @Option(help: "firewatchd to measure.") var daemon = ".build/release/firewatchd"

    func run() throws {
        guard let kind = BenchPayloads.Kind(rawValue: envelope) else { throw ValidationError("envelope must be raw or chirpstack") }
        let bench = IngestBenchmark(
            count: count, devices: devices, window: window, payloads: BenchPayloads(kind: kind, devices: devices),
            daemonPath: daemon, model: model ?? (kind == .raw ? "gb26875/uitd" : "netvox/ra02a"))
        let r = try bench.run()
        print(String(
            format: "ingest %@: %d messages over %d devices, window %d: bare %.0f msg/s; firewatchd journal %.0f msg/s (ratio %.2f), "
                + "end to end %.0f msg/s (ratio %.2f); RSS %.1f MiB (peak %.1f MiB)",
            envelope, count, devices, window, r.bareRate, r.daemonRate, r.ratio, r.pipelineRate, r.pipelineRatio,
            Double(r.daemonRSSKiB) / 1024, Double(r.daemonPeakKiB) / 1024))
    }
}

struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Publish unique QoS 1 messages and wait for every PUBACK (load generator).")
    @Option(help: "Broker host.") var host = "127.0.0.1"
    @Option(help: "Broker port.") var port = 1883
    @Option(help: "Messages to publish.") var count = 20_000
    @Option(help: "Messages per second (default: as fast as the window allows).") var rate: Double?
    @Option(help: "Devices the messages are spread over.") var devices = 1
    @Option(help: "Send window.") var window = 100
    @Option(help: "raw or chirpstack.") var envelope = "raw"
    @Option(help: "MQTT client id (persistent session).") var clientID = "firewatch-bench-publisher"

    func run() throws {
        guard let kind = BenchPayloads.Kind(rawValue: envelope) else { throw ValidationError("envelope must be raw or chirpstack") }
        let payloads = BenchPayloads(kind: kind, devices: devices)
        let pub = try MQTTPublisher(host: host, port: port, clientID: clientID, window: window)
        let seconds = try pub.run(count: count, rate: rate, progress: PublishProgress("publish", total: count), message: payloads.message)
        pub.close()
        print(String(format: "published %d messages in %.2f s (%.0f msg/s), all acknowledged", count, seconds, Double(count) / seconds))
    }
}

struct Latency: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fire alarm → rank-1 page latency under background traffic, and idle after a large fleet reported.")
    @Option(help: "LoRaWAN smoke alarms behind ChirpStack that carry the background traffic.") var smoke = 5_000
    @Option(help: "Background rates in messages per second, comma-separated (0 = idle).") var rates = "0,2000,5000,10000,20000"
    @Option(help: "Fire alarms per rate, one a second, each from a new GB/T 26875.3 panel.") var alarms = 30
    @Option(help: "Registered devices that each report once before the idle alarms of the last row (0: skip).") var fleet = 200_000
    @Option(help: "firewatchd to measure.") var daemon = ".build/release/firewatchd"

    func run() throws {
        let parsed = rates.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !parsed.isEmpty else { throw ValidationError("--rates must list numbers, e.g. 0,2000,10000") }
        let rows = try LatencyBenchmark(smokeDevices: smoke, rates: parsed, alarms: alarms, bigFleet: fleet, daemonPath: daemon).run()
        print("| background | paged within 10 s | p50 ms | p99 ms | max ms | lag at end | note |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
        for r in rows {
            let ms = { (v: Double?) in v.map { String(format: "%.1f", $0 * 1000) } ?? "-" }
            print("| \(r.label) | \(r.latencies.count)/\(r.expected) | \(ms(r.percentile(0.5))) | \(ms(r.percentile(0.99))) | \(ms(r.latencies.max())) | \(Int(r.lagAtEnd)) | \(r.note) |")
        }
    }
}

struct GB26875: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gb26875",
        abstract: "Transmission devices over TCP: confirm latency and fire alarm → page latency with many devices connected.")
    @Option(help: "UITDs connected and heartbeating.") var devices = 1_000
    @Option(help: "Fire alarms, one a second, each from a panel of its own.") var alarms = 30
    @Option(help: "Heartbeat interval of the connected UITDs (s).") var heartbeat: Double = 5
    @Option(help: "firewatchd to measure.") var daemon = ".build/release/firewatchd"

    func run() throws {
        let r = try GB26875Benchmark(devices: devices, alarms: alarms, heartbeatSeconds: heartbeat, daemonPath: daemon).run()
        func p(_ v: [Double], _ q: Double) -> String {
            guard !v.isEmpty else { return "-" }
            let s = v.sorted()
            return String(format: "%.1f", s[min(s.count - 1, Int((q * Double(s.count)).rounded(.up)) - 1)] * 1000)
        }
        print("| connections | frames confirmed | confirm p50 ms | confirm p99 ms | confirm max ms | alarms paged | page p50 ms | page p99 ms | never confirmed | RSS MiB |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        print("| \(r.connected) | \(r.confirmLatencies.count) | \(p(r.confirmLatencies, 0.5)) | \(p(r.confirmLatencies, 0.99)) | "
            + "\(p(r.confirmLatencies, 1)) | \(r.pageLatencies.count)/\(alarms) | \(p(r.pageLatencies, 0.5)) | \(p(r.pageLatencies, 0.99)) | "
            + "\(r.gaveUp) | \(String(format: "%.0f", r.rssMiB)) |")
    }
}
