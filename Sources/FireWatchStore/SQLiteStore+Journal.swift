import FireWatchCore
import Foundation
import GRDB

/// The journal: raw messages as received, in their own file, appended by ingest before PUBACK.
extension SQLiteStore {
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
        let result = try recorded(.journal) { try recent.withLock { window in
            var added: [(UInt64, Int64)] = []
            let result = try journalPool.write { db -> JournalAppend in
                added.removeAll(keepingCapacity: true)
                let insert = try db.cachedStatement(
                    sql: "INSERT INTO journal(topic, payload, received_at, dup, device, urgent, retained) VALUES (?, ?, ?, ?, ?, ?, ?)")
                var stored: [JournalEntry] = []
                stored.reserveCapacity(entries.count)
                var duplicates = 0
                for (e, digest) in zip(entries, digests) {
                    if e.dup, try Self.isStored(e, among: window.candidates(digest), db: db) {
                        duplicates += 1
                        continue
                    }
                    try insert.execute(arguments: [e.topic, Data(e.payload), e.receivedAt.timeIntervalSince1970, e.dup, e.device, e.urgent, e.retained])
                    var s = e
                    s.id = db.lastInsertedRowID
                    added.append((digest, s.id))
                    stored.append(s)
                }
                return JournalAppend(stored: stored, duplicates: duplicates)
            }
            // Only a committed burst enters the window and the backlog.
            for (digest, id) in added { window.insert(digest, id: id) }
            backlog.withLock { b in
                for e in result.stored { b.append(device: e.device, id: e.id, bytes: e.payload.count) }
            }
            return result
        } }
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
        try journalPool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(pipelineColumns) FROM journal WHERE id > ? ORDER BY id LIMIT ?", arguments: [id, limit]
            ).map(Self.journalEntry)
        }
    }

    /// GB/T 26875.3 frames over TCP journaled since `date`: (frame bytes, when received).
    public func gb26875Frames(since date: Date) throws -> [(frame: [UInt8], at: Date)] {
        try journalPool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT payload, received_at FROM journal INDEXED BY journal_gb26875 WHERE \(Schema.gb26875Rows) AND received_at >= ?",
                arguments: [date.timeIntervalSince1970]
            ).map { row in
                let payload: Data = row[0] ?? Data()
                return (Array(payload), Date(timeIntervalSince1970: row[1]))
            }
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
        return try journalPool.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.journalEntry) }
    }

    /// Number of journal rows matching the filters.
    public func journalCount(device: String? = nil, since: Date? = nil) throws -> Int {
        var sql = "SELECT COUNT(*) FROM journal WHERE 1"
        var args: [(any DatabaseValueConvertible)?] = []
        if let device { sql += " AND device = ?"; args.append(device) }
        if let since { sql += " AND received_at >= ?"; args.append(since.timeIntervalSince1970) }
        let arguments = StatementArguments(args)
        return try journalPool.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    static let journalColumns = "id, topic, payload, received_at, dup, device, urgent, retained"
    /// The columns of a journal kept inside the database by an older daemon (no `retained`).
    static let insideJournalColumns = "id, topic, payload, received_at, dup, device, urgent"

    /// The columns the pipeline reads: a payload over `payloadLimit` comes empty, with its size, so a
    /// flood of huge messages never sits in memory (512 rows of 10 MB each would be 5 GB).
    var pipelineColumns: String {
        "id, topic, CASE WHEN length(payload) > \(payloadLimit.load(ordering: .relaxed)) THEN X'' ELSE payload END, "
            + "received_at, dup, device, urgent, retained, length(payload)"
    }

    /// The largest payload the pipeline reads (`mqtt.max_payload_bytes`); larger ones stay in the
    /// journal and are counted, never decoded.
    public func setPayloadLimit(_ bytes: Int) { payloadLimit.store(bytes, ordering: .relaxed) }

    /// Payload bytes journaled and not yet processed (backpressure by bytes).
    public var unprocessedBytes: Int { backlog.withLock { $0.bytes } }

    /// A row of `journalColumns` or `pipelineColumns`, read by position (by-name lookups showed up
    /// in ingest profiles).
    static func journalEntry(_ row: Row) -> JournalEntry {
        let payload: Data = row[2] ?? Data()
        return JournalEntry(
            id: row[0], topic: row[1], payload: Array(payload),
            receivedAt: Date(timeIntervalSince1970: row[3]), dup: row[4], device: row[5], urgent: row[6], retained: row[7],
            size: row.count > 8 ? row[8] : nil)
    }

    /// Moves the rows of a journal table kept inside the database (an older daemon's, or a backup's)
    /// into the journal file, keeping their ids, then drops it there. Repeatable after a crash midway:
    /// rows already moved are skipped.
    static func moveJournalIn(_ path: String, from pool: DatabasePool, to journalPool: DatabasePool) throws {
        guard try pool.read({ db in try db.tableExists("journal") }) else { return }
        try journalPool.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS inside", arguments: [path])
            defer { try? db.execute(sql: "DETACH DATABASE inside") }
            try db.inTransaction {
                // A backup of this version carries `retained`; an older daemon's journal does not.
                let inside = try Row.fetchAll(db, sql: "PRAGMA inside.table_info(journal)").map { $0["name"] as String }
                let columns = inside.contains("retained") ? journalColumns : insideJournalColumns
                try db.execute(sql: """
                    INSERT OR IGNORE INTO journal(\(columns))
                    SELECT \(columns) FROM inside.journal ORDER BY id
                    """)
                return .commit
            }
        }
        try pool.write { db in try db.execute(sql: "DROP TABLE journal") }
    }

    /// The backlog: entries after the pipeline's `cursor`, by device.
    static func backlog(_ journalPool: DatabasePool, after cursor: Int64) throws -> Backlog {
        var backlog = Backlog(floor: cursor)
        try journalPool.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT id, device, length(payload) FROM journal WHERE id > ? ORDER BY id", arguments: [cursor])
            while let row = try rows.next() { backlog.append(device: row[1], id: row[0], bytes: row[2]) }
        }
        return backlog
    }

    /// The dedupe window: digests of the journal's rows after `id`.
    static func recentWindow(_ journalPool: DatabasePool, after id: Int64) throws -> RecentMessages {
        var window = RecentMessages(capacity: dedupeWindow)
        try journalPool.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT id, topic, payload FROM journal WHERE id > ? ORDER BY id", arguments: [id])
            while let row = try rows.next() {
                let payload: Data = row["payload"] ?? Data()
                window.insert(RecentMessages.digest(topic: row["topic"], payload: Array(payload)), id: row["id"])
            }
        }
        return window
    }
}
