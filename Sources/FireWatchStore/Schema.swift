import GRDB

/// The database schema, as ordered migrations. Append new migrations; never edit a shipped one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-journal-alarms-dispatches-events") { db in
            // Raw messages exactly as received; append-only, auditable, re-decodable.
            try db.execute(sql: """
                CREATE TABLE journal (
                    id INTEGER PRIMARY KEY,
                    topic TEXT NOT NULL,
                    payload BLOB NOT NULL,
                    received_at REAL NOT NULL,
                    dup INTEGER NOT NULL DEFAULT 0,
                    device TEXT
                );
                CREATE INDEX journal_device ON journal(device, id);
                CREATE INDEX journal_received_at ON journal(received_at);

                CREATE TABLE alarms (
                    id TEXT PRIMARY KEY,
                    episode_key TEXT NOT NULL,
                    device TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    state TEXT NOT NULL,
                    street TEXT NOT NULL,
                    raised_at REAL NOT NULL,
                    json TEXT NOT NULL
                );
                -- One open alarm per (device, point, kind), enforced by the database as well.
                CREATE UNIQUE INDEX alarms_one_open_per_episode ON alarms(episode_key) WHERE state != 'resolved';
                CREATE INDEX alarms_state ON alarms(state, raised_at);

                CREATE TABLE dispatches (
                    id TEXT PRIMARY KEY,
                    alarm_id TEXT NOT NULL REFERENCES alarms(id),
                    station_id TEXT NOT NULL,
                    rank INTEGER NOT NULL,
                    at REAL NOT NULL,
                    json TEXT NOT NULL
                );
                CREATE UNIQUE INDEX dispatches_one_page_per_station ON dispatches(alarm_id, station_id);

                CREATE TABLE events (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    at REAL NOT NULL,
                    type TEXT NOT NULL,
                    alarm_id TEXT,
                    street TEXT,
                    json TEXT NOT NULL
                );
                CREATE INDEX events_at ON events(at);

                -- Progress markers, e.g. the last journal id the pipeline has fully processed.
                CREATE TABLE cursors (
                    name TEXT PRIMARY KEY,
                    position INTEGER NOT NULL
                );
                """)
        }
        m.registerMigration("v2-dispatch-progress-station-status") { db in
            try db.execute(sql: """
                -- Where each open alarm stands in dispatch (paged stations, awaited page, escalation),
                -- so re-page timers survive a restart.
                CREATE TABLE dispatch_progress (
                    alarm_id TEXT PRIMARY KEY,
                    json TEXT NOT NULL
                );
                -- Live station availability (busy while on an accepted alarm, set by status messages).
                CREATE TABLE station_status (
                    station_id TEXT PRIMARY KEY,
                    status TEXT NOT NULL,
                    updated_at REAL NOT NULL
                );
                """)
        }
        m.registerMigration("v3-hazards-engine-memory") { db in
            try db.execute(sql: """
                CREATE TABLE hazards (
                    id TEXT PRIMARY KEY,
                    episode_key TEXT NOT NULL,
                    device TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    state TEXT NOT NULL,
                    street TEXT NOT NULL,
                    opened_at REAL NOT NULL,
                    json TEXT NOT NULL
                );
                -- One hazard on the books per (device, point, kind) until it is closed.
                CREATE UNIQUE INDEX hazards_one_open_per_episode ON hazards(episode_key) WHERE state != 'closed';
                CREATE INDEX hazards_state ON hazards(state, opened_at);
                -- The hazard engine's other memory (condition causes, suppressions, windows) as one JSON value.
                CREATE TABLE engine_memory (
                    name TEXT PRIMARY KEY,
                    json TEXT NOT NULL
                );
                """)
        }
        m.registerMigration("v4-engine-state-rows") { db in
            try db.execute(sql: """
                -- The hazard engine's memory, one row per key of each part (an episode's condition causes,
                -- a device's suppression, a building's coincidence window...), written when it changes:
                -- a message's work never grows with the fleet. Replaces engine_memory's one document,
                -- which the daemon reads once after an upgrade and then empties.
                CREATE TABLE engine_state (
                    part TEXT NOT NULL,
                    key TEXT NOT NULL,
                    json TEXT NOT NULL,
                    PRIMARY KEY (part, key)
                ) WITHOUT ROWID;
                """)
        }
        m.registerMigration("v5-urgent-journal-entries") { db in
            try db.execute(sql: """
                -- Triage at ingest marks entries that may carry an emergency; the pipeline takes them
                -- (with their device's earlier entries) ahead of routine traffic.
                ALTER TABLE journal ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX journal_urgent ON journal(id) WHERE urgent = 1;
                -- Entries after the cursor already processed that way, until the cursor passes them.
                CREATE TABLE pipeline_ahead (journal_id INTEGER PRIMARY KEY);
                """)
        }
        m.registerMigration("v6-probe") { db in try db.execute(sql: Schema.probeTable) }
        m.registerMigration("v7-hazard-photos") { db in
            try db.execute(sql: """
                -- Photos of hazards found on patrol or rectified (JPEG or PNG), written once with the hazard.
                CREATE TABLE hazard_photos (
                    hazard_id TEXT NOT NULL,
                    n INTEGER NOT NULL,
                    content_type TEXT NOT NULL,
                    data BLOB NOT NULL,
                    PRIMARY KEY (hazard_id, n)
                ) WITHOUT ROWID;
                """)
        }
        m.registerMigration("v8-outbox") { db in
            try db.execute(sql: """
                -- Outbound HTTP messages (notify.targets): one row per event and target, written with the
                -- event; each target's rows go out in id order, at least once, until delivered or dead.
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY,
                    target TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    created_at REAL NOT NULL,
                    next_at REAL,
                    delivered_at REAL,
                    last_error TEXT
                );
                CREATE INDEX outbox_pending ON outbox(target, id) WHERE state = 'pending';
                CREATE INDEX outbox_state ON outbox(state, id);
                """)
        }
        m.registerMigration("v9-mqtt-outbox") { db in
            try db.execute(sql: """
                -- MQTT messages the pipeline decided (dispatch orders, retained alarm topics, the brigade's
                -- CAP), written with the step that decided them and deleted once the broker acknowledged
                -- them; what is here at start-up is published again, in id order.
                CREATE TABLE mqtt_outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    topic TEXT NOT NULL,
                    payload BLOB,
                    retain INTEGER NOT NULL,
                    created_at REAL NOT NULL
                );
                """)
        }
        m.registerMigration("v10-report-indexes") { db in
            try db.execute(sql: """
                -- Reports read alarms and hazards by time over a period (a year of them).
                CREATE INDEX alarms_raised_at ON alarms(raised_at);
                CREATE INDEX hazards_opened_at ON hazards(opened_at);
                """)
        }
        m.registerMigration("v11-outbox-phones") { db in
            // A notice's phone numbers, on its sms target's row only (the stored event has names alone).
            try db.execute(sql: "ALTER TABLE outbox ADD COLUMN phones TEXT")
        }
        return m
    }

    /// One row the store's health probe rewrites every few seconds, in each file (`StoreHealth`).
    static let probeTable = "CREATE TABLE probe (id INTEGER PRIMARY KEY, at REAL NOT NULL)"

    /// The journal file's schema (the journal moved out of the database into a file of its own).
    /// No index by device: one would be written at a random place for every message, a page per message
    /// a commit (at 20k msg/s, 15 of 20 ms of each burst's commit); the urgent lane finds a device's
    /// unprocessed entries in `Backlog`, and operators' reads by device scan by time.
    static var journalMigrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-journal") { db in
            // Raw messages exactly as received; append-only, auditable, re-decodable. `urgent`: triage at
            // ingest found the entry may carry an emergency.
            try db.execute(sql: """
                CREATE TABLE journal (
                    id INTEGER PRIMARY KEY,
                    topic TEXT NOT NULL,
                    payload BLOB NOT NULL,
                    received_at REAL NOT NULL,
                    dup INTEGER NOT NULL DEFAULT 0,
                    device TEXT,
                    urgent INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX journal_received_at ON journal(received_at);
                CREATE INDEX journal_urgent ON journal(id) WHERE urgent = 1;
                """)
        }
        m.registerMigration("v2-retained") { db in
            // The broker's retain flag: a retained message is kept for the record, never taken as news.
            try db.execute(sql: "ALTER TABLE journal ADD COLUMN retained INTEGER NOT NULL DEFAULT 0")
        }
        m.registerMigration("v3-probe") { db in try db.execute(sql: Schema.probeTable) }
        m.registerMigration("v4-gb26875-frames") { db in
            // Frames from transmission devices over TCP, by time: after a restart the centre reads back
            // what it journaled recently, so a frame retransmitted for want of a confirm is stored once.
            // Partial: MQTT rows only evaluate the condition, they are never written to it.
            try db.execute(sql: "CREATE INDEX journal_gb26875 ON journal(received_at) WHERE \(Schema.gb26875Rows)")
        }
        return m
    }

    /// The journal rows of GB/T 26875.3 frames over TCP (`$gb26875/…` topics).
    static let gb26875Rows = "topic >= '$gb26875/' AND topic < '$gb268750'"
}
