import FireWatchCore
import FireWatchDispatch
import FireWatchHazards
import FireWatchStore
import Foundation
import Logging

extension Pipeline {
    /// Applies an operator or station action to an open alarm: persisted with its event, then the
    /// retained alarm topic is updated (cleared when resolved). Runs on the pipeline actor, the single
    /// writer of alarm state.
    public func apply(_ action: AlarmAction) throws -> Alarm {
        let now = clock.now()
        let changes: [HazardEngineChange]
        let result = Result { () throws(AlarmActionError) in try engine.apply(action, now: now) { Identifiers.make(prefix: $0, at: now) } }
        switch result {
        case .success(let c):
            changes = c
        case .failure(let error):
            // Not open: a resolved alarm answers 409, an unknown id 404.
            if case .notFound(let id) = error, let stored = try store.alarm(id: id) { _ = try stored.applying(action, at: now) }
            throw error
        }
        try commitSide([], now: now) { step, outbound in
            apply(changes, receivedAt: nil, journalID: nil, now: now, into: &step, outbound: &outbound)
        }
        let updated = changes.compactMap(\.alarm).first { $0.id == action.alarmID }
        logger.notice("alarm \(action.kind.rawValue)", metadata: [
            "alarm_id": "\(action.alarmID)", "by": "\(action.by)", "state": "\(updated?.state.rawValue ?? "")",
        ])
        guard let updated else { throw AlarmActionError.notFound(action.alarmID) }
        return updated
    }
}
