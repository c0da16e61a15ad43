import FireWatchCore
import FireWatchDispatch
import FireWatchHazards
import Foundation

extension PipelineCore {
    /// Turns what the hazard engine decided into commits, stream events, MQTT messages and dispatch.
    mutating func apply(
        _ changes: [HazardEngineChange], receivedAt: Date?, journalID: Int64?, now: Date,
        into e: inout PipelineEffects
    ) {
        for change in changes {
            switch change {
            case .alarmRaised(let raised, let dispatch, let flood):
                // The engine's copy as it is now (it may already be confirmed); a test record is not open.
                let alarm = openAlarm(raised.id) ?? raised
                e.log(.notice, "alarm raised", [
                    "alarm_id": "\(alarm.id)", "device": "\(alarm.device)", "kind": "\(alarm.kind.rawValue)",
                    "journal_id": "\(journalID.map(String.init) ?? "")", "dispatch": "\(dispatch)",
                ])
                let note = !dispatch ? "recorded, not dispatched (\(alarm.history.last?.why ?? "test"))" : flood ? "part of a street flood" : nil
                touch(alarm)
                e.commit.events.append(FeedEvent(at: now, type: alarm.isOpen ? .alarmRaised : .alarmResolved, alarm: alarm, note: note))
                guard dispatch, alarm.isOpen else { continue }
                if let primary = incidentToJoin(alarm, now: now) {
                    join(alarm, primary, now: now, into: &e)
                    continue
                }
                let decisions = dispatcher.begin(alarm, stations: stations, now: now) { Identifiers.make(prefix: "dsp", at: now) }
                apply(decisions, receivedAt: receivedAt, now: now, into: &e)
            case .alarmUpdated(let changed, let reason, let quiet):
                let alarm = openAlarm(changed.id) ?? changed
                touch(alarm)
                if !alarm.isOpen { release(alarm, now: now, into: &e) }
                guard !quiet else { continue }
                e.commit.events.append(FeedEvent(at: now, type: alarm.isOpen ? .alarmUpdated : .alarmResolved, alarm: alarm, note: reason.rawValue))
                if reason == .resolved { resolveMembers(of: alarm, now: now, into: &e) }
            case .alarmConfirmed(let confirmed, let by):
                let alarm = openAlarm(confirmed.id) ?? confirmed
                e.log(.notice, "alarm confirmed", ["alarm_id": "\(alarm.id)", "by": "\(by)"])
                touch(alarm)
                e.commit.events.append(FeedEvent(at: now, type: .alarmUpdated, alarm: alarm, note: "confirmed by \(by)"))
                // A confirmed member confirms its incident; the incident goes to the brigade, once.
                guard let primary = alarm.incident.flatMap(openAlarm) ?? (alarm.incident == nil ? alarm : nil) else { continue }
                if primary.id != alarm.id, !primary.confirmed {
                    apply(engine.confirm(alarmID: primary.id, by: "incident:\(alarm.id)", why: "an alarm of its incident was confirmed (\(by))", now: now),
                          receivedAt: nil, journalID: journalID, now: now, into: &e)
                    continue
                }
                apply(dispatcher.confirmed(primary), receivedAt: nil, now: now, into: &e)
            case .hazardOpened(let hazard):
                e.log(.info, "hazard opened", ["hazard_id": "\(hazard.id)", "device": "\(hazard.device)", "kind": "\(hazard.kind.rawValue)"])
                e.commit.hazards.append(hazard)
                e.commit.events.append(FeedEvent(at: now, type: .hazardOpened, hazard: hazard))
            case .hazardUpdated(let hazard, let reason):
                e.commit.hazards.append(hazard)
                e.commit.events.append(hazardEvent(hazard, reason, now: now, into: &e))
            case .hazardClosed(let hazard):
                e.log(.info, "hazard closed", ["hazard_id": "\(hazard.id)", "by": "\(hazard.closedBy ?? "")"])
                e.commit.hazards.append(hazard)
                e.commit.events.append(FeedEvent(at: now, type: .hazardClosed, hazard: hazard))
            case .floodStarted(let street, let count):
                e.log(.warning, "alarm flood", ["street": "\(street)", "alarms": "\(count)"])
                e.commit.events.append(FeedEvent(at: now, type: .floodStarted, note: "\(street): \(count) alarms within \(Int(settings.hazards.floodWindowSeconds)) s"))
            case .floodEnded(let street, let count):
                e.commit.events.append(FeedEvent(at: now, type: .floodEnded, note: "\(street): flood over after \(count) alarms"))
            }
        }
    }

