import FireWatchCore
import FireWatchTestKit
import Foundation
import Testing

extension Integration {
    /// One kitchen fire, two detectors: one incident, one station, one brigade alert, and no transition lost
    /// on either alarm (issue 11: copies of an alarm written back over each other lost `dispatched` and
    /// `confirmed`, and the second detector paged a station of its own).
    @Suite struct IncidentTests {
        @Test func aSecondDetectorOfTheBuildingJoinsTheIncidentAndEveryTransitionIsKept() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations)
            defer { daemon.stop(); daemon.folder.remove() }
            let pages = try broker.subscribe("firewatch/stations/+/dispatch")
            defer { pages.stop() }
            let brigade = try broker.subscribe("firewatch/brigade/alerts")
            defer { brigade.stop() }

            try broker.publish(topic: "devices/uitd-t1/up", payload: Fixtures.componentFireAlarm(zone: 3, position: 1))
            let page = try Wait.until("first page", seconds: 30) { pages.dispatchOrders.first }
            #expect(page.stationID == "ms-near")
            try broker.publish(topic: "devices/uitd-t2/up", payload: Fixtures.componentFireAlarm(zone: 8, position: 2))
            let second = try Wait.until("second alarm joined", seconds: 30) { () -> Alarm? in
                try daemon.alarms().first { $0.device == "uitd-t2" && $0.incident != nil }
            }
            #expect(second.incident == page.alarmID && second.station == "ms-near" && second.state == .dispatched)
            let first = try Wait.until("first confirmed", seconds: 30) { () -> Alarm? in
                let a = try daemon.alarm(page.alarmID)
                return a?.confirmed == true && a?.history.contains { $0.to == .escalated } == true ? a : nil
            }
            // The confirmation did not undo the dispatch.
            #expect(first.state == .dispatched && first.station == "ms-near" && first.dispatchedAt != nil)
            #expect(first.history.map(\.to).filter { $0 != .escalated } == [.raised, .dispatched, .confirmed])
            try brigade.waitFor("</alert>")

            // The station accepts the incident's page: both alarms are accepted, still confirmed.
            try broker.publish(topic: "firewatch/stations/ms-near/ack",
                               payload: Array(#"{"dispatch_id": "\#(page.dispatchID)", "status": "accepted"}"#.utf8))
            let accepted = try Wait.until("both accepted", seconds: 30) { () -> [Alarm]? in
                let all = try daemon.alarms().filter { $0.id == page.alarmID || $0.incident == page.alarmID }
                return all.count == 2 && all.allSatisfy({ $0.state == .accepted }) ? all : nil
            }
            for a in accepted {
                #expect(a.confirmed, "\(a.id) lost its confirmation")
                #expect(a.history.contains { $0.to == .confirmed } && a.history.contains { $0.to == .accepted })
            }
            #expect(accepted.first { $0.id == page.alarmID }?.history.contains { $0.to == .dispatched } == true)
            #expect(accepted.first { $0.id != page.alarmID }?.history.contains { $0.to == .joined } == true)

            // One station for one fire; one CAP alert for it.
            #expect(pages.dispatchOrders.count == 1)
            #expect(brigade.text.components(separatedBy: "</alert>").count - 1 == 1)
        }
    }
}
