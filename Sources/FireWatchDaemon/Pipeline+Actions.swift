import FireWatchCore
import FireWatchDispatch
import FireWatchStore
import Foundation
import Logging

extension Pipeline {
    /// Applies an operator or station action to an open alarm: persisted with its event, then the
    /// retained alarm topic is updated (cleared when resolved). Runs on the pipeline actor, the single
    /// writer of alarm state.
    public func apply(_ action: AlarmAction) throws -> Alarm {
        let now = clock.now()
        let current: Alarm
        if let open = alarms.open.values.first(where: { $0.id == action.alarmID }) {
            current = open
        } else if let stored = try store.alarm(id: action.alarmID) {
            current = stored
        } else {
            throw AlarmActionError.notFound(action.alarmID)
        }
        let updated = try current.applying(action, at: now)
        var decisions: [DispatchDecision] = []
        if action.kind == .confirm { decisions = dispatcher.confirmed(updated) }
        try commitSide(decisions, now: now) { step, outbound in
            update(updated, &step, &outbound, event: FeedEvent(at: now, type: updated.isOpen ? .alarmUpdated : .alarmResolved, alarm: updated))
            if !updated.isOpen {
                // Resolved by an operator: stop waiting for answers, and free the station that took it.
                let progress = dispatcher.finish(updated.id)
                step.dispatchProgress[updated.id] = .some(nil)
                if let station = progress?.acceptedBy {
                    setStation(station, status: .available, now: now, why: "alarm \(updated.id) resolved by \(action.by)", into: &step)
                }
            } else {
                step.dispatchProgress[updated.id] = progressJSON(updated.id)
            }
        }
        logger.notice("alarm \(action.kind.rawValue)", metadata: [
            "alarm_id": "\(updated.id)", "by": "\(action.by)", "state": "\(updated.state.rawValue)",
        ])
        return updated
    }
}
