import FireWatchCore
import FireWatchHazards
import FireWatchTestKit
import Foundation
import Testing

/// Random event sequences (seeded, reproducible) against the books' promises: never two open alarms
/// for one episode, and every hazard opened is either still on the books or was closed with a record.
@Suite struct PropertyTests {
    @Test(arguments: Array(UInt64(1)...120))
    func randomSequencesKeepTheBooksStraight(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        var h = Harness(policy: HazardPolicy(chatteringCount: 2, floodCount: 4, floodWindowSeconds: 300))
        var books = Books()
        for step in 0..<250 {
            let changes = try RandomStep.run(&h, &rng)
            books.take(changes, at: "seed \(seed) step \(step)")
            books.check(h.engine, at: "seed \(seed) step \(step)")
        }
    }
}

/// One random thing happening to the engine: a reading, time passing, an operator, a restart.
enum RandomStep {
    static let events: [EventType] = [
        .fireAlarm, .fireAlarmCleared, .manualAlarm, .gasAlarm, .preAlarm, .arcFault, .test, .reset, .confirmedByOperator,
        .fault, .faultCleared, .lowBattery, .batteryRestored, .tamper, .tamperCleared, .mainPowerFault, .mainPowerRestored,
        .disabled, .enabled, .overCurrent, .residualCurrentAlarm, .overTemperature, .pressureLow, .heartbeat,
    ]

    static func run(_ h: inout Harness, _ rng: inout SeededRandom) throws -> [HazardEngineChange] {
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<55:
            let profile = rng.pick(Fleet.all)
            let point = profile.kind == "panel" ? rng.pick([nil, Fleet.point(1), Fleet.point(2)]) : nil
            let sent = (0..<Int.random(in: 0...2, using: &rng)).map { _ in
                DeviceEvent(rng.pick(Self.events), channel: rng.chance(0.2) ? Int.random(in: 1...2, using: &rng) : nil)
            }
            var metrics: [String: Double] = [:]
            if rng.chance(0.3) { metrics[rng.pick(["temperature_c", "temperature_c_2"])] = Double.random(in: 15...140, using: &rng) }
            if rng.chance(0.15) { metrics["residual_current_ma"] = Double.random(in: 0...800, using: &rng) }
            return h.send(profile, events: sent, metrics: metrics, point: point, snapshot: rng.chance(0.3))
        case 55..<70:
            h.advance(rng.chance(0.1) ? Double.random(in: 3600...100_000, using: &rng) : Double.random(in: 0...90, using: &rng))
            return h.tick()
        case 70..<80:
            guard let alarm = h.engine.alarms.open.values.sorted(by: { $0.id < $1.id }).randomElement(using: &rng) else { return [] }
            let kind = rng.pick(AlarmAction.Kind.allCases)
            let cause = rng.pick([AlarmResolution.falseAlarm, .fire, .nuisance, .falseAlarm])
            do { return try h.act(AlarmAction(alarmID: alarm.id, kind: kind, by: "op", cause: cause)) } catch { return [] }
        case 80..<88:
            guard let hazard = h.engine.hazards.open.values.sorted(by: { $0.id < $1.id }).randomElement(using: &rng) else { return [] }
            let kind = rng.pick(HazardAction.Kind.allCases)
            do { return try h.act(HazardAction(hazardID: hazard.id, kind: kind, by: "op")) } catch { return [] }
        case 88..<93:
            // Dispatch moving an alarm on: dispatched, or resolved by a station.
            guard let alarm = h.engine.alarms.open.values.sorted(by: { $0.id < $1.id }).randomElement(using: &rng) else { return [] }
            let now = h.now
            if rng.chance(0.5) {
                return h.move(alarm.id) { $0.dispatch(to: "ms-1", by: "dispatch", at: now, why: "test") }
            }
            return h.move(alarm.id) { $0.resolve(.falseAlarm, by: "station:ms-1", at: now) }
        case 93..<97:
            let device = rng.pick(Fleet.all).id
            h.engine.suppress(device, reason: .maintenance, until: h.now.addingTimeInterval(Double.random(in: 30...900, using: &rng)), by: "op", now: h.now)
            return []
        default:
            h = try RestartTests.restart(h, after: Double.random(in: 1...600, using: &rng))
            return []
        }
    }
}

/// What the changes told the outside world, kept as an independent model of the books.
struct Books {
    var openAlarm: [String: String] = [:]
    var opened: [String: Hazard] = [:]
    var closed: Set<String> = []

    mutating func take(_ changes: [HazardEngineChange], at: String) {
        for change in changes {
            switch change {
            case .alarmRaised(let a, let dispatch, _):
                if dispatch {
                    #expect(a.isOpen, "\(at): dispatchable alarm not open")
                    #expect(openAlarm[a.episodeKey] == nil, "\(at): second open alarm \(a.id) for \(a.episodeKey)")
                    openAlarm[a.episodeKey] = a.id
                } else {
                    #expect(a.state == .resolved && a.resolution == .test, "\(at): undispatched alarm not a test record")
                }
            case .alarmUpdated(let a, .resolved, _):
                #expect(openAlarm[a.episodeKey] == a.id, "\(at): resolved an alarm that was not open")
                openAlarm[a.episodeKey] = nil
            case .alarmUpdated(let a, _, _), .alarmConfirmed(let a, _):
                if a.isOpen { #expect(openAlarm[a.episodeKey] == a.id, "\(at): update of \(a.id) that is not the open one") }
                if a.confirmed { #expect(a.history.contains { $0.to == .confirmed }, "\(at): confirmed without a record") }
                check(history: a.history, at)
            case .hazardOpened(let hz):
                #expect(opened[hz.id] == nil, "\(at): hazard id \(hz.id) opened twice")
                opened[hz.id] = hz
            case .hazardUpdated(let hz, _):
                #expect(opened[hz.id] != nil && !closed.contains(hz.id), "\(at): update of unknown hazard \(hz.id)")
            case .hazardClosed(let hz):
                #expect(opened[hz.id] != nil, "\(at): closed a hazard never opened")
                #expect(!closed.contains(hz.id), "\(at): closed \(hz.id) twice")
                #expect(hz.state == .closed && hz.closedAt != nil && hz.closedBy != nil && hz.history.last?.to == "closed",
                        "\(at): closed without a record")
                check(history: hz.history, at)
                closed.insert(hz.id)
            case .floodStarted, .floodEnded:
                break
            }
        }
    }

    func check(history: [AlarmTransition], _ at: String) {
        #expect(zip(history, history.dropFirst()).allSatisfy { $0.at <= $1.at }, "\(at): history out of order")
    }

    func check(history: [HazardTransition], _ at: String) {
        #expect(zip(history, history.dropFirst()).allSatisfy { $0.at <= $1.at }, "\(at): history out of order")
    }

    /// The engine's books agree with what it told the world.
    func check(_ engine: HazardEngine, at: String) {
        #expect(engine.alarms.open.allSatisfy { $0.key == $0.value.episodeKey && $0.value.isOpen }, "\(at): misfiled alarm")
        #expect(engine.alarms.open.mapValues(\.id) == openAlarm, "\(at): open alarms differ from what was announced")
        let onBooks = Set(engine.hazards.open.values.map(\.id))
        #expect(onBooks == Set(opened.keys).subtracting(closed), "\(at): hazard lost or never announced")
        #expect(engine.hazards.open.allSatisfy { $0.key == $0.value.episodeKey }, "\(at): misfiled hazard")
    }
}
