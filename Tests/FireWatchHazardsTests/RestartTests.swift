import FireWatchCore
import FireWatchHazards
import FireWatchTestKit
import Foundation
import Testing

/// The engine rebuilt from what the daemon persists: open alarms, open hazards and the memory rows
/// that changed, applied to a table as the store does.
@Suite struct RestartTests {
    /// What a daemon would have stored, read back through JSON as after a restart.
    static func restart(_ h: Harness, after seconds: Double = 5) throws -> Harness {
        let encoder = Timestamps.encoder(timeZone: TimeZone(secondsFromGMT: 8 * 3600)!)
        let decoder = Timestamps.decoder()
        var engine = h.engine
        var table = MemoryTable()
        table.apply(engine.takeMemoryRows(includingTrends: true, encoder: encoder))
        var problems: [String] = []
        let memory = HazardMemory(rows: table.rows, decoder: decoder, problems: &problems)
        #expect(problems.isEmpty)
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

    @Test func anOlderDaemonsOneDocumentBecomesRowsOnTheFirstCommit() throws {
        let old = #"{"chatter":{"clears":{"d|-|fire":["2026-03-14T07:09:26Z"]},"chattering":["d|-|fire"]},"conditions":{"tokens":{"d|-|fire":["event:fire_alarm"]}}}"#
        var memory = try Timestamps.decoder().decode(HazardMemory.self, from: Data(old.utf8))
        let rows = memory.takeChangedRows(includingTrends: true, encoder: Timestamps.encoder())
        #expect(Set(rows.map { "\($0.part)/\($0.key)" }) == ["chatter_clears/d|-|fire", "chattering/d|-|fire", "conditions/d|-|fire"])
        #expect(memory.takeChangedRows(includingTrends: true, encoder: Timestamps.encoder()).isEmpty)
        var problems: [String] = []
        #expect(HazardMemory(rows: rows, decoder: Timestamps.decoder(), problems: &problems) == memory)
    }

    /// Rows taken after every step, applied to a table, always rebuild the memory the engine holds,
    /// and a step writes only the keys it touched (never the fleet).
    @Test(arguments: [1, 2, 3, 4, 5]) func rowsTakenStepByStepRebuildTheSameMemory(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        var h = Harness()
        var table = MemoryTable()
        let encoder = Timestamps.encoder()
        let devices = [Fleet.smoke1, Fleet.smoke2, Fleet.panel]
        let events: [EventType] = [.fireAlarm, .fireAlarmCleared, .fault, .faultCleared, .lowBattery, .batteryRestored, .heartbeat]
        for _ in 0..<300 {
            switch rng.next() % 4 {
            case 0: h.advance(Double(rng.next() % 40))
            case 1: h.tick()
            default:
                h.send(devices[Int(rng.next() % 3)], events[Int(rng.next() % UInt64(events.count))],
                       metrics: ["temperature_c": Double(rng.next() % 90)])
            }
            let rows = h.engine.takeMemoryRows(includingTrends: true, encoder: encoder)
            #expect(rows.count <= 12)
            table.apply(rows)
            var problems: [String] = []
            #expect(HazardMemory(rows: table.rows, decoder: Timestamps.decoder(), problems: &problems) == h.engine.memory)
        }
    }
}

/// Memory rows applied as the store applies them: upsert, or delete on nil.
struct MemoryTable {
    var byKey: [String: MemoryRow] = [:]
    var rows: [MemoryRow] { Array(byKey.values) }

    mutating func apply(_ rows: [MemoryRow]) {
        for row in rows { byKey["\(row.part)/\(row.key)"] = row.json == nil ? nil : row }
    }
}
