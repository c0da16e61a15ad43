import FireWatchCore
import Foundation

extension HazardEngine {
    /// An occurrence of an alarm condition: a test record, a new alarm (counted for flood), or a repeat
    /// folded into the open one; then verification by coincidence or a manual alarm.
    mutating func occur(
        _ kind: AlarmKind, of profile: DeviceProfile, point: Point?, now: Date, why: String, test: TestCause?,
        makeID: (String) -> String
    ) -> [HazardEngineChange] {
        if let test { return recordTest(kind, of: profile.device, point: point, now: now, why: why, cause: test, makeID: makeID) }
        let (alarm, raised) = alarms.occur(kind, device: profile.device, point: point, now: now, why: why, makeID: { makeID("alm") })
        var changes: [HazardEngineChange] = []
        if raised {
            let flood = memory.flood.raised(alarm.street, now: now, count: policy.floodCount, windowSeconds: policy.floodWindowSeconds)
            if let n = flood.started { changes.append(.floodStarted(street: alarm.street, count: n)) }
            changes.append(.alarmRaised(alarm, dispatch: true, flood: flood.inFlood))
        } else {
            changes.append(.alarmUpdated(alarm, reason: .repeated, quiet: memory.chatter.isChattering(alarm.episodeKey)))
        }
        return changes + verify(alarm, now: now)
    }

    /// A test or suppressed alarm: recorded resolved as `test`, never dispatched, never confirming
    /// anything. Repeats within `testFoldSeconds` fold into the record.
    mutating func recordTest(
        _ kind: AlarmKind, of device: Device, point: Point?, now: Date, why: String, cause: TestCause,
        makeID: (String) -> String
    ) -> [HazardEngineChange] {
        let key = Alarm.episodeKey(device: device.id, point: point, kind: kind)
        if var record = memory.testAlarms[key], now.timeIntervalSince(record.lastAt) < policy.testFoldSeconds {
            record.alarm.count += 1
            record.lastAt = now
            memory.testAlarms[key] = record
            return [.alarmUpdated(record.alarm, reason: .repeated, quiet: true)]
        }
        var alarm = Alarm(id: makeID("alm"), device: device, point: point, kind: kind, severity: AlarmRules.severity(of: kind), raisedAt: now)
        alarm.history[alarm.history.count - 1].why = why
        let (by, reason) = switch cause {
        case .testEvent: ("device:\(device.id)", "test event: never dispatched")
        case .suppressed(let s): ("suppression:\(s.by)", "device suppressed for \(s.reason.rawValue) until \(Timestamps.string(s.until, in: TimeZone(secondsFromGMT: 0)!)): never dispatched")
        }
        alarm.resolve(.test, by: by, at: now, why: reason)
        memory.testAlarms[key] = HazardMemory.TestAlarm(alarm: alarm, lastAt: now)
        return [.alarmRaised(alarm, dispatch: false, flood: false)]
    }

    /// The condition of the open alarm under `key` ended; a third cycle within the window marks it chattering.
    mutating func clearCondition(_ key: String, device: String, now: Date, why: String) -> [HazardEngineChange] {
        guard let alarm = alarms.clear(key, now: now, by: "device:\(device)", why: why) else { return [] }
        let wasChattering = memory.chatter.isChattering(key)
        guard memory.chatter.cleared(key, now: now, count: policy.chatteringCount, windowSeconds: policy.chatteringWindowSeconds) else {
            return [.alarmUpdated(alarm, reason: .conditionCleared, quiet: wasChattering)]
        }
        let why = "occurred and cleared \(policy.chatteringCount) times within \(Int(policy.chatteringWindowSeconds)) s: folded into this alarm"
        guard let marked = alarms.modify(alarm.id, { $0.markChattering(true, by: "rules", at: now, why: why) }) else { return [] }
        return [.alarmUpdated(marked, reason: .chattering, quiet: false)]
    }

    /// Verification: a manual alarm is confirmed by the person who raised it; a fire or manual alarm
    /// with another detector's fire or manual alarm in the same building within the window confirms both.
    mutating func verify(_ alarm: Alarm, now: Date) -> [HazardEngineChange] {
        guard alarm.kind == .fire || alarm.kind == .manualAlarm else { return [] }
        var changes: [HazardEngineChange] = []
        if alarm.kind == .manualAlarm {
            changes += confirm(alarmID: alarm.id, by: "manual_alarm", why: "a person raised it", now: now)
        }
        guard let building = alarm.building else { return changes }
        let me = CoincidenceWindow.Detection(alarmID: alarm.id, detector: "\(alarm.device)|\(alarm.point.key)", kind: alarm.kind, at: now)
        let window = policy.coincidenceWindowSeconds
        let others = memory.coincidence.record(me, building: building, windowSeconds: window)
            .filter { alarms.alarm(id: $0.alarmID) != nil }
        for other in others {
            let by = me.kind == .manualAlarm || other.kind == .manualAlarm ? "manual_alarm" : "coincidence"
            let text = { (d: CoincidenceWindow.Detection) in
                "\(d.kind.rawValue) of \(d.detector) in building \(building) within \(Int(window)) s (alarm \(d.alarmID))"
            }
            changes += confirm(alarmID: alarm.id, by: by, why: text(other), now: now)
            changes += confirm(alarmID: other.alarmID, by: by, why: text(me), now: now)
        }
        return changes
    }

    /// Marks an open alarm confirmed, recording by what; nothing when it is unknown or already confirmed.
    /// For a station's report (`by: "station:ID"`) as well as the engine's own verification.
    public mutating func confirm(alarmID: String, by: String, why: String, now: Date) -> [HazardEngineChange] {
        var changed = false
        guard let alarm = alarms.modify(alarmID, { changed = $0.confirm(by: by, at: now, why: why) }), changed else { return [] }
        return [.alarmConfirmed(alarm, by: by)]
    }
}
