import FireWatchCore
import Foundation

extension HazardEngine {
    /// An operator's acknowledge, confirm or resolve on an open alarm (`Alarm.applying` rules, 409 as
    /// `.conflict`). An alarm not open here is `.notFound`: the caller may look it up in the store.
    public mutating func apply(_ action: AlarmAction, now: Date, makeID: (String) -> String) throws(AlarmActionError) -> [HazardEngineChange] {
        var refusal: AlarmActionError?
        guard let alarm = alarms.modify(action.alarmID, { a in
            do throws(AlarmActionError) { a = try a.applying(action, at: now) } catch { refusal = error }
        }) else { throw .notFound(action.alarmID) }
        if let refusal { throw refusal }
        switch action.kind {
        case .acknowledge: return [.alarmUpdated(alarm, reason: .acknowledged, quiet: false)]
        case .confirm: return [.alarmConfirmed(alarm, by: action.by)]
        case .resolve: return [.alarmUpdated(alarm, reason: .resolved, quiet: false)] + resolved(alarm, now: now, makeID: makeID)
        }
    }

    /// Moves an open alarm on, in place, on the book's one copy (dispatch, a station's answer, an
    /// escalation); returns it as it is now, with what followed from a resolution. Nil when not open.
    public mutating func updateAlarm(
        _ id: String, now: Date, makeID: (String) -> String, _ body: (inout Alarm) -> Void
    ) -> (alarm: Alarm, followed: [HazardEngineChange])? {
        guard let alarm = alarms.modify(id, body) else { return nil }
        return (alarm, alarm.isOpen ? [] : resolved(alarm, now: now, makeID: makeID))
    }

    /// A resolved alarm: its episode's causes and chatter are forgotten, and its resolution is counted:
    /// three false alarms of a device in 30 days open `chronic_false_alarm`.
    mutating func resolved(_ alarm: Alarm, now: Date, makeID: (String) -> String) -> [HazardEngineChange] {
        memory.conditions.forget(alarm.episodeKey)
        memory.chatter.forget(alarm.episodeKey)
        // A drill's resolution says nothing about its device.
        guard !alarm.isDrill else { return [] }
        let p = policy
        guard let entries = memory.falseAlarms.record(alarm, count: p.chronicFalseAlarmCount, windowSeconds: p.chronicFalseAlarmWindowSeconds)
        else { return [] }
        let device = fleet[alarm.device]?.device ?? Device(of: alarm)
        let why = "\(entries.count) alarms resolved as false_alarm within \(Int(p.chronicFalseAlarmWindowSeconds / 86400)) days: "
            + entries.map { $0.alarmID }.joined(separator: ", ")
        let changes = raise(.chronicFalseAlarm, of: device, point: nil, now: now, by: "rules", why: why, makeID: makeID)
        memory.falseAlarms.reset(alarm.device)
        return changes
    }

    /// An operator's rectify or close (`Hazard.applying` rules, 409 as `.conflict`). Rectifying or closing
    /// an `offline` hazard starts the device's silence window again, so it is not reopened at once.
    public mutating func apply(_ action: HazardAction, now: Date) throws(HazardActionError) -> [HazardEngineChange] {
        guard let current = hazards.hazard(id: action.hazardID) else { throw .notFound(action.hazardID) }
        let updated = try current.applying(action, at: now)
        hazards.store(updated)
        if updated.kind == .offline { watch.restart(updated.device, at: now) }
        guard updated.isOpen else {
            memory.conditions.forget(updated.episodeKey)
            return [.hazardClosed(updated)]
        }
        return [.hazardUpdated(updated, reason: .rectified)]
    }

    /// A hazard found on patrol (防火巡查), opened by a person through the API.
    public mutating func open(patrol hazard: Hazard) -> [HazardEngineChange] {
        hazards.add(patrol: hazard)
        return [.hazardOpened(hazard)]
    }

    /// Adds photo ids to a hazard on the books (taken while rectifying it).
    public mutating func addPhotos(_ ids: [String], to hazardID: String) -> Hazard? {
        guard var h = hazards.hazard(id: hazardID) else { return nil }
        h.photos += ids
        hazards.store(h)
        return h
    }

    /// Suppresses `device` until `until` (`POST /api/v1/devices/{id}/suppress`): its alarms are recorded
    /// resolved as `test` and never dispatched. A new suppression replaces the previous one.
    @discardableResult
    public mutating func suppress(
        _ device: String, reason: Suppression.Reason, until: Date, by: String, now: Date
    ) -> Suppression {
        let s = Suppression(device: device, reason: reason, since: now, until: until, by: by)
        memory.suppressions.add(s)
        return s
    }

    /// Ends a device's suppression before its time; returns it when there was one.
    @discardableResult
    public mutating func liftSuppression(_ device: String, now: Date) -> Suppression? {
        guard var s = memory.suppressions.active(device, at: now) else { return nil }
        s.until = now
        memory.suppressions.add(s)
        _ = memory.suppressions.expire(now: now)
        return s
    }
}
