import FireWatchCore
import FireWatchPipeline
import FireWatchMQTT
import FireWatchStore
import Foundation
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// Owns the MQTT client: journals each burst before its PUBACKs leave, and on shutdown commits the
/// burst in hand and publishes `offline`.
final class IngestService: Service, Sendable {
    let client: MQTTClient

    init(
        config: Configuration, store: SQLiteStore, router: TopicRouter, triage: IngestTriage, lag: @escaping @Sendable () -> Int64,
        logger: Logger
    ) {
        let topics = Topics(prefix: config.mqtt.topicPrefix, instance: config.instance)
        let messages = Counter(label: "firewatch_ingest_messages_total")
        let duplicates = Counter(label: "firewatch_ingest_duplicates_total")
        let commitTime = Metrics.Timer(label: "firewatch_journal_commit_seconds")
        let connected = Gauge(label: "firewatch_mqtt_connected")
        let backpressure = Toggle()
        connected.record(0)
        var tls: TLSSettings?
        if config.mqtt.tls { tls = TLSSettings(caFile: config.mqtt.caFile, certFile: config.mqtt.certFile, keyFile: config.mqtt.keyFile) }
        let password = config.mqtt.passwordFile.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let settings = MQTTSettings(
            host: config.mqtt.host, port: config.mqtt.port, tls: tls, clientID: config.mqtt.clientID,
            username: config.mqtt.username, password: password, keepAliveSeconds: config.mqtt.keepAliveSeconds,
            sessionExpirySeconds: UInt32(config.mqtt.sessionExpirySeconds),
            filters: Pipeline.settings(config).mqttFilters, statusTopic: topics.status)
        client = MQTTClient(
            settings: settings,
            // Backpressure: past this many unprocessed journal rows, stop reading so the broker queues.
            shouldPause: { [maxUnprocessed = config.mqtt.maxUnprocessed, maxBytes = config.mqtt.maxUnprocessedBytes] in
                let paused = lag() > Int64(maxUnprocessed) || store.unprocessedBytes > maxBytes
                if backpressure.change(to: paused) {
                    logger.info(paused ? "backpressure: pipeline behind, pausing reads" : "backpressure: pipeline caught up, reading again",
                                metadata: ["unprocessed": "\(lag())"])
                }
                return paused
            },
            onEvent: { event in
                switch event {
                case .connected(let sessionPresent):
                    connected.record(1)
                    logger.notice("broker connected", metadata: ["broker": "\(config.mqtt.url)", "session_present": "\(sessionPresent)"])
                case .connectFailed(let why):
                    connected.record(0)
                    logger.warning("broker connect failed", metadata: ["broker": "\(config.mqtt.url)", "error": "\(why)"])
                case .disconnected(let why):
                    connected.record(0)
                    logger.warning("broker connection lost", metadata: ["broker": "\(config.mqtt.url)", "error": "\(why)"])
                case .commitFailed(let why):
                    logger.error("journal commit failed; PUBACKs withheld", metadata: ["error": "\(why)"])
                case .publishRefused(let why):
                    logger.error("the broker refused a message the daemon published; it stays in the outbox", metadata: ["error": "\(why)"])
                }
            },
            onBurst: { [maxPayload = config.mqtt.maxPayloadBytes] burst in
                let started = DispatchTime.now().uptimeNanoseconds
                let entries = burst.map { m in
                    let route = router.route(m.topic)
                    return JournalEntry(
                        topic: m.topic, payload: m.payload, receivedAt: m.receivedAt, dup: m.dup, device: route?.device,
                        urgent: !m.retain && m.payload.count <= maxPayload && triage.isUrgent(route, payload: m.payload, receivedAt: m.receivedAt),
                        retained: m.retain)
                }
                let appended = try store.appendJournal(entries)
                commitTime.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - started))
                messages.increment(by: Int64(burst.count))
                if appended.duplicates > 0 {
                    duplicates.increment(by: Int64(appended.duplicates))
                    logger.info("redeliveries already journaled; not stored twice", metadata: ["duplicates": "\(appended.duplicates)"])
                }
            })
    }

    func run() async throws {
        client.start()
        try? await gracefulShutdown()
        await offThePool { [client] in client.stop() }
    }
}

/// A flag that says when it changed (to log transitions once, not every poll).
final class Toggle: Sendable {
    private let state = Mutex(false)

    /// Sets the flag; true when that changed it.
    func change(to value: Bool) -> Bool {
        state.withLock { s in
            defer { s = value }
            return s != value
        }
    }
}
