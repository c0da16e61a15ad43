import FireWatchCore
import Foundation
import GRDB

/// The reads a report is computed from (read-only; one snapshot per call).
extension SQLiteStore {
    /// Alarms raised in `[from, to)`, oldest first (the `alarms_state` index does not help: a range scan
    /// over `raised_at` through the v10 index).
    public func alarms(raisedFrom from: Date, to: Date) throws -> [Alarm] {
        let rows = try pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT json FROM alarms WHERE raised_at >= ? AND raised_at < ? ORDER BY raised_at",
                arguments: [from.timeIntervalSince1970, to.timeIntervalSince1970])
        }
        return try rows.map { try decoder.decode(Alarm.self, from: Data($0.utf8)) }
    }

    /// Hazards opened before `to` that were still open at `from` or later (closed ones are kept only
    /// when their JSON says they closed at or after `from`).
    public func hazards(openBefore to: Date, stillOpenAt from: Date) throws -> [Hazard] {
        let rows = try pool.read { db in
            try String.fetchAll(db, sql: "SELECT json FROM hazards WHERE opened_at < ? ORDER BY opened_at", arguments: [to.timeIntervalSince1970])
        }
        return try rows.compactMap { row in
            let h = try decoder.decode(Hazard.self, from: Data(row.utf8))
            return h.closedAt.map { $0 >= from } ?? true ? h : nil
        }
    }
}
