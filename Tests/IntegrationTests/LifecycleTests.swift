import FireWatchCore
import FireWatchTestKit
import Foundation
import Testing

extension Integration {
    /// The daemon as systemd and operators see it: READY=1 when really ready, a graceful SIGTERM, and
    /// an event stream that resumes without gaps or repeats, also across a restart.
    @Suite(.serialized) struct LifecycleTests {
        @Test func notifiesReadyOnceConnectedAndStoppingOnSIGTERM() throws {
            let run = try NotifiedDaemon()
            defer { run.remove() }
            let (broker, notify, daemon) = (run.broker, run.notify, run.daemon)
            let status = try broker.subscribe("firewatch/daemon/test/status", count: 1)
            try status.waitFor("firewatch/daemon/test/status online")
            #expect(try daemon.get("/readyz").0 == 200)

            let offline = try broker.subscribe("firewatch/daemon/test/status")
            defer { offline.stop() }
            #expect(daemon.stop() == 0)
            try notify.waitFor("STOPPING=1")
            try offline.waitFor("firewatch/daemon/test/status offline")
        }

        @Test func readyzIsFalseWhileTheBrokerIsDown() throws {
            let broker = try TestBroker()
            let folder = try TempFolder("firewatchd")
            defer { folder.remove() }
            let daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, folder: folder)
            defer { daemon.stop() }
            broker.stop()
            try Wait.until("readyz 503") { try daemon.get("/readyz").0 == 503 ? true : nil }
            #expect(try daemon.get("/healthz").0 == 200)
        }

        @Test func theStreamResumesAfterLastEventIDAcrossARestart() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let folder = try TempFolder("firewatchd")
            defer { folder.remove() }
            var daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, folder: folder)
            try broker.publish(topic: "devices/uitd-t1/up", payload: Fixtures.componentFireAlarm(zone: 1, position: 1))
            let first = try SSE.read(daemon.baseURL, query: "?after=0", until: { $0.count >= 2 })
            #expect(first.map(\.id) == [1, 2])
            let resumeFrom = first.last!.id

            #expect(daemon.stop() == 0)
            daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, folder: folder)
            defer { daemon.stop() }
            try broker.publish(topic: "devices/uitd-t1/up", payload: Fixtures.componentFireAlarm(zone: 2, position: 1))
            try broker.publish(topic: "devices/uitd-t2/up", payload: Fixtures.componentFireAlarm(zone: 3, position: 1))
            let resumed = try SSE.read(daemon.baseURL, lastEventID: resumeFrom, until: { events in
                events.filter { $0.type == "alarm.raised" }.count >= 2
            })
            let ids = resumed.map(\.id)
            #expect(ids.allSatisfy { $0 > resumeFrom })
            #expect(ids == ids.sorted() && Set(ids).count == ids.count)
            #expect(ids.first == resumeFrom + 1)
            #expect(resumed.filter { $0.type == "alarm.raised" }.count == 2)
        }
    }
}

/// A minimal SSE reader over curl, independent of the daemon's own client code.
enum SSE {
    struct Frame { var id: Int64; var type: String; var data: String }

    static func read(_ base: String, query: String = "", lastEventID: Int64? = nil, until done: ([Frame]) -> Bool) throws -> [Frame] {
        var args = ["-sN", "--max-time", "20", "\(base)/api/v1/events\(query)"]
        if let lastEventID { args += ["-H", "Last-Event-ID: \(lastEventID)"] }
        let curl = try ChildProcess("/usr/bin/curl", args)
        defer { curl.stop(signal: SIGKILL) }
        return try Wait.until("SSE frames from \(base)") { () -> [Frame]? in
            let frames = parse(curl.text)
            return done(frames) ? frames : nil
        }
    }

    static func parse(_ text: String) -> [Frame] {
        text.components(separatedBy: "\n\n").compactMap { block in
            var id: Int64?, type = "", data = ""
            for line in block.split(separator: "\n") {
                if line.hasPrefix("id: ") { id = Int64(line.dropFirst(4)) }
                else if line.hasPrefix("event: ") { type = String(line.dropFirst(7)) }
                else if line.hasPrefix("data: ") { data = String(line.dropFirst(6)) }
            }
            guard let id, text.contains(block + "\n\n") else { return nil }
            return Frame(id: id, type: type, data: data)
        }
    }
}
