import FireWatchCore
import FireWatchDispatch
import FireWatchHazards
import FireWatchStore
import Foundation
import Logging

extension Pipeline {
    /// Turns what the hazard engine decided into commits, stream events, MQTT messages and dispatch.
    func apply(
        _ changes: [HazardEngineChange], receivedAt: Date?, journalID: Int64?, now: Date,
        into step: inout PipelineCommit, outbound: inout [Outbound]
    ) {
        for change in changes {
            switch change {
            case .alarmRaised(let alarm, let dispatch, let flood):
                logger.notice("alarm raised", metadata: [
                    "alarm_id": "\(alarm.id)", "device": "\(alarm.device)", "kind": "\(alarm.kind.rawValue)",
                    "journal_id": "\(journalID.map(String.init) ?? "")", "dispatch": "\(dispatch)",
                ])
                let note = !dispatch ? "recorded, not dispatched (\(alarm.history.last?.why ?? "test"))" : flood ? "part of a street flood" : nil
                update(alarm, &step, &outbound, event: FeedEvent(at: now, type: alarm.isOpen ? .alarmRaised : .alarmResolved, alarm: alarm, note: note))
                guard dispatch else { continue }
                let decisions = dispatcher.begin(alarm, stations: stations, now: now) { Identifiers.make(prefix: "dsp", at: now) }
                apply(decisions, receivedAt: receivedAt, now: now, into: &step, outbound: &outbound)
            case .alarmUpdated(let alarm, let reason, let quiet):
                step.alarms.append(alarm)
                if !alarm.isOpen { release(alarm, now: now, into: &step) }
                guard !quiet else { continue }
                step.events.append(FeedEvent(at: now, type: alarm.isOpen ? .alarmUpdated : .alarmResolved, alarm: alarm, note: reason.rawValue))
                outbound.append(alarmTopic(alarm))
            case .alarmConfirmed(let alarm, let by):
                logger.notice("alarm confirmed", metadata: ["alarm_id": "\(alarm.id)", "by": "\(by)"])
                step.alarms.append(alarm)
                step.events.append(FeedEvent(at: now, type: .alarmUpdated, alarm: alarm, note: "confirmed by \(by)"))
                outbound.append(alarmTopic(alarm))
                apply(dispatcher.confirmed(alarm), receivedAt: nil, now: now, into: &step, outbound: &outbound)
            case .hazardOpened(let hazard):
                logger.info("hazard opened", metadata: ["hazard_id": "\(hazard.id)", "device": "\(hazard.device)", "kind": "\(hazard.kind.rawValue)"])
                step.hazards.append(hazard)
                step.events.append(FeedEvent(at: now, type: .hazardOpened, hazard: hazard))
            case .hazardUpdated(let hazard, let reason):
                step.hazards.append(hazard)
                step.events.append(FeedEvent(at: now, type: .hazardUpdated, hazard: hazard, note: reason.rawValue))
            case .hazardClosed(let hazard):
                logger.info("hazard closed", metadata: ["hazard_id": "\(hazard.id)", "by": "\(hazard.closedBy ?? "")"])
                step.hazards.append(hazard)
                step.events.append(FeedEvent(at: now, type: .hazardClosed, hazard: hazard))
            case .floodStarted(let street, let count):
                logger.warning("alarm flood", metadata: ["street": "\(street)", "alarms": "\(count)"])
                step.events.append(FeedEvent(at: now, type: .floodStarted, note: "\(street): \(count) alarms within \(Int(engine.policy.floodWindowSeconds)) s"))
            case .floodEnded(let street, let count):
                step.events.append(FeedEvent(at: now, type: .floodEnded, note: "\(street): flood over after \(count) alarms"))
            }
        }
    }

    /// The engine's memory as JSON when it needs writing: when anything but the temperature trends
    /// changed (conditions, suppressions, false alarms must survive a crash), else at most every 30 s.
    /// Encoding it per batch had been half the pipeline's CPU at 45k msg/s (trends of every smoke alarm).
    func memoryJSON(force: Bool = false) -> String? {
        var core = engine.memory
        core.temperatures = TemperatureTrend()
        let now = clock.now()
        guard force || core != persistedMemory || now.timeIntervalSince(persistedMemoryAt) >= 30 else { return nil }
        guard let data = try? encode(engine.memory) else { return nil }
        persistedMemory = core
        persistedMemoryAt = now
        return String(decoding: data, as: UTF8.self)
    }

    /// An operator's rectify or close of a hazard.
    public func apply(_ action: HazardAction) throws -> Hazard {
        let now = clock.now()
        let changes = try engine.apply(action, now: now)
        try commitSide([], now: now) { step, outbound in apply(changes, receivedAt: nil, journalID: nil, now: now, into: &step, outbound: &outbound) }
        guard let hazard = changes.compactMap(\.hazard).first else { throw HazardActionError.notFound(action.hazardID) }
        return hazard
    }

    /// Suppresses a device's alarms from dispatch until `minutes` from now (test or maintenance).
    public func suppress(device: String, reason: Suppression.Reason, minutes: Int, by: String) throws -> Suppression {
        guard registry[device] != nil else { throw AlarmActionError.notFound(device) }
        let now = clock.now()
        let s = engine.suppress(device, reason: reason, until: now.addingTimeInterval(Double(minutes) * 60), by: by, now: now)
        try commitSide([], now: now) { step, _ in step.engineMemory = memoryJSON(force: true) }
        logger.notice("device suppressed", metadata: ["device": "\(device)", "reason": "\(reason.rawValue)", "minutes": "\(minutes)", "by": "\(by)"])
        return s
    }

    /// The community hazard index (VOCABULARY.md) for streets or communities.
    public func hazardIndex(_ level: HazardIndexEntry.Level) -> [HazardIndexEntry] {
        engine.index(level: level, devices: Array(registry.devices.values), now: clock.now())
    }
}

extension HazardPolicy {
    /// The policy from config `hazards.*`.
    init(_ h: Configuration.Hazards) {
        self.init()
        offlineAfterHeartbeats = h.offlineAfterHeartbeats
        coincidenceWindowSeconds = Double(h.coincidenceWindowSeconds)
        chatteringCount = h.chatteringCount
        chatteringWindowSeconds = Double(h.chatteringWindowSeconds)
        floodCount = h.floodCount
        floodWindowSeconds = Double(h.floodWindowSeconds)
        residualCurrentMilliamps = h.residualCurrentMilliamps
        cableTemperatureCelsius = h.cableTemperatureCelsius
    }
}
