import FireWatchCore
import Foundation
import GRDB

/// The MQTT outbox: what the pipeline decided to publish, kept from the commit that decided it until the
/// broker's PUBACK, so a dispatch decided just before a crash (or while the broker is away) still goes out.
extension SQLiteStore {
    /// Stores `messages` (returned with their ids) and forgets the rows the broker acknowledged (how many).
    func writeOutbound(_ messages: [OutboundMessage], delivered: [Int64], _ db: Database) throws -> ([OutboundMessage], Int) {
        var stored = messages
        let now = Date().timeIntervalSince1970
        for i in stored.indices {
            try db.cachedStatement(sql: "INSERT INTO mqtt_outbox(topic, payload, retain, created_at) VALUES (?, ?, ?, ?)")
                .execute(arguments: [stored[i].topic, Data(stored[i].payload), stored[i].retain, now])
            stored[i].id = db.lastInsertedRowID
        }
        var forgotten = 0
        for id in delivered {
            try db.cachedStatement(sql: "DELETE FROM mqtt_outbox WHERE id = ?").execute(arguments: [id])
            forgotten += db.changesCount
        }
        return (stored, forgotten)
    }

    /// Every message not yet acknowledged by the broker, oldest first (published again at start-up).
    public func pendingOutbound() throws -> [OutboundMessage] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, topic, payload, retain FROM mqtt_outbox ORDER BY id").map { row in
                // An empty payload (a retained topic cleared) may come back as NULL.
                let payload: Data? = row["payload"]
                return OutboundMessage(id: row["id"], topic: row["topic"], payload: payload.map(Array.init) ?? [], retain: row["retain"])
            }
        }
    }

    /// How many messages wait for the broker's acknowledgement, and since when the oldest.
    public func outboundBacklog() throws -> (count: Int, oldest: Date?) {
        try pool.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM mqtt_outbox")
            let oldest: Double? = row?["oldest"]
            return (row?["n"] ?? 0, oldest.map(Date.init(timeIntervalSince1970:)))
        }
    }
}
