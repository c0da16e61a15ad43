import FireWatchCore
import Foundation
import GRDB

extension SQLiteStore {
    public static let pipelineCursor = "pipeline"

    /// Commits a pipeline step in one transaction and returns its events with their `seq` and its
    /// outbound messages with their outbox ids.
    @discardableResult
    public func commit(_ step: PipelineCommit) throws -> CommittedStep {
        let routes = step.events.isEmpty ? [] : notifyRoutes.withLock { $0 }
        let done = try recorded(.state) { try pool.write { db -> CommittedStep in
            for a in step.alarms {
                try Self.upsertDocument(
                    db, table: "alarms", timeColumn: "raised_at", id: a.id, episodeKey: a.episodeKey, device: a.device,
                    kind: a.kind.rawValue, state: a.state.rawValue, street: a.street, time: a.raisedAt, json: try json(a))
            }
            for d in step.dispatches {
                try db.execute(
                    sql: "INSERT INTO dispatches(id, alarm_id, station_id, rank, at, json) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [d.dispatchID, d.alarmID, d.stationID, d.rank, d.at.timeIntervalSince1970, try json(d)])
            }
            for h in step.hazards {
                try Self.upsertDocument(
                    db, table: "hazards", timeColumn: "opened_at", id: h.id, episodeKey: h.episodeKey, device: h.device,
                    kind: h.kind.rawValue, state: h.state.rawValue, street: h.street, time: h.openedAt, json: try json(h))
            }
            for p in step.photos {
                try db.execute(
                    sql: "INSERT INTO hazard_photos(hazard_id, n, content_type, data) VALUES (?, ?, ?, ?)",
                    arguments: [p.hazardID, p.index, p.contentType.rawValue, p.data])
            }
            for row in step.memoryRows {
                if let json = row.json {
                    try db.cachedStatement(sql: """
                        INSERT INTO engine_state(part, key, json) VALUES (?, ?, ?)
                        ON CONFLICT(part, key) DO UPDATE SET json = excluded.json
                        """).execute(arguments: [row.part, row.key, json])
                } else {
                    try db.cachedStatement(sql: "DELETE FROM engine_state WHERE part = ? AND key = ?").execute(arguments: [row.part, row.key])
                }
            }
            if step.dropLegacyMemory { try db.execute(sql: "DELETE FROM engine_memory") }
            for (alarmID, json) in step.dispatchProgress {
                if let json {
                    try db.execute(
                        sql: "INSERT INTO dispatch_progress(alarm_id, json) VALUES (?, ?) ON CONFLICT(alarm_id) DO UPDATE SET json = excluded.json",
                        arguments: [alarmID, json])
                } else {
                    try db.execute(sql: "DELETE FROM dispatch_progress WHERE alarm_id = ?", arguments: [alarmID])
                }
            }
            for (stationID, status) in step.stationStatus {
                try db.execute(
                    sql: """
                        INSERT INTO station_status(station_id, status, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT(station_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at
                        """,
                    arguments: [stationID, status, Date().timeIntervalSince1970])
            }
            var stored: [FeedEvent] = []
            var phones: [Int64: [String]] = [:]
            for var e in step.events {
                // A notice's numbers go only into its sms target's outbox row, never into the stream.
                let numbers = e.notice?.phones
                e.notice = e.notice?.withoutPhones
                try db.cachedStatement(sql: "INSERT INTO events(at, type, alarm_id, street, json) VALUES (?, ?, ?, ?, ?)")
                    .execute(arguments: [e.at.timeIntervalSince1970, e.type.rawValue, e.alarm?.id, e.alarm?.street ?? e.hazard?.street, try json(e)])
                e.seq = db.lastInsertedRowID
                if let numbers { phones[e.seq] = numbers }
                stored.append(e)
            }
            try writeOutbox(stored, db, routes: routes, phones: phones)
            let (outbound, forgotten) = try writeOutbound(step.outbound, delivered: step.delivered, db)
            try db.execute(
                sql: "INSERT INTO cursors(name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position",
                arguments: [Self.pipelineCursor, step.cursor])
            for id in step.ahead {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO pipeline_ahead(journal_id) VALUES (?)").execute(arguments: [id])
            }
            try db.cachedStatement(sql: "DELETE FROM pipeline_ahead WHERE journal_id <= ?").execute(arguments: [step.cursor])
            return CommittedStep(events: stored, outbound: outbound, forgotten: forgotten)
        } }
        backlog.withLock { $0.advance(to: step.cursor) }
        if let last = done.events.last?.seq { eventSignal.advance(to: last) }
        return done
    }

    /// Inserts or updates an alarm or hazard row: its indexed columns, and the document as JSON.
    static func upsertDocument(
        _ db: Database, table: String, timeColumn: String, id: String, episodeKey: String, device: String, kind: String,
        state: String, street: String, time: Date, json: String
    ) throws {
        try db.cachedStatement(sql: """
            INSERT INTO \(table)(id, episode_key, device, kind, state, street, \(timeColumn), json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET state = excluded.state, json = excluded.json
            """).execute(arguments: [id, episodeKey, device, kind, state, street, time.timeIntervalSince1970, json])
    }

    func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    // MARK: - Reads

    /// Open alarms, oldest first (rebuilds the pipeline's book at start-up).
    public func openAlarms() throws -> [Alarm] {
        try alarms(openOnly: true, street: nil, limit: 100_000)
    }

    /// Alarms, newest first.
    public func alarms(openOnly: Bool, street: String?, limit: Int = 1000) throws -> [Alarm] {
        try documents(Alarm.self, table: "alarms", closedState: openOnly ? "resolved" : nil, street: street, orderBy: "raised_at", limit: limit)
    }

    /// JSON documents of `table` (alarms, hazards), newest first, optionally without those in
    /// `closedState` and for one street.
    func documents<T: Decodable>(
        _ type: T.Type, table: String, closedState: String?, street: String?, orderBy: String, limit: Int, state: String? = nil
    ) throws -> [T] {
        var sql = "SELECT json FROM \(table) WHERE 1"
        var args: [(any DatabaseValueConvertible)?] = []
        if let closedState { sql += " AND state != ?"; args.append(closedState) }
        if let state { sql += " AND state = ?"; args.append(state) }
        if let street { sql += " AND street = ?"; args.append(street) }
        sql += " ORDER BY \(orderBy) DESC LIMIT ?"
        args.append(limit)
        let arguments = StatementArguments(args)
        let rows = try pool.read { db in try String.fetchAll(db, sql: sql, arguments: arguments) }
        return try rows.map { try decoder.decode(T.self, from: Data($0.utf8)) }
    }

    public func alarm(id: String) throws -> Alarm? {
        let row = try pool.read { db in try String.fetchOne(db, sql: "SELECT json FROM alarms WHERE id = ?", arguments: [id]) }
        return try row.map { try decoder.decode(Alarm.self, from: Data($0.utf8)) }
    }

    /// Hazards, newest first; `openOnly` keeps those not yet closed.
    public func hazards(openOnly: Bool, street: String? = nil, state: HazardState? = nil, limit: Int = 10_000) throws -> [Hazard] {
        try documents(
            Hazard.self, table: "hazards", closedState: openOnly ? "closed" : nil, street: street, orderBy: "opened_at", limit: limit,
            state: state?.rawValue)
    }

    /// One stored hazard by id, open or closed.
    public func hazard(id: String) throws -> Hazard? {
        let row = try pool.read { db in try String.fetchOne(db, sql: "SELECT json FROM hazards WHERE id = ?", arguments: [id]) }
        return try row.map { try decoder.decode(Hazard.self, from: Data($0.utf8)) }
    }

    /// Photo `n` of a hazard, if it was stored.
    public func hazardPhoto(hazardID: String, index: Int) throws -> HazardPhoto? {
        try pool.read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT content_type, data FROM hazard_photos WHERE hazard_id = ? AND n = ?", arguments: [hazardID, index])
            else { return nil }
            guard let type = HazardPhoto.ContentType(rawValue: row[0]) else { return nil }
            return HazardPhoto(hazardID: hazardID, index: index, contentType: type, data: row[1])
        }
    }

