import ArgumentParser
import FireWatchMQTT
import Foundation

/// `firewatch-bench`: measurements behind docs/BENCHMARKS.md, and the load generator tests use.
@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "firewatch-bench",
        abstract: "FireWatch benchmarks and load generator.",
        subcommands: [Ingest.self, Publish.self])
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
            format: "ingest %@: %d messages over %d devices, window %d: bare %.0f msg/s, firewatchd %.0f msg/s, ratio %.2f, firewatchd RSS %.1f MiB (peak %.1f MiB)",
            envelope, count, devices, window, r.bareRate, r.daemonRate, r.ratio, Double(r.daemonRSSKiB) / 1024, Double(r.daemonPeakKiB) / 1024))
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
