import FireWatchCore
import FireWatchHazards
import Foundation
import Testing

/// The engine rebuilt from what the daemon persists: open alarms, open hazards and `memory` (JSON).
@Suite struct RestartTests {
    /// What a daemon would have stored, read back through JSON as after a restart.
    static func restart(_ h: Harness, after seconds: Double = 5) throws -> Harness {
        let encoder = Timestamps.encoder(timeZone: TimeZone(secondsFromGMT: 8 * 3600)!)
        let decoder = Timestamps.decoder()
        let memory = try decoder.decode(HazardMemory.self, from: encoder.encode(h.engine.memory))
        let alarms = try decoder.decode([Alarm].self, from: encoder.encode(Array(h.engine.alarms.open.values)))
        let hazards = try decoder.decode([Hazard].self, from: encoder.encode(Array(h.engine.hazards.open.values)))
        var next = Harness(
            policy: h.engine.policy, fleet: Array(h.engine.fleet.values), memory: memory, alarms: alarms, hazards: hazards,
            start: h.now.addingTimeInterval(seconds))
        next.issued = h.issued
        return next
    }

    @Test func aRepeatAfterARestartFoldsIntoTheSurvivingAlarm() throws {
        var h = Harness()
        let id = try #require(h.send(Fleet.smoke1, .fireAlarm).raised.first?.id)
        var after = try Self.restart(h)
        let changes = after.send(Fleet.smoke1, .fireAlarm)
        #expect(changes.raised.isEmpty)
        #expect(changes.updated(.repeated).first?.id == id && changes.updated(.repeated).first?.count == 2)
    }

    @Test func anOfflineHazardSurvivesAndClosesWhenTheDeviceIsHeard() throws {
        var h = Harness(fleet: [Fleet.panel])
        h.advance(90)
        let id = try #require(h.tick().opened.first?.id)
        var after = try Self.restart(h, after: 600)
        #expect(after.tick().isEmpty)  // still open, not opened twice
        #expect(after.send(Fleet.panel, .heartbeat).closed.first?.id == id)
    }

    @Test func suppressionsFalseAlarmsAndCausesSurvive() throws {
        var h = Harness(fleet: [])
        let device = Fleet.profile("smk-u", kind: "smoke", heartbeat: 0)
        h.engine.suppress("uitd-1", reason: .test, until: h.now.addingTimeInterval(3600), by: "op", now: h.now)
        for _ in 0..<2 {
            let id = try #require(h.send(device, .fireAlarm).raised.first?.id)
            _ = try h.act(AlarmAction(alarmID: id, kind: .resolve, by: "op", cause: .falseAlarm))
        }
        h.send(Fleet.panel, .mainPowerFault)
        h.send(Fleet.panel, .backupPowerFault)
        var after = try Self.restart(h)
        #expect(after.send(Fleet.panel, .fireAlarm, point: Fleet.point(1)).dispatched.isEmpty)
        #expect(after.send(Fleet.panel, .mainPowerRestored).closed.isEmpty)
        let id = try #require(after.send(device, .fireAlarm).raised.first?.id)
        let changes = try after.act(AlarmAction(alarmID: id, kind: .resolve, by: "op", cause: .falseAlarm))
        #expect(changes.opened.map(\.kind) == [.chronicFalseAlarm])
    }

    @Test func withoutRememberedCausesASnapshotStillClosesWhatItNoLongerCarries() {
        var h = Harness()
        h.send(Fleet.panel, .fault, point: Fleet.point(1))
        var after = Harness(hazards: Array(h.engine.hazards.open.values))  // memory lost
        #expect(after.send(Fleet.panel, point: Fleet.point(1), snapshot: true).closed.count == 1)
    }

    @Test func memoryFromAnOlderDaemonLoads() throws {
        let memory = try Timestamps.decoder().decode(HazardMemory.self, from: Data(#"{"suppressions":{"devices":{}}}"#.utf8))
        #expect(memory == HazardMemory())
    }
}
