import FireWatchCore
import Foundation
import GRDB

/// The outbox of outbound HTTP targets (`notify.targets`): a row per event and target, written in the
/// transaction that wrote the event, so nothing decided is lost between a commit and a send. Delivery
/// takes each target's oldest pending row (in order per target) and records what became of it.
extension SQLiteStore {
    /// The targets' routes the commit writes rows for (set at start and on reload).
    public func setNotifyRoutes(_ routes: [NotifyRoute]) { notifyRoutes.withLock { $0 = routes } }

    /// Writes the outbox rows of `events` (already given their `seq`) inside the commit's transaction.
    /// `phones`: a notice's numbers by event seq, kept on the row of the target the notice names.
    func writeOutbox(_ events: [FeedEvent], _ db: Database, routes: [NotifyRoute], phones: [Int64: [String]] = [:]) throws {
        guard !routes.isEmpty else { return }
        let now = Date().timeIntervalSince1970
        for e in events {
            for r in routes where r.matches(e) {
                let numbers = e.notice?.target == r.target ? phones[e.seq].map { $0.joined(separator: ",") } : nil
                try db.cachedStatement(sql: "INSERT INTO outbox(target, seq, state, attempts, created_at, next_at, phones) VALUES (?, ?, 'pending', 0, ?, ?, ?)")
                    .execute(arguments: [r.target, e.seq, now, now, numbers])
            }
        }
    }

    /// Each target's oldest pending row whose attempt is due at `now`, with its event.
    public func dueDeliveries(now: Date, targets: [String]) throws -> [(OutboxDelivery, FeedEvent?)] {
        try pool.read { db in
            var due: [(OutboxDelivery, FeedEvent?)] = []
            for target in targets {
                guard let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM outbox WHERE target = ? AND state = 'pending' ORDER BY id LIMIT 1", arguments: [target])
                else { continue }
                let d = Self.delivery(row)
                guard (d.nextAt ?? .distantPast) <= now else { continue }
                let json = try String.fetchOne(db, sql: "SELECT json FROM events WHERE seq = ?", arguments: [d.seq])
                // An event that no longer decodes is a dead letter, never a stuck queue.
                var event = json.flatMap { try? decoder.decode(FeedEvent.self, from: Data($0.utf8)) }
                event?.seq = d.seq
                due.append((d, event))
            }
            return due
        }
    }

    /// Records an attempt: delivered, failed with a next attempt at `retryAt`, or dead (`retryAt` nil).
    public func recordAttempt(_ id: Int64, delivered: Bool, error: String?, retryAt: Date?, now: Date) throws {
        try pool.write { db in
            let state = delivered ? "delivered" : retryAt == nil ? "dead" : "pending"
            try db.execute(
                sql: """
                    UPDATE outbox SET state = ?, attempts = attempts + 1, last_error = ?, next_at = ?,
                      delivered_at = CASE WHEN ? THEN ? ELSE delivered_at END WHERE id = ?
                    """,
                arguments: [state, error, retryAt?.timeIntervalSince1970, delivered, now.timeIntervalSince1970, id])
        }
    }

    /// Rows by state (newest first), for `GET /api/v1/notify`.
    public func deliveries(state: OutboxDelivery.State?, target: String? = nil, limit: Int = 200) throws -> [OutboxDelivery] {
        try pool.read { db in
            var sql = "SELECT * FROM outbox WHERE 1"
            var args: [(any DatabaseValueConvertible)?] = []
            if let state { sql += " AND state = ?"; args.append(state.rawValue) }
            if let target { sql += " AND target = ?"; args.append(target) }
            sql += " ORDER BY id DESC LIMIT ?"
            args.append(limit)
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(Self.delivery)
        }
    }

    /// Pending rows by target (the partial index: no walk over what was delivered).
    public func pendingCounts() throws -> [String: Int] {
        try pool.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT target, COUNT(*) AS n FROM outbox WHERE state = 'pending' GROUP BY target") {
                counts[row["target"]] = row["n"]
            }
            return counts
        }
    }

    /// Counts by target and state.
    public func outboxCounts() throws -> [String: [OutboxDelivery.State: Int]] {
        try pool.read { db in
            var counts: [String: [OutboxDelivery.State: Int]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT target, state, COUNT(*) AS n FROM outbox GROUP BY target, state") {
                guard let state = OutboxDelivery.State(rawValue: row["state"]) else { continue }
                counts[row["target"], default: [:]][state] = row["n"]
            }
            return counts
        }
    }

    /// Dead letters back to pending, due now: all of them, a target's, or the ones named by delivery id.
    /// Returns how many.
    @discardableResult
    public func retryDead(target: String?, deliveryIDs: [String]) throws -> Int {
        try pool.write { db in
            var sql = "UPDATE outbox SET state = 'pending', next_at = ?, last_error = NULL WHERE state = 'dead'"
            var args: [(any DatabaseValueConvertible)?] = [Date().timeIntervalSince1970]
            if let target { sql += " AND target = ?"; args.append(target) }
            if !deliveryIDs.isEmpty {
                sql += " AND (target || '-' || seq) IN (\(deliveryIDs.map { _ in "?" }.joined(separator: ",")))"
                args += deliveryIDs.map { $0 }
            }
            try db.execute(sql: sql, arguments: StatementArguments(args))
            return db.changesCount
        }
    }

    static func delivery(_ row: Row) -> OutboxDelivery {
        let next: Double? = row["next_at"], delivered: Double? = row["delivered_at"]
        let phones: String? = row["phones"]
        var d = OutboxDelivery(
            id: row["id"], target: row["target"], seq: row["seq"], state: OutboxDelivery.State(rawValue: row["state"]) ?? .pending,
            attempts: row["attempts"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
            nextAt: next.map(Date.init(timeIntervalSince1970:)), deliveredAt: delivered.map(Date.init(timeIntervalSince1970:)),
            lastError: row["last_error"])
        d.phones = phones.map { $0.split(separator: ",").map(String.init) }
        return d
    }
}
