import FireWatchCore
import Foundation
import GRDB
import Synchronization

/// FireWatch's durable state in two SQLite files, each in WAL mode with one writer and readers in parallel.
///
/// Durability: `synchronous = FULL` on the writer connection, so a committed transaction survives a
/// power loss as well as a process crash. Writes come in batches (a burst of MQTT messages, a pipeline
/// step) so the fsync per commit is shared.
public final class SQLiteStore: Sendable {
    /// Everything but the journal: the pipeline's state, alarms, events. Written by the pipeline.
    let pool: DatabasePool
    /// The journal, in its own file: written by ingest alone, so a burst's commit never waits for a
    /// pipeline step's (and the other way round); the pipeline reads it and keeps its cursor in `pool`.
    let journalPool: DatabasePool
    /// The database file (the journal is at `journalPath(for: path)`).
    public let path: String
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
    /// The entries after the pipeline's cursor by device (appended by ingest, advanced by the pipeline's commits).
    let backlog: Mutex<Backlog>
    /// Outbound targets whose outbox rows each commit writes (`setNotifyRoutes`).
    let notifyRoutes = Mutex<[NotifyRoute]>([])
    /// See `setPayloadLimit` (INTERFACES.md default 262144).
    let payloadLimit = Atomic<Int>(262_144)
    /// Whether the store takes writes (readiness, the watchdog), kept without blocking whoever asks.
    public let health: StoreHealth
    /// Rows in the recent window that a redelivery is checked against.
    public static let dedupeWindow = 200_000

    /// Opens (creating if needed) the database at `path` and its journal beside it (`journalPath(for:)`),
    /// runs pending migrations, and moves a journal kept inside the database (older daemons, backups)
    /// into the journal file.
    public init(path: String, timeZone: TimeZone = .current) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        self.path = path
        pool = try Self.openPool(path)
        try Schema.migrator.migrate(pool)
        journalPool = try Self.openPool(Self.journalPath(for: path))
        try Schema.journalMigrator.migrate(journalPool)
        try Self.moveJournalIn(path, from: pool, to: journalPool)
        encoder = Timestamps.encoder(timeZone: timeZone)
        decoder = Timestamps.decoder()
        let lastSeq = try pool.read { db in try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM events") ?? 0 }
        let (lastJournal, lastUrgent) = try journalPool.read { db in
            (try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM journal") ?? 0,
             try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM journal WHERE urgent = 1") ?? 0)
        }
        eventSignal = ProgressSignal(position: lastSeq)
        journalSignal = ProgressSignal(position: lastJournal)
        urgentSignal = ProgressSignal(position: lastUrgent)
        recent = Mutex(try Self.recentWindow(journalPool, after: lastJournal - Int64(Self.dedupeWindow)))
        backlog = Mutex(try Self.backlog(journalPool, after: try pool.read { db in try Self.cursor(Self.pipelineCursor, db) }))
        let pools: [(StoreHealth.Writer, DatabasePool)] = [(.state, pool), (.journal, journalPool)]
        let here = folder.isEmpty ? "." : folder
        health = StoreHealth(freeBytes: { StoreHealth.freeBytes(at: here) }, probe: { health in try Self.probeWrite(pools, health: health) })
    }

    /// A small committed write to each file (a `probe` row), waiting at most 200 ms for a lock held
    /// elsewhere (this process's own writes are ahead of it on the writer, not in the lock): a lock,
    /// a full disk or a refused write shows within about a second, even with no traffic.
    static func probeWrite(_ pools: [(StoreHealth.Writer, DatabasePool)], health: StoreHealth) throws {
        let now = Date().timeIntervalSince1970
        for (writer, p) in pools where !health.committedRecently(writer) {
            try p.writeWithoutTransaction { db in
                health.probing(writer)
                defer { health.probing(nil) }
                try db.execute(sql: "PRAGMA busy_timeout = 200")
                defer { try? db.execute(sql: "PRAGMA busy_timeout = 10000") }
                try db.inTransaction {
                    try db.execute(sql: "INSERT INTO probe(id, at) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET at = excluded.at", arguments: [now])
                    return .commit
                }
            }
            health.probed(writer)
        }
    }

    deinit { health.stop() }

    /// Runs a writer's commit and tells `health` how it went.
    func recorded<T>(_ writer: StoreHealth.Writer, _ body: () throws -> T) rethrows -> T {
        do {
            let result = try body()
            health.recordCommit(writer, nil)
            return result
        } catch {
            health.recordCommit(writer, error, transient: Self.isTransient(error))
            throw error
        }
    }

    /// A lock, a full disk or an I/O error: over once a write to the file succeeds again.
    static func isTransient(_ error: any Error) -> Bool {
        guard let e = error as? DatabaseError else { return false }
        return [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_CANTOPEN].contains(e.resultCode)
    }

    /// The journal's own file beside the database: `firewatch.sqlite` → `firewatch.journal.sqlite`.
    public static func journalPath(for path: String) -> String {
        let ext = (path as NSString).pathExtension
        guard !ext.isEmpty else { return path + ".journal" }
        return ((path as NSString).deletingPathExtension as NSString).appendingPathExtension("journal.\(ext)") ?? path + ".journal"
    }

    /// A WAL pool whose writer fsyncs every commit.
    static func openPool(_ path: String) throws -> DatabasePool {
        var config = Configuration()
        config.busyMode = .timeout(10)
        let pool = try DatabasePool(path: path, configuration: config)
        // After the pool exists: GRDB's WAL set-up runs after `prepareDatabase` and sets the writer to
        // `synchronous = NORMAL`, under which WAL commits are not fsynced. Only the writer commits.
        try pool.barrierWriteWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        return pool
    }

    /// The SQLite journal mode in force in the database and in the journal (`wal`, `wal`).
    public func journalMode() throws -> [String] {
        try [pool, journalPool].map { p in try p.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" } }
    }

    /// The writer connections' `PRAGMA synchronous`, database then journal (2 = FULL: every commit is fsynced).
    public func writerSynchronous() throws -> [Int] {
        try [pool, journalPool].map { p in try p.barrierWriteWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 } }
    }


    // MARK: - Cursors

    /// A named progress marker (0 when never set).
    public func cursor(_ name: String) throws -> Int64 {
        try pool.read { db in try Self.cursor(name, db) }
    }

    static func cursor(_ name: String, _ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT position FROM cursors WHERE name = ?", arguments: [name]) ?? 0
    }
}
