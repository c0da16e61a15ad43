import FireWatchCore
import Foundation
import GRDB
import Synchronization

/// FireWatch's durable state in one SQLite file (WAL mode, one writer, readers in parallel).
///
/// Durability: `synchronous = FULL` on the writer connection, so a committed transaction survives a
/// power loss as well as a process crash. Writes come in batches (a burst of MQTT messages, a pipeline
/// step) so the fsync per commit is shared.
public final class SQLiteStore: Sendable {
    let pool: DatabasePool
    let encoder: JSONEncoder
    let decoder: JSONDecoder
    /// Announces the newest event `seq` after each commit that added events.
    public let eventSignal: ProgressSignal
    /// Announces the newest journal id after each journal commit.
    public let journalSignal: ProgressSignal
    /// Announces the newest urgent journal id (triage found it may carry an emergency).
    public let urgentSignal: ProgressSignal
    /// Content of the journal's recent window, for dropping redeliveries (touched by the ingest thread).
    let recent: Mutex<RecentMessages>
    /// Rows in the recent window that a redelivery is checked against.
    public static let dedupeWindow = 200_000

    /// Opens (creating if needed) the database at `path` and runs pending migrations.
    public init(path: String, timeZone: TimeZone = .current) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        var config = Configuration()
        config.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: config)
        // After the pool exists: GRDB's WAL set-up runs after `prepareDatabase` and sets the writer to
        // `synchronous = NORMAL`, under which WAL commits are not fsynced. Only the writer commits.
        try pool.barrierWriteWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try Schema.migrator.migrate(pool)
        encoder = Timestamps.encoder(timeZone: timeZone)
        decoder = Timestamps.decoder()
        let (lastSeq, lastJournal, lastUrgent) = try pool.read { db in
            (try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM events") ?? 0,
             try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM journal") ?? 0,
             try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM journal WHERE urgent = 1") ?? 0)
        }
        eventSignal = ProgressSignal(position: lastSeq)
        journalSignal = ProgressSignal(position: lastJournal)
        urgentSignal = ProgressSignal(position: lastUrgent)
        var window = RecentMessages(capacity: Self.dedupeWindow)
        try pool.read { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT id, topic, payload FROM journal WHERE id > ? ORDER BY id",
                arguments: [lastJournal - Int64(Self.dedupeWindow)])
            while let row = try rows.next() {
                let payload: Data = row["payload"] ?? Data()
                window.insert(RecentMessages.digest(topic: row["topic"], payload: Array(payload)), id: row["id"])
            }
        }
        recent = Mutex(window)
    }

    /// The SQLite journal mode in force (`wal`).
    public func journalMode() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// The writer connection's `PRAGMA synchronous` (2 = FULL: every commit is fsynced).
    public func writerSynchronous() throws -> Int {
        try pool.barrierWriteWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// True when a write transaction can be opened (readiness).
    public func isWritable() -> Bool {
        (try? pool.write { db in try db.execute(sql: "SELECT 1") }) != nil
    }

    // MARK: - Journal

    /// What one journal append did.
    public struct JournalAppend: Sendable {
        /// The entries stored, with their ids.
        public var stored: [JournalEntry]
        /// Redeliveries (DUP flag) already in the recent window, not stored again.
        public var duplicates: Int
    }

    /// Appends a burst of raw messages in one transaction and returns them with their ids.
    /// Called on the MQTT loop thread before the burst's PUBACKs are written. A redelivered message
    /// (DUP flag) whose topic and payload are already in the recent window is counted, not stored;
    /// identical payloads without the flag are legitimate (heartbeats repeat) and are stored.
    @discardableResult
    public func appendJournal(_ entries: [JournalEntry]) throws -> JournalAppend {
        guard !entries.isEmpty else { return JournalAppend(stored: [], duplicates: 0) }
        let digests = entries.map { RecentMessages.digest(topic: $0.topic, payload: $0.payload) }
        let result = try recent.withLock { window in
            var added: [(UInt64, Int64)] = []
            let result = try pool.write { db -> JournalAppend in
                added.removeAll(keepingCapacity: true)
                let insert = try db.cachedStatement(
                    sql: "INSERT INTO journal(topic, payload, received_at, dup, device, urgent) VALUES (?, ?, ?, ?, ?, ?)")
                var stored: [JournalEntry] = []
                stored.reserveCapacity(entries.count)
                var duplicates = 0
                for (e, digest) in zip(entries, digests) {
                    if e.dup, try Self.isStored(e, among: window.candidates(digest), db: db) {
                        duplicates += 1
                        continue
                    }
                    try insert.execute(arguments: [e.topic, Data(e.payload), e.receivedAt.timeIntervalSince1970, e.dup, e.device, e.urgent])
                    var s = e
                    s.id = db.lastInsertedRowID
                    added.append((digest, s.id))
                    stored.append(s)
                }
                return JournalAppend(stored: stored, duplicates: duplicates)
            }
            // Only a committed burst enters the window.
            for (digest, id) in added { window.insert(digest, id: id) }
            return result
        }
        if let last = result.stored.last(where: \.urgent)?.id { urgentSignal.advance(to: last) }
        if let last = result.stored.last?.id { journalSignal.advance(to: last) }
        return result
    }

    static func isStored(_ e: JournalEntry, among ids: [Int64], db: Database) throws -> Bool {
        guard !ids.isEmpty else { return false }
        let statement = try db.cachedStatement(sql: "SELECT topic, payload FROM journal WHERE id = ?")
        for id in ids.reversed() {
            guard let row = try Row.fetchOne(statement, arguments: [id]) else { continue }
            let payload: Data = row["payload"] ?? Data()
            if row["topic"] == e.topic, payload.elementsEqual(e.payload) { return true }
        }
        return false
    }

    /// Journal entries with id greater than `id`, oldest first.
    public func journal(after id: Int64, limit: Int) throws -> [JournalEntry] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.journalColumns) FROM journal WHERE id > ? ORDER BY id LIMIT ?", arguments: [id, limit]
            ).map(Self.journalEntry)
        }
    }

    /// Journal entries filtered by device and receive time, oldest first.
    public func journal(device: String?, since: Date?, after id: Int64 = 0, limit: Int) throws -> [JournalEntry] {
        var sql = "SELECT \(Self.journalColumns) FROM journal WHERE id > ?"
        var args: [(any DatabaseValueConvertible)?] = [id]
        if let device { sql += " AND device = ?"; args.append(device) }
        if let since { sql += " AND received_at >= ?"; args.append(since.timeIntervalSince1970) }
        sql += " ORDER BY id LIMIT ?"
        args.append(limit)
        let arguments = StatementArguments(args)
        return try pool.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.journalEntry) }
    }

    /// Number of journal rows matching the filters.
    public func journalCount(device: String? = nil, since: Date? = nil) throws -> Int {
        var sql = "SELECT COUNT(*) FROM journal WHERE 1"
        var args: [(any DatabaseValueConvertible)?] = []
        if let device { sql += " AND device = ?"; args.append(device) }
        if let since { sql += " AND received_at >= ?"; args.append(since.timeIntervalSince1970) }
        let arguments = StatementArguments(args)
        return try pool.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    static let journalColumns = "id, topic, payload, received_at, dup, device, urgent"

    /// A row of `journalColumns`, read by position (by-name lookups showed up in ingest profiles).
    static func journalEntry(_ row: Row) -> JournalEntry {
        let payload: Data = row[2] ?? Data()
        return JournalEntry(
            id: row[0], topic: row[1], payload: Array(payload),
            receivedAt: Date(timeIntervalSince1970: row[3]), dup: row[4], device: row[5], urgent: row[6])
    }

    // MARK: - Cursors

    /// A named progress marker (0 when never set).
    public func cursor(_ name: String) throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT position FROM cursors WHERE name = ?", arguments: [name]) ?? 0 }
    }
}
