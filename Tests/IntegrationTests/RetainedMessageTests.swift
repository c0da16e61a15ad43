import FireWatchCore
import FireWatchTestKit
import Foundation
import Testing

extension Integration {
    /// A retained message is what the broker kept from before this session subscribed: journaled with its
    /// flag, never taken as news (issue 12).
    @Suite struct RetainedMessageTests {
        @Test func aStaleRetainedFireAlarmIsJournaledButRaisesNothing() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            try broker.publish(topic: "devices/uitd-t1/up", payload: Fixtures.componentFireAlarm(), retain: true)
            let daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations)
            defer { daemon.stop(); daemon.folder.remove() }

            // Processed by the pipeline, then nothing was raised.
            try Wait.until("the retained message processed") { try daemon.metric("firewatch_pipeline_messages_total") >= 1 ? true : nil }
            #expect(try daemon.get("/api/v1/alarms").1.contains("uitd-t1") == false)
            let journal = try ChildProcess(Repository.executable("firewatch"), ["journal", "--db", daemon.databasePath])
            #expect(try journal.waitForExit() == 0)
            #expect(journal.text.contains("\"retained\":true") && journal.text.contains("devices/uitd-t1/up"), "\(journal.text)")
            try daemon.process.waitFor("retained message; journaled, not decoded")

            // The same alarm sent live is news.
            try broker.publish(topic: "devices/uitd-t1/up", payload: Fixtures.componentFireAlarm())
            try Wait.until("the live alarm raised") { try daemon.get("/api/v1/alarms").1.contains("uitd-t1") ? true : nil }
        }
    }
}
