import FireWatchCore
import FireWatchHazards
import Foundation

extension PipelineCore {
    /// An operator's acknowledge, confirm or resolve of an open alarm: the alarm as it is after it,
    /// with the effects (the alarm row, its event, the retained topic; a confirmation escalates, a
    /// resolution frees the station and resolves the alarms that joined its incident). An alarm not
    /// open here throws `.notFound`: the daemon tells a resolved one (409) from an unknown one (404).
    public mutating func apply(_ action: AlarmAction, now: Date) throws(AlarmActionError) -> (Alarm, PipelineEffects) {
        let changes = try engine.apply(action, now: now) { Identifiers.make(prefix: $0, at: now) }
        var e = effects()
        apply(changes, receivedAt: nil, journalID: nil, now: now, into: &e)
        let updated = openAlarm(action.alarmID) ?? changes.compactMap(\.alarm).first { $0.id == action.alarmID }
        e.log(.notice, "alarm \(action.kind.rawValue)", ["alarm_id": action.alarmID, "by": action.by, "state": updated?.state.rawValue ?? ""])
        finish(&e, now: now)
        guard let updated else { throw .notFound(action.alarmID) }
        return (updated, e)
    }
}
