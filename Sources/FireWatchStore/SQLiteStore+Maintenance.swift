import FireWatchCore
import Foundation
import GRDB

extension SQLiteStore {
    /// Copies the live database to `path` with SQLite's online backup API: consistent, while the
    /// daemon keeps writing (readers and the writer are not blocked for the whole copy).
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError("\(path) exists; choose a new file for the backup")
        }
        let target = try DatabaseQueue(path: path)
        try pool.backup(to: target)
        try target.close()
    }

    /// What a retention pass removed.
    public struct Pruned: Sendable, Equatable {
        public var journalRows: Int
        public var events: Int

        public init(journalRows: Int, events: Int) {
            self.journalRows = journalRows
            self.events = events
        }
    }

    /// Deletes journal rows received before `journalBefore` that the pipeline has already processed,
    /// and stream events before `eventsBefore`. Alarms and dispatches are kept: they are the record.
    @discardableResult
    public func prune(journalBefore: Date?, eventsBefore: Date?) throws -> Pruned {
        try pool.write { db in
            var pruned = Pruned(journalRows: 0, events: 0)
            if let journalBefore {
                let cursor = try Int64.fetchOne(db, sql: "SELECT position FROM cursors WHERE name = ?", arguments: [Self.pipelineCursor]) ?? 0
                try db.execute(
                    sql: "DELETE FROM journal WHERE received_at < ? AND id <= ?",
                    arguments: [journalBefore.timeIntervalSince1970, cursor])
                pruned.journalRows = db.changesCount
            }
            if let eventsBefore {
                try db.execute(sql: "DELETE FROM events WHERE at < ?", arguments: [eventsBefore.timeIntervalSince1970])
                pruned.events = db.changesCount
            }
            return pruned
        }
    }
}

/// A store operation refused, with why.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
