import FireWatchCore
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
        var step = PipelineCommit(cursor: cursor)
        step.alarms = [updated]
        step.events = [FeedEvent(at: now, type: updated.isOpen ? .alarmUpdated : .alarmResolved, alarm: updated)]
        try store.commit(step)
        alarms.store(updated)
        send(alarmTopic(updated))
        metrics.setOpenAlarms(alarms.open.values)
        logger.notice("alarm \(action.kind.rawValue)", metadata: [
            "alarm_id": "\(updated.id)", "by": "\(action.by)", "state": "\(updated.state.rawValue)",
        ])
        return updated
    }
}
