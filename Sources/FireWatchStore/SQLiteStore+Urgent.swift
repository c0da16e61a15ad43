import FireWatchCore
import Foundation
import GRDB

/// The urgent lane: entries triage marked, and a device's earlier entries, read ahead of the cursor.
extension SQLiteStore {
    /// Urgent entries after `id`, oldest first.
    public func urgentJournal(after id: Int64, limit: Int) throws -> [JournalEntry] {
        try journalPool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(pipelineColumns) FROM journal WHERE id > ? AND urgent = 1 ORDER BY id LIMIT ?",
                arguments: [id, limit]
            ).map(Self.journalEntry)
        }
    }

    /// A device's entries with ids in `after` exclusive ... `through` inclusive, oldest first: found in
    /// the backlog, read by id; a range the backlog does not cover is scanned.
    public func journal(device: String, after: Int64, through: Int64) throws -> [JournalEntry] {
        guard let ids = backlog.withLock({ $0.ids(device: device, after: after, through: through) }) else {
            return try journalPool.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT \(pipelineColumns) FROM journal WHERE id > ? AND id <= ? AND device = ? ORDER BY id",
                    arguments: [after, through, device]
                ).map(Self.journalEntry)
            }
        }
        return try journalPool.read { db in
            let statement = try db.cachedStatement(sql: "SELECT \(pipelineColumns) FROM journal WHERE id = ?")
            return try ids.compactMap { id in try Row.fetchOne(statement, arguments: [id]).map(Self.journalEntry) }
        }
    }

    /// Entries after the cursor already processed ahead of their turn.
    public func processedAhead() throws -> [Int64] {
        try pool.read { db in try Int64.fetchAll(db, sql: "SELECT journal_id FROM pipeline_ahead ORDER BY journal_id") }
    }
}
