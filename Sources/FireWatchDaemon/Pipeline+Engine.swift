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
            case .alarmRaised(let raised, let dispatch, let flood):
                // The engine's copy as it is now (it may already be confirmed); a test record is not open.
                let alarm = openAlarm(raised.id) ?? raised
                logger.notice("alarm raised", metadata: [
                    "alarm_id": "\(alarm.id)", "device": "\(alarm.device)", "kind": "\(alarm.kind.rawValue)",
                    "journal_id": "\(journalID.map(String.init) ?? "")", "dispatch": "\(dispatch)",
                ])
                let note = !dispatch ? "recorded, not dispatched (\(alarm.history.last?.why ?? "test"))" : flood ? "part of a street flood" : nil
                touch(alarm)
                step.events.append(FeedEvent(at: now, type: alarm.isOpen ? .alarmRaised : .alarmResolved, alarm: alarm, note: note))
                guard dispatch, alarm.isOpen else { continue }
                if let primary = incidentToJoin(alarm, now: now) {
                    join(alarm, primary, now: now, into: &step, outbound: &outbound)
                    continue
                }
                let decisions = dispatcher.begin(alarm, stations: stations, now: now) { Identifiers.make(prefix: "dsp", at: now) }
                apply(decisions, receivedAt: receivedAt, now: now, into: &step, outbound: &outbound)
            case .alarmUpdated(let changed, let reason, let quiet):
                let alarm = openAlarm(changed.id) ?? changed
                touch(alarm)
                if !alarm.isOpen { release(alarm, now: now, into: &step) }
                guard !quiet else { continue }
                step.events.append(FeedEvent(at: now, type: alarm.isOpen ? .alarmUpdated : .alarmResolved, alarm: alarm, note: reason.rawValue))
                if reason == .resolved { resolveMembers(of: alarm, now: now, into: &step, outbound: &outbound) }
            case .alarmConfirmed(let confirmed, let by):
                let alarm = openAlarm(confirmed.id) ?? confirmed
                logger.notice("alarm confirmed", metadata: ["alarm_id": "\(alarm.id)", "by": "\(by)"])
                touch(alarm)
                step.events.append(FeedEvent(at: now, type: .alarmUpdated, alarm: alarm, note: "confirmed by \(by)"))
                // A confirmed member confirms its incident; the incident goes to the brigade, once.
                guard let primary = alarm.incident.flatMap(openAlarm) ?? (alarm.incident == nil ? alarm : nil) else { continue }
                if primary.id != alarm.id, !primary.confirmed {
                    apply(engine.confirm(alarmID: primary.id, by: "incident:\(alarm.id)", why: "an alarm of its incident was confirmed (\(by))", now: now),
                          receivedAt: nil, journalID: journalID, now: now, into: &step, outbound: &outbound)
                    continue
                }
                apply(dispatcher.confirmed(primary), receivedAt: nil, now: now, into: &step, outbound: &outbound)
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

    /// The engine memory rows that changed, into the step that covers them: every changed condition,
    /// suppression or window at once (they must survive a crash), temperature trends at most every 30 s.
    /// The work is the rows that changed, never the fleet (the whole memory re-encoded per commit had
    /// been 68 % of the pipeline during alarms).
    func takeMemoryRows(into step: inout PipelineCommit) {
        let now = clock.now()
        let trends = engine.memory.trendsChanged && now.timeIntervalSince(trendsWrittenAt) >= 30
        if trends { trendsWrittenAt = now }
        step.memoryRows += engine.takeMemoryRows(includingTrends: trends, encoder: memoryEncoder)
        if dropLegacyMemory {
            step.dropLegacyMemory = true
            dropLegacyMemory = false
        }
    }

    /// The engine memory as stored: its rows, or once after an upgrade the old one document (whose
    /// keys then all count as changed, so the first commit writes them as rows). `legacy` says which.
    static func loadMemory(_ store: SQLiteStore, logger: Logger) throws -> (memory: HazardMemory, legacy: Bool) {
        let decoder = Timestamps.decoder()
        let rows = try store.memoryRows()
        if rows.isEmpty, let old = try store.legacyEngineMemory() {
            guard let memory = try? decoder.decode(HazardMemory.self, from: Data(old.utf8)) else {
                logger.error("the old engine memory does not decode; starting with none", metadata: ["bytes": "\(old.utf8.count)"])
                return (HazardMemory(), true)
            }
            return (memory, true)
        }
        var problems: [String] = []
        let memory = HazardMemory(rows: rows, decoder: decoder, problems: &problems)
        for p in problems.prefix(20) { logger.error("engine memory row does not decode; skipped", metadata: ["row": "\(p)"]) }
        return (memory, false)
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
        try commitSide([], now: now) { step, _ in takeMemoryRows(into: &step) }
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
