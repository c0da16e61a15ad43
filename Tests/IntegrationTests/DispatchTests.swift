import FireWatchCore
import FireWatchTestKit
import Foundation
import Testing

extension Integration {
    /// Micro-station dispatch over a real broker: page, re-page on silence or decline (never one station
    /// twice), brigade escalation as CAP 1.2, and the station's answers driving the alarm.
    @Suite(.serialized) struct DispatchTests {
        func answer(_ broker: TestBroker, station: String, _ json: String) throws {
            try broker.publish(topic: "firewatch/stations/\(station)/ack", payload: Array(json.utf8))
        }

        @Test func silenceRepagesInETAOrderNeverTwiceThenTheBrigadeGetsCAP() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, ackTimeoutSeconds: 3)
            defer { daemon.stop(); daemon.folder.remove() }
            let pages = try broker.subscribe("firewatch/stations/+/dispatch")
            defer { pages.stop() }
            let brigade = try broker.subscribe("firewatch/brigade/alerts")
            defer { brigade.stop() }
            try broker.publish(topic: "devices/uitd-t1/up", payload: Fixtures.componentFireAlarm())

            let all = try Wait.until("three pages", seconds: 30) { () -> [DispatchOrder]? in
                let o = pages.dispatchOrders
                return o.count >= 3 ? o : nil
            }
            #expect(all.map(\.stationID) == ["ms-near", "ms-far", "ms-farther"])
            #expect(all.map(\.rank) == [1, 2, 3])
            #expect(Set(all.map(\.alarmID)).count == 1)
            for o in all {
                let expected = 1.3 * o.location.distanceMeters(to: stationLocation(o.stationID)) / (15_000.0 / 3600)
                #expect(abs(o.etaSeconds - expected) <= expected * 0.1)
            }
            // Re-pages only after the 3 s deadline, never before.
            #expect(all[1].at.timeIntervalSince(all[0].at) >= 2.9)
            let cap = try brigade.waitFor("</alert>")
            #expect(cap.contains("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"))
            #expect(cap.contains("<category>Fire</category>"))
            #expect(cap.contains("<circle>"))
            // Nobody is left: no fourth page, and the escalation is on the stream.
            try Wait.until("escalated event") { try daemon.get("/api/v1/alarms/\(all[0].alarmID)").1.contains("\"to\":\"escalated\"") ? true : nil }
            #expect(pages.dispatchOrders.count == 3)
        }

        func status(_ daemon: DaemonUnderTest, _ id: String) throws -> Station.Status? {
            let stations = try Timestamps.decoder().decode([Station].self, from: Data(daemon.get("/api/v1/stations").1.utf8))
            return stations.first { $0.id == id }?.status
        }

        func stationLocation(_ id: String) -> GeoPoint {
            ["ms-near": GeoPoint(lat: 31.2430, lon: 121.4300), "ms-far": GeoPoint(lat: 31.2500, lon: 121.4300),
             "ms-farther": GeoPoint(lat: 31.2600, lon: 121.4300)][id]!
        }

        @Test func theAPISetsAStationsAvailability() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(
                broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, tokens: "op: {name: duty, role: operator}\n")
            defer { daemon.stop(); daemon.folder.remove() }
            let curl = try ChildProcess("/usr/bin/curl", [
                "-s", "-w", "\n%{http_code}", "-X", "POST", "-H", "Authorization: Bearer op", "-H", "Content-Type: application/json",
                "-d", #"{"status": "out_of_service"}"#, "\(daemon.baseURL)/api/v1/stations/ms-near/status",
            ])
            _ = try curl.waitForExit()
            #expect(curl.text.hasSuffix("200"), "\(curl.text)")
            #expect(curl.text.contains("\"status\":\"out_of_service\""))
            let pages = try broker.subscribe("firewatch/stations/+/dispatch")
            defer { pages.stop() }
            try broker.publish(topic: "devices/uitd-t1/up", payload: Fixtures.componentFireAlarm())
            let first = try Wait.until("page") { pages.dispatchOrders.first }
            #expect(first.stationID == "ms-far")
        }

        @Test func answersMoveTheAlarmDeclinePagesNextAndOutOfServiceIsSkipped() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, ackTimeoutSeconds: 60)
            defer { daemon.stop(); daemon.folder.remove() }
            let pages = try broker.subscribe("firewatch/stations/+/dispatch")
            defer { pages.stop() }

            // ms-near goes out of service: the first alarm pages ms-far; its decline pages ms-farther at once.
            try broker.publish(topic: "firewatch/stations/ms-near/status", payload: Array(#"{"status": "out_of_service"}"#.utf8))
            try Wait.until("ms-near out of service") { try status(daemon, "ms-near") == .outOfService ? true : nil }
            try broker.publish(topic: "devices/uitd-t1/up", payload: Fixtures.componentFireAlarm(zone: 1, position: 1))
            let first = try Wait.until("first page") { pages.dispatchOrders.first }
            #expect(first.stationID == "ms-far")
            try answer(broker, station: "ms-far", #"{"dispatch_id": "\#(first.dispatchID)", "status": "declined"}"#)
            let second = try Wait.until("page after decline", seconds: 10) { pages.dispatchOrders.count >= 2 ? pages.dispatchOrders[1] : nil }
            #expect(second.stationID == "ms-farther")
            #expect(second.at.timeIntervalSince(first.at) < 60)

            // Back in service; a second alarm pages ms-near, which accepts, arrives and resolves it.
            try broker.publish(topic: "firewatch/stations/ms-near/status", payload: Array(#"{"status": "available"}"#.utf8))
            try Wait.until("ms-near available") { try status(daemon, "ms-near") == .available ? true : nil }
            // (Another building: a second detector of the first alarm's building would join its incident.)
            try broker.publish(topic: "devices/uitd-t3/up", payload: Fixtures.componentFireAlarm(zone: 7, position: 7))
            let page = try Wait.until("page to ms-near") { pages.dispatchOrders.first { $0.stationID == "ms-near" } }
            let retained = try broker.subscribe("firewatch/alarms/\(page.alarmID)")
            defer { retained.stop() }
            try retained.waitFor("firewatch/alarms/\(page.alarmID) {")
            for (status, state) in [("accepted", AlarmState.accepted), ("on_scene", .onScene)] {
                try answer(broker, station: "ms-near", #"{"dispatch_id": "\#(page.dispatchID)", "status": "\#(status)"}"#)
                try Wait.until("alarm \(state)") { try daemon.alarm(page.alarmID)?.state == state ? true : nil }
            }
            #expect(try status(daemon, "ms-near") == .busy)
            // The station view: what ms-near is working on, and whether its street is still covered.
            let view = try daemon.get("/api/v1/stations").1
            #expect(view.contains("\"open_dispatches\":[\"\(page.alarmID)/accepted\"]"))
            let list = try ChildProcess(Repository.executable("firewatch"), ["stations", "list", "--server", daemon.baseURL, "--lang", "en"])
            #expect(try list.waitForExit() == 0)
            #expect(list.text.contains("\(page.alarmID)/accepted"))
            try answer(broker, station: "ms-near", #"{"dispatch_id": "\#(page.dispatchID)", "status": "resolved", "cause": "false_alarm"}"#)
            let resolved = try Wait.until("resolved") { () -> Alarm? in
                let a = try daemon.alarm(page.alarmID)
                return a?.state == .resolved ? a : nil
            }
            #expect(resolved.resolution == .falseAlarm)
            #expect(resolved.acceptedAt != nil && resolved.onSceneAt != nil && resolved.resolvedAt != nil)
            // The retained alarm topic is cleared (an empty retained message).
            try Wait.until("retained topic cleared") {
                // mosquitto_sub -v prints an empty payload as "(null)".
                retained.text.split(separator: "\n").contains { $0 == "firewatch/alarms/\(page.alarmID) (null)" } ? true : nil
            }
            let fresh = try ChildProcess("/usr/bin/mosquitto_sub", ["-p", "\(broker.port)", "-t", "firewatch/alarms/\(page.alarmID)", "-C", "1", "-W", "2"])
            _ = try fresh.waitForExit(seconds: 10)
            #expect(!fresh.text.contains("{"))
        }
    }
}
