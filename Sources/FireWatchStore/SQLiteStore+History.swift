import FireWatchCore
import Foundation
import GRDB

extension SQLiteStore {
    /// Writes past alarms and hazards (`firewatch simulate --history`) as they are, in one transaction,
    /// leaving the pipeline's cursor, the events and the outbox alone: a running daemon is not moved.
    public func importHistory(alarms: [Alarm], hazards: [Hazard]) throws {
        try pool.write { db in
            for a in alarms {
                try Self.upsertDocument(
                    db, table: "alarms", timeColumn: "raised_at", id: a.id, episodeKey: a.episodeKey, device: a.device,
                    kind: a.kind.rawValue, state: a.state.rawValue, street: a.street, time: a.raisedAt, json: try json(a))
            }
            for h in hazards {
                try Self.upsertDocument(
                    db, table: "hazards", timeColumn: "opened_at", id: h.id, episodeKey: h.episodeKey, device: h.device,
                    kind: h.kind.rawValue, state: h.state.rawValue, street: h.street, time: h.openedAt, json: try json(h))
            }
        }
    }
}
