import FireWatchCore
import FireWatchDecoders
import FireWatchTestKit
import Foundation
import Testing

extension Integration {
    /// The hazard pipeline over MQTT with real device payloads, read back through the API.
    @Suite(.serialized) struct HazardPipelineTests {
        static let registry = Fixtures.registry + """

            - id: ct-t1
              model: milesight/ct101
              location: {lat: 31.2403, lon: 121.4303}
              address: "长寿路 100 号 配电间"
              street: changshoulu
              community: changshoulu-c01
              building: b-100-3
            - id: hb-t1
              model: gb26875/uitd
              location: {lat: 31.2404, lon: 121.4304}
              address: "长寿路 102 号"
              street: changshoulu
              community: changshoulu-c01
              heartbeat_s: 2
            """

        func hazards(_ d: DaemonUnderTest, _ state: String = "all") throws -> [Hazard] {
            try Timestamps.decoder().decode([Hazard].self, from: Data(d.get("/api/v1/hazards?state=\(state)").1.utf8))
        }

        @Test func coincidenceConfirmsAndTheIndexRises() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(broker: broker, registry: Self.registry, stations: Fixtures.stations)
            defer { daemon.stop(); daemon.folder.remove() }
            // One detector: an open, unconfirmed fire alarm.
            try broker.publish(topic: "devices/uitd-t1/up", payload: Fixtures.componentFireAlarm(zone: 3, position: 1))
            let first = try Wait.until("first alarm") { try daemon.alarms().first { $0.device == "uitd-t1" } }
            #expect(first.kind == .fire && first.isOpen && !first.confirmed)
            // A second detector of the same building within the window confirms.
            try broker.publish(topic: "devices/uitd-t2/up", payload: Fixtures.componentFireAlarm(zone: 8, position: 2))
            try Wait.until("confirmed") { try daemon.alarms().contains { $0.confirmed } ? true : nil }
            let index = try daemon.get("/api/v1/hazard-index?level=street").1
            let entries = try JSONDecoder().decode([HazardIndexEntry].self, from: Data(index.utf8))
            let street = try #require(entries.first { $0.id == "changshoulu" })
            #expect(street.score > 0)
            #expect(street.openFireAlarms >= 1)
        }

        @Test func anOverCurrentRecordOpensAnElectricalWarning() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(broker: broker, registry: Self.registry, stations: Fixtures.stations)
            defer { daemon.stop(); daemon.folder.remove() }
            // Milesight CT101 channel 84 98: max 100 A, min 10 A, current 100 A, alarm bit0 (threshold alarm → over_current).
            let record: [UInt8] = [0x84, 0x98, 0x10, 0x27, 0xE8, 0x03, 0x10, 0x27, 0x01]
            try broker.publish(topic: "application/7/device/ct-t1/event/up",
                               payload: Envelope.wrap("chirpstack", bytes: record, fport: 85, deviceID: "ct-t1", at: Date()))
            let hazard = try Wait.until("electrical_warning") { try hazards(daemon).first { $0.device == "ct-t1" } }
            #expect(hazard.kind == .electricalWarning)
            #expect(hazard.state == .open)
        }

        @Test func aSilentDeviceGoesOfflineAndComesBack() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(broker: broker, registry: Self.registry, stations: Fixtures.stations)
            defer { daemon.stop(); daemon.folder.remove() }
            let beat = Fixtures.frames.heartbeat(at: Date())
            try broker.publish(topic: "devices/hb-t1/up", payload: beat)
            let offline = try Wait.until("offline hazard", seconds: 20) { try hazards(daemon).first { $0.device == "hb-t1" && $0.kind == .offline } }
            #expect(offline.state == .open)
            try broker.publish(topic: "devices/hb-t1/up", payload: Fixtures.frames.heartbeat(at: Date()))
            try Wait.until("offline closed") { try hazards(daemon).first { $0.id == offline.id && $0.state == .closed } }
        }

        @Test func aSuppressedPanelsFireAlarmIsRecordedNotDispatched() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(
                broker: broker, registry: Self.registry, stations: Fixtures.stations, tokens: "op-token: {name: op, role: operator}\n")
            defer { daemon.stop(); daemon.folder.remove() }
            let curl = try ChildProcess("/usr/bin/curl", [
                "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H", "Authorization: Bearer op-token",
                "-H", "Content-Type: application/json", "-d", #"{"reason": "maintenance", "minutes": 30}"#,
                "\(daemon.baseURL)/api/v1/devices/uitd-t1/suppress",
            ])
            _ = try curl.waitForExit()
            #expect(curl.text == "200", "suppress answered \(curl.text); the daemon said:\n\(daemon.process.text.suffix(4000))")
            let pages = try broker.subscribe("firewatch/stations/+/dispatch")
            defer { pages.stop() }
            try broker.publish(topic: "devices/uitd-t1/up", payload: Fixtures.componentFireAlarm())
            let events = try Wait.until("recorded") { () -> String? in
                let tail = try ChildProcess(Repository.executable("firewatch"), ["tail", "--json", "--since", "10m", "--count", "1", "--server", daemon.baseURL, "--token", "op-token"])
                _ = try tail.waitForExit()
                return tail.text.contains("uitd-t1") ? tail.text : nil
            }
            #expect(events.contains("\"resolution\":\"test\"") || events.contains("not dispatched"))
            // A control device without suppression is dispatched, so the silence above means something.
            try broker.publish(topic: "devices/uitd-t2/up", payload: Fixtures.componentFireAlarm())
            try pages.waitFor("\"device\":\"uitd-t2\"")
            #expect(!pages.text.contains("\"device\":\"uitd-t1\""))
        }
    }
}