    /// The old one-document engine memory (written before engine_state rows), if any is left.
    public func legacyEngineMemory() throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT json FROM engine_memory WHERE name = 'hazards'") }
    }

    /// Every stored row of the hazard engine's memory.
    public func memoryRows() throws -> [MemoryRow] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT part, key, json FROM engine_state").map { MemoryRow(part: $0[0], key: $0[1], json: $0[2]) }
        }
    }

    /// Dispatch progress of open alarms, as stored JSON.
    public func dispatchProgress() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "SELECT json FROM dispatch_progress") }
    }

    /// Live station statuses by station id.
    public func stationStatuses() throws -> [String: String] {
        try pool.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT station_id, status FROM station_status").map {
                ($0[0] as String, $0[1] as String)
            })
        }
    }

    /// The dispatch with this id.
    public func dispatch(id: String) throws -> DispatchOrder? {
        let row = try pool.read { db in try String.fetchOne(db, sql: "SELECT json FROM dispatches WHERE id = ?", arguments: [id]) }
        return try row.map { try decoder.decode(DispatchOrder.self, from: Data($0.utf8)) }
    }

    /// Dispatches of one alarm, in page order.
    public func dispatches(alarmID: String) throws -> [DispatchOrder] {
        let rows = try pool.read { db in
            try String.fetchAll(db, sql: "SELECT json FROM dispatches WHERE alarm_id = ? ORDER BY at, rank", arguments: [alarmID])
        }
        return try rows.map { try decoder.decode(DispatchOrder.self, from: Data($0.utf8)) }
    }

    /// Events with `seq` greater than `seq`, oldest first.
    public func events(after seq: Int64, limit: Int) throws -> [FeedEvent] {
        let rows = try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, json FROM events WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [seq, limit])
        }
        return try rows.map { row in
            var e = try decoder.decode(FeedEvent.self, from: Data((row["json"] as String).utf8))
            e.seq = row["seq"]
            return e
        }
    }

    /// The `seq` just before the first event at or after `date` (resume point for `--since`).
    public func seq(before date: Date) throws -> Int64 {
        try pool.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT COALESCE(MIN(seq), (SELECT COALESCE(MAX(seq), 0) + 1 FROM events)) - 1 FROM events WHERE at >= ?",
                arguments: [date.timeIntervalSince1970]) ?? 0
        }
    }
}
