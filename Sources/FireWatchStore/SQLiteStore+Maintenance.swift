import FireWatchCore
import Foundation
import GRDB

extension SQLiteStore {
    /// Copies the live database and then its journal into one new file at `path` with SQLite's online
    /// backup: consistent while the daemon keeps writing (the journal is copied after the state, so it
    /// holds every entry the state's cursor has passed). Opening the copy moves the journal back out.
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError("\(path) exists; choose a new file for the backup")
        }
        let target = try DatabaseQueue(path: path)
        try pool.backup(to: target)
        try target.close()
        let journal = try DatabaseQueue(path: path)
        defer { try? journal.close() }
        try journal.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS live", arguments: [Self.journalPath(for: self.path)])
            defer { try? db.execute(sql: "DETACH DATABASE live") }
            try db.inTransaction {
                let schema = try String.fetchAll(db, sql: "SELECT sql FROM live.sqlite_master WHERE tbl_name = 'journal' AND sql IS NOT NULL")
                for sql in schema { try db.execute(sql: sql) }
                try db.execute(sql: "INSERT INTO journal SELECT * FROM live.journal ORDER BY id")
                return .commit
            }
        }
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
        var pruned = Pruned(journalRows: 0, events: 0)
        if let journalBefore {
            let cursor = try cursor(Self.pipelineCursor)
            pruned.journalRows = try journalPool.write { db in
                try db.execute(
                    sql: "DELETE FROM journal WHERE received_at < ? AND id <= ?",
                    arguments: [journalBefore.timeIntervalSince1970, cursor])
                return db.changesCount
            }
        }
        if let eventsBefore {
            pruned.events = try pool.write { db in
                try db.execute(sql: "DELETE FROM events WHERE at < ?", arguments: [eventsBefore.timeIntervalSince1970])
                let n = db.changesCount
                // Delivered outbox rows go with their events; pending and dead ones stay until dealt with.
                try db.execute(sql: "DELETE FROM outbox WHERE state = 'delivered' AND delivered_at < ?", arguments: [eventsBefore.timeIntervalSince1970])
                return n
            }
        }
        return pruned
    }
}

/// A store operation refused, with why.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