    /// The engine memory rows that changed, into the step that covers them: every changed condition,
    /// suppression or window at once (they must survive a crash), temperature trends at most every 30 s.
    /// The work is the rows that changed, never the fleet (the whole memory re-encoded per commit had
    /// been 68 % of the pipeline during alarms).
    mutating func takeMemoryRows(into commit: inout PipelineCommit, now: Date) {
        // A round of trend writes starts every 30 s and goes on, 500 rows a commit, until written.
        let trends = engine.memory.trendsChanged && (trendsPending || now.timeIntervalSince(trendsWrittenAt) >= 30)
        if trends && !trendsPending { trendsWrittenAt = now }
        commit.memoryRows += engine.takeMemoryRows(includingTrends: trends, trendLimit: 500, encoder: memoryEncoder)
        trendsPending = trends && engine.memory.trendsChanged
        if dropLegacyMemory {
            commit.dropLegacyMemory = true
            dropLegacyMemory = false
        }
    }

    /// An operator's rectify or close of a hazard.
    public mutating func apply(_ action: HazardAction, now: Date) throws(HazardActionError) -> (Hazard, PipelineEffects) {
        if !action.photos.isEmpty { return try apply(withPhotos: action, now: now) }
        let changes = try engine.apply(action, now: now)
        guard let hazard = changes.compactMap(\.hazard).first else { throw .notFound(action.hazardID) }
        var e = effects()
        apply(changes, receivedAt: nil, journalID: nil, now: now, into: &e)
        finish(&e, now: now)
        return (hazard, e)
    }

    /// Suppresses a device's alarms from dispatch until `minutes` from now (test or maintenance).
    public mutating func suppress(
        device: String, reason: Suppression.Reason, minutes: Int, by: String, now: Date
    ) throws(AlarmActionError) -> (Suppression, PipelineEffects) {
        guard devices[device] != nil else { throw .notFound(device) }
        let s = engine.suppress(device, reason: reason, until: now.addingTimeInterval(Double(minutes) * 60), by: by, now: now)
        var e = effects()
        e.log(.notice, "device suppressed", ["device": device, "reason": reason.rawValue, "minutes": "\(minutes)", "by": by])
        finish(&e, now: now)
        return (s, e)
    }

    /// The community hazard index (VOCABULARY.md) for streets or communities.
    public func hazardIndex(_ level: HazardIndexEntry.Level, now: Date) -> [HazardIndexEntry] {
        let g = settings.geography
        let names = level == .unit ? g.units.mapValues(\.name) : g.names(streets: level == .street)
        return engine.index(level: level, devices: Array(devices.values), names: names, now: now)
    }

    /// The stream event of a hazard's update: a reminder and an overdue (督办) have types of their own,
    /// and the overdue one names the street office it is pressed on.
    func hazardEvent(_ hazard: Hazard, _ reason: HazardUpdate, now: Date, into e: inout PipelineEffects) -> FeedEvent {
        let g = settings.geography
        let place = [g.streetName(hazard.street), hazard.community.isEmpty ? nil : g.communityName(hazard.community), hazard.unit.map(g.unitName)]
            .compactMap { $0 }.joined(separator: " ")
        let due = Timestamps.string(hazard.dueAt, in: settings.timeZone)
        switch reason {
        case .reminder:
            return FeedEvent(at: now, type: .hazardReminder, hazard: hazard, note: "due \(due), not rectified",
                             noteZH: "\(place) \(hazard.kind.chinese) 将于 \(due) 到期，尚未整改")
        case .overdue:
            e.log(.warning, "hazard overdue", ["hazard_id": hazard.id, "street": hazard.street, "kind": hazard.kind.rawValue])
            return FeedEvent(at: now, type: .hazardOverdue, hazard: hazard,
                             note: "overdue since \(due); pressed on the street office of \(g.streetName(hazard.street, english: true))",
                             noteZH: "督办：\(place) \(hazard.kind.chinese) 逾期未整改（期限 \(due)），请\(g.streetName(hazard.street))督促整改")
        case .rectified, .reopened, .photos:
            return FeedEvent(at: now, type: .hazardUpdated, hazard: hazard, note: reason.rawValue)
        }
    }
}
