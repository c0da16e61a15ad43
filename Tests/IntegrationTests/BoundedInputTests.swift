import FireWatchCore
import FireWatchMQTT
import FireWatchTestKit
import Foundation
import Testing

extension Integration {
    /// Input sized by whoever is on the network is bounded in bytes (issue 12).
    @Suite struct BoundedInputTests {
        static func rssKiB(_ pid: Int32) -> Int {
            let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
            let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        }

        /// Publishes `count` messages and waits until the pipeline has processed them all.
        static func flood(_ daemon: DaemonUnderTest, _ broker: TestBroker, count: Int, topic: (Int) -> String) throws {
            let before = try daemon.metric("firewatch_pipeline_messages_total")
            let publisher = try MQTTPublisher(host: "127.0.0.1", port: broker.port, clientID: "flood-\(UUID().uuidString.prefix(6))", window: 200)
            defer { publisher.close() }
            _ = try publisher.run(count: count, rate: nil, progress: PublishProgress("flood", total: count)) { i in (topic(i), Array("{}".utf8)) }
            try Wait.until("\(count) messages processed", seconds: 120) {
                try daemon.metric("firewatch_pipeline_messages_total") >= before + Double(count) ? true : nil
            }
        }

        @Test func aFloodOfUniqueUnknownIdsGrowsMemoryNoMoreThanOneRepeatedId() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations)
            defer { daemon.stop(); daemon.folder.remove() }
            let long = String(repeating: "x", count: 10_000)
            // Warm up, then the control: the same bytes journaled, under one repeated unknown id.
            try Self.flood(daemon, broker, count: 500) { _ in "devices/warm-\(long)/up" }
            let r0 = Self.rssKiB(daemon.process.pid)
            try Self.flood(daemon, broker, count: 3_000) { _ in "devices/same-\(long)/up" }
            let r1 = Self.rssKiB(daemon.process.pid)
            try Self.flood(daemon, broker, count: 3_000) { i in "devices/\(i)-\(long)/up" }
            let r2 = Self.rssKiB(daemon.process.pid)
            // 3,000 unique 10 kB ids kept anywhere would be 30 MB over the control.
            #expect(r2 - r1 <= max(r1 - r0, 0) + 8 * 1024, "RSS KiB: \(r0) → \(r1) (one id) → \(r2) (unique ids)")
            #expect(try daemon.metric("firewatch_unknown_devices_total") >= 6_500)
        }

        @Test func aPayloadOverTheLimitIsJournaledAndCountedNeverDecoded() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations,
                                             mqttExtra: ["max_payload_bytes: 65536"])
            defer { daemon.stop(); daemon.folder.remove() }
            // A fire alarm frame padded past the limit: never decoded, so never an alarm.
            try broker.publish(topic: "devices/uitd-t1/up", payload: Fixtures.componentFireAlarm() + [UInt8](repeating: 0x20, count: 70_000))
            try Wait.until("counted") { try daemon.metric("firewatch_ingest_oversize_total") >= 1 ? true : nil }
            #expect(try daemon.get("/api/v1/alarms").1.contains("uitd-t1") == false)
            #expect(try daemon.metric("firewatch_decode_errors_total") == 0)
            let journal = try ChildProcess(Repository.executable("firewatch"), ["journal", "--db", daemon.databasePath])
            #expect(try journal.waitForExit() == 0)
            #expect(journal.text.count > 70_000 * 4 / 3, "the whole payload stays in the journal")
            try daemon.process.waitFor("payload over mqtt.max_payload_bytes")
            // A message under the limit is decoded as before.
            try broker.publish(topic: "devices/uitd-t1/up", payload: Fixtures.componentFireAlarm())
            try Wait.until("the alarm") { try daemon.get("/api/v1/alarms").1.contains("uitd-t1") ? true : nil }
        }
    }
}
