import FireWatchCore
import FireWatchDecoders
import FireWatchPipeline
import FireWatchTestKit
import Foundation
import Testing

/// Random interleavings of device events, confirmations, station answers, timeouts, operator actions
/// and restarts: no transition is ever lost, the store always holds the core's one copy of each alarm,
/// and no station is paged twice for one alarm (the harness checks the last two on every commit).
@Suite struct PipelinePropertyTests {
    static let order: [AlarmState: Int] = [.raised: 0, .dispatched: 1, .accepted: 2, .onScene: 3, .resolved: 4]

    @Test(arguments: 1...8) func noTransitionIsLostWhateverTheInterleaving(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        var h = CoreHarness(ackTimeoutSeconds: 30)
        let devices = CoreHarness.devices.map(\.id)
        let stations = CoreHarness.stations.map(\.id)
        for step in 0..<250 {
            let at = "seed \(seed) step \(step)"
            switch rng.next() % 10 {
            case 0, 1, 2:
                h.fire(rng.pick(devices), zone: UInt16(rng.next() % 3 + 1))
            case 3:
                h.fire(rng.pick(devices), zone: UInt16(rng.next() % 3 + 1), state: 0)
            case 4, 5:
                let dispatch = h.pages.isEmpty || rng.chance(0.1) ? "dsp-unknown" : rng.pick(h.pages).dispatchID
                let status = rng.pick(["accepted", "declined", "on_scene", "resolved"])
                h.answer(rng.pick(stations), status, dispatch: dispatch, cause: rng.pick([nil, "fire", "false_alarm"]))
            case 6, 7:
                h.advance(Double(rng.next() % 45))
                h.tick()
            case 8:
                guard let alarm = h.core.alarms.open.values.sorted(by: { $0.id < $1.id }).randomElement(using: &rng) else { continue }
                let kind = rng.pick(AlarmAction.Kind.allCases)
                _ = try? h.act(AlarmAction(alarmID: alarm.id, kind: kind, by: "duty", cause: kind == .resolve ? rng.pick([.fire, .falseAlarm]) : nil))
            default:
                h.restart()
            }
            check(h, at)
        }
        check(versions: h.committedVersions, seed: seed)
    }

    /// The store holds the core's one copy of every open alarm, one per episode; joined alarms name an
    /// incident that exists; every page sent is in its alarm's history.
    func check(_ h: CoreHarness, _ at: String) {
        for alarm in h.core.alarms.open.values {
            #expect(h.alarmRows[alarm.id] == alarm, "\(at): the store's copy of \(alarm.id) differs from the core's")
        }
        let open = h.alarmRows.values.filter(\.isOpen)
        #expect(Set(open.map(\.episodeKey)).count == open.count, "\(at): two open alarms for one episode")
        for alarm in h.alarmRows.values {
            if let incident = alarm.incident { #expect(h.alarmRows[incident] != nil, "\(at): \(alarm.id) joined unknown \(incident)") }
        }
        for page in h.dispatchRows.values {
            let history = h.alarmRows[page.alarmID]?.history ?? []
            #expect(history.contains { $0.to == .dispatched && $0.why?.hasPrefix(page.stationID) == true }, "\(at): page \(page.dispatchID) not in history")
        }
    }

    /// Across every committed version of each alarm: state never goes back, resolution is final,
    /// confirmation and acknowledgement are never undone.
    func check(versions: [Alarm], seed: UInt64) {
        var last: [String: Alarm] = [:]
        for v in versions {
            defer { last[v.id] = v }
            guard let old = last[v.id] else { continue }
            #expect(Self.order[v.state]! >= Self.order[old.state]!, "seed \(seed): \(v.id) went from \(old.state) to \(v.state)")
            #expect(!old.confirmed || v.confirmed, "seed \(seed): \(v.id) lost its confirmation")
            #expect(!old.acknowledged || v.acknowledged, "seed \(seed): \(v.id) lost its acknowledgement")
            #expect(old.isOpen || v == old, "seed \(seed): \(v.id) changed after it was resolved")
        }
    }
}
