import FireWatchCore
import FireWatchTestKit
import Foundation
import Testing

extension Integration {
    /// One real path: a GB/T 26875.3 fire alarm over a real mosquitto reaches the nearest *available*
    /// station's dispatch topic and the operator stream, with a real SQLite file and real HTTP.
    @Suite(.serialized) struct WalkingSkeletonTests {
        @Test func fireAlarmPagesNearestAvailableStationAndReachesTheStream() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations)
            defer { daemon.stop(); daemon.folder.remove() }

            let dispatches = try broker.subscribe("firewatch/stations/+/dispatch")
            defer { dispatches.stop() }
            try broker.publish(topic: "devices/\(Fixtures.device)/up", payload: Fixtures.componentFireAlarm())

            let line = try dispatches.waitFor("firewatch/stations/ms-near/dispatch {")
            #expect(!line.contains("firewatch/stations/ms-busy/"))
            #expect(!line.contains("firewatch/stations/ms-oos/"))
            let json = try #require(line.split(separator: "\n").first { $0.hasPrefix("firewatch/stations/ms-near/dispatch ") })
                .split(separator: " ", maxSplits: 1)[1]
            let order = try Timestamps.decoder().decode(DispatchOrder.self, from: Data(json.utf8))
            #expect(order.stationID == "ms-near")
            #expect(order.rank == 1)
            let expectedDistance = Fixtures.building.distanceMeters(to: GeoPoint(lat: 31.2430, lon: 121.4300))
            #expect(abs(order.distanceMeters - expectedDistance) < 2)
            #expect(abs(order.etaSeconds - 1.3 * expectedDistance / (15_000.0 / 3600)) < 2)
            #expect(order.skipped.map(\.stationID).sorted() == ["ms-busy", "ms-oos"])

            // The alarm on the operator stream, through the CLI a duty officer uses.
            let tail = try ChildProcess(
                Repository.executable("firewatch"),
                ["tail", "--json", "--since", "10m", "--kind", "alarm.raised", "--count", "1", "--server", daemon.baseURL])
            #expect(try tail.waitForExit(seconds: 20) == 0)
            let event = try Timestamps.decoder().decode(FeedEvent.self, from: Data(tail.text.utf8))
            #expect(event.type == .alarmRaised)
            #expect(event.alarm?.id == order.alarmID)
            #expect(event.alarm?.device == Fixtures.device)
            #expect(event.seq > 0)

            // The retained alarm object, and the HTTP API agree.
            let retained = try broker.subscribe("firewatch/alarms/\(order.alarmID)", count: 1)
            try retained.waitFor("\"id\":\"\(order.alarmID)\"")
            let (status, body) = try daemon.get("/api/v1/alarms")
            #expect(status == 200)
            #expect(body.contains(order.alarmID))
            #expect(daemon.stop() == 0)
        }

        @Test func repeatsFoldIntoOneAlarmAcrossARestart() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let folder = try TempFolder("firewatchd")
            defer { folder.remove() }
            var daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, folder: folder)
            try broker.publish(topic: "devices/\(Fixtures.device)/up", payload: Fixtures.componentFireAlarm())
            try broker.publish(topic: "devices/\(Fixtures.device)/up", payload: Fixtures.componentFireAlarm())
            try Wait.until("count 2") { try daemon.get("/api/v1/alarms").1.contains("\"count\":2") ? true : nil }
            #expect(daemon.stop() == 0)

            daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, folder: folder)
            defer { daemon.stop() }
            try broker.publish(topic: "devices/\(Fixtures.device)/up", payload: Fixtures.componentFireAlarm())
            let body = try Wait.until("count 3") { () -> String? in
                let b = try daemon.get("/api/v1/alarms").1
                return b.contains("\"count\":3") ? b : nil
            }
            let alarms = try Timestamps.decoder().decode([Alarm].self, from: Data(body.utf8))
            #expect(alarms.count == 1)
            // A different point of the same panel is a different episode.
            try broker.publish(topic: "devices/\(Fixtures.device)/up", payload: Fixtures.componentFireAlarm(zone: 4, position: 1))
            try Wait.until("second alarm") {
                let list = try Timestamps.decoder().decode([Alarm].self, from: Data(daemon.get("/api/v1/alarms").1.utf8))
                return list.count == 2 ? true : nil
            }
        }

        @Test func aLoRaWANSmokeAlarmBehindChirpStackIsUnwrappedDecodedAndDispatched() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations)
            defer { daemon.stop(); daemon.folder.remove() }
            let dispatches = try broker.subscribe("firewatch/stations/+/dispatch")
            defer { dispatches.stop() }
            let (topic, payload) = Fixtures.loraSmokeAlarm()
            try broker.publish(topic: topic, payload: payload)
            try dispatches.waitFor("\"device\":\"a840410001020304\"")
            let alarms = try Timestamps.decoder().decode([Alarm].self, from: Data(daemon.get("/api/v1/alarms").1.utf8))
            #expect(alarms.map(\.device) == ["a840410001020304"])
            #expect(alarms.first?.kind == .fire)
            #expect(alarms.first?.model == "netvox/ra02a")
        }
    }
}
