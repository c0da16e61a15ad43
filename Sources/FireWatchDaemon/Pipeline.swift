import FireWatchCore
import FireWatchDecoders
import FireWatchDispatch
import FireWatchHazards
import FireWatchStore
import Foundation
import Logging
import Metrics

/// Sends what the pipeline decided to the outside (MQTT); a closure so tests and tools can capture it.
public typealias OutboundPublish = @Sendable (_ topic: String, _ payload: [UInt8], _ retain: Bool) -> Void

/// Everything after the journal, in order, on one actor: resolve → decode → alarms → dispatch →
/// commit → publish. It tails the journal by id, so the normal path and crash recovery are the same
/// code: whatever was journaled but not yet processed when the daemon stopped is processed at start.
public actor Pipeline {
    /// Runs the actor on its own lower-priority thread (see PipelineExecutor).
    nonisolated let executor = PipelineExecutor()
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    let store: SQLiteStore
    var config: Configuration
    let router: TopicRouter
    let topics: Topics
    let publish: OutboundPublish
    let clock: any WallClock
    let logger: Logger
    var catalog: DefinitionCatalog
    var registry: DeviceRegistry
    var stations: [Station]
    /// Alarms, hazards, verification, supervision (FireWatchHazards); the single owner of alarm state.
    var engine: HazardEngine
    var dispatcher: Dispatcher
    /// When temperature trends were last written (they are written at most every 30 s).
    var trendsWrittenAt = Date.distantPast
    /// The old one-document memory was read at start: the first commit empties it.
    var dropLegacyMemory = false
    var cursor: Int64
    /// Alarms the step in hand changed, in the order first touched (`touch`, `flushAlarms`); the value
    /// is the alarm only for those resolved in the step (they have left the engine's book).
    var stepAlarms: [String: Alarm?] = [:]
    var stepAlarmOrder: [String] = []
    /// Encodes alarms, dispatches and CAP input in the configured time zone (made once: per-call
    /// encoders showed in profiles).
    var encoder: JSONEncoder
    /// Encodes engine memory rows (UTC; only the daemon reads them back).
    let memoryEncoder = Timestamps.encoder(timeZone: TimeZone(secondsFromGMT: 0)!)
    var logThrottle = LogThrottle()
    let metrics = PipelineMetrics()

    public init(
        store: SQLiteStore, config: Configuration, catalog: DefinitionCatalog, registry: DeviceRegistry,
        stations: [Station], publish: @escaping OutboundPublish, clock: any WallClock = SystemClock(), logger: Logger
    ) throws {
        self.store = store
        self.config = config
        self.router = TopicRouter(Self.subscriptions(config))
        self.topics = Topics(prefix: config.mqtt.topicPrefix, instance: config.instance)
        self.publish = publish
        self.clock = clock
        self.logger = logger
        self.encoder = Timestamps.encoder(timeZone: config.timeZone)
        self.catalog = catalog
        self.registry = registry
        // Live availability (busy on an accepted alarm, status messages) outlives a restart.
        let live = try store.stationStatuses()
        self.stations = stations.map { s in
            var s = s
            if let raw = live[s.id], let status = Station.Status(rawValue: raw) { s.status = status }
            return s
        }
        let decoder = Timestamps.decoder()
        let (memory, legacy) = try Self.loadMemory(store, logger: logger)
        self.dropLegacyMemory = legacy
        self.engine = HazardEngine(
            policy: HazardPolicy(config.hazards), fleet: Self.profiles(registry, catalog), openAlarms: try store.openAlarms(),
            openHazards: try store.hazards(openOnly: true), memory: memory, startedAt: clock.now())
        let progress = try store.dispatchProgress().compactMap { try? decoder.decode(DispatchProgress.self, from: Data($0.utf8)) }
        self.dispatcher = Dispatcher(policy: config.dispatch, progress: progress)
        self.cursor = try store.cursor(SQLiteStore.pipelineCursor)
        metrics.setOpenAlarms(engine.alarms.open.values)
        metrics.setOpenHazards(engine.hazards.open.values)
    }

    /// What the daemon subscribes to: the configured device filters plus the stations' answers and statuses.
    public static func subscriptions(_ config: Configuration) -> [Configuration.Subscription] {
        let topics = Topics(prefix: config.mqtt.topicPrefix, instance: config.instance)
        let level = topics.prefix.split(separator: "/").count + 2
        return config.mqtt.subscriptions + [
            .init(filter: topics.stationAcks, deviceLevel: level, envelope: StationMessages.ackEnvelope),
            .init(filter: topics.stationStatus, deviceLevel: level, envelope: StationMessages.statusEnvelope),
        ]
    }

    /// Journal entries not yet processed (backpressure reads this).
    public var lag: Int64 { store.journalSignal.position - cursor }

    /// The last journal id fully processed.
    public var cursorPosition: Int64 { cursor }

    /// Open alarms now.
    public var openAlarmCount: Int { alarms.open.count }

    /// The engine's open alarms.
    var alarms: AlarmBook { engine.alarms }

    /// What the engine needs to know of each registered device: its kind and heartbeat.
    static func profiles(_ registry: DeviceRegistry, _ catalog: DefinitionCatalog) -> [DeviceProfile] {
        registry.devices.values.compactMap { d in
            guard let def = catalog[d.model] else { return nil }
            return DeviceProfile(device: d, kind: def.kind, defaultHeartbeatSeconds: def.heartbeatSeconds)
        }
    }

    /// A registered device by id, from the running registry.
    public func device(_ id: String) -> Device? { registry[id] }

    /// The stations with their current status.
    public func currentStations() -> [Station] { stations }

    /// Processes the journal as it grows until the task is cancelled.
    public func run() async {
        republishOpenAlarms()
        for await _ in store.journalSignal.updates() {
            if Task.isCancelled { break }
            drain()
        }
    }

    /// Processes every journal entry after the cursor, in batches, each committed atomically.
    public func drain() {
        while true {
            let batch: [JournalEntry]
            do { batch = try store.journal(after: cursor, limit: 512) } catch {
                logger.error("journal read failed", metadata: ["error": "\(error)"])
                return
            }
            guard let last = batch.last else { return }
            var step = PipelineCommit(cursor: last.id)
            var outbound: [Outbound] = []
            for entry in batch { handle(entry, into: &step, outbound: &outbound) }
            flushAlarms(into: &step, outbound: &outbound)
            takeMemoryRows(into: &step)
            do {
                try store.commit(step)
            } catch {
                // Nothing published, cursor not moved: the batch is retried on the next signal.
                logger.error("pipeline commit failed", metadata: ["error": "\(error)", "journal_id": "\(last.id)"])
                reloadFromStore()
                return
            }
            cursor = last.id
            for o in outbound { send(o) }
            metrics.processed.increment(by: Int64(batch.count))
            metrics.lag.record(lag)
            if !step.alarms.isEmpty || !step.hazards.isEmpty { updateOpenGauges() }
        }
    }

    /// Rebuilds alarms, dispatch progress and station statuses from the store after a failed commit.
    func reloadFromStore() {
        let decoder = Timestamps.decoder()
        let memory = try? Self.loadMemory(store, logger: logger)
        if let memory { dropLegacyMemory = memory.legacy }
        engine = HazardEngine(
            policy: engine.policy, fleet: Array(engine.fleet.values), openAlarms: (try? store.openAlarms()) ?? Array(alarms.open.values),
            openHazards: (try? store.hazards(openOnly: true)) ?? Array(engine.hazards.open.values), memory: memory?.memory ?? engine.memory,
            startedAt: clock.now())
        if let rows = try? store.dispatchProgress() {
            dispatcher = Dispatcher(policy: config.dispatch, progress: rows.compactMap { try? decoder.decode(DispatchProgress.self, from: Data($0.utf8)) })
        }
        if let live = try? store.stationStatuses() {
            for i in stations.indices {
                if let raw = live[stations[i].id], let status = Station.Status(rawValue: raw) { stations[i].status = status }
            }
        }
    }

    /// Open alarms and hazards by kind (counted over what is open: only after a step that changed some).
    func updateOpenGauges() {
        metrics.setOpenAlarms(alarms.open.values)
        metrics.setOpenHazards(engine.hazards.open.values)
    }

    /// A message the pipeline publishes once its step is committed.
    struct Outbound {
        var topic: String
        var payload: [UInt8]
        var retain: Bool
        var receivedAt: Date?
        /// When the page was decided (rank-1 pages: received → decided → published).
        var decidedAt: Date?
        var alarmID: String?
    }

    func send(_ o: Outbound) {
        publish(o.topic, o.payload, o.retain)
        if let received = o.receivedAt {
            let now = clock.now()
            metrics.dispatchLatency.recordSeconds(now.timeIntervalSince(received))
            if let decided = o.decidedAt { metrics.published(seconds: now.timeIntervalSince(decided)) }
            logger.info("dispatch published", metadata: ["alarm_id": "\(o.alarmID ?? "")", "topic": "\(o.topic)"])
        }
    }

    /// After a restart, the retained alarm topics are set again (publishing may have been cut short).
    func republishOpenAlarms() {
        for alarm in alarms.open.values {
            if let payload = try? encode(alarm) { publish(topics.alarm(alarm.id), payload, true) }
        }
    }

    func encode(_ value: some Encodable) throws -> [UInt8] {
        Array(try encoder.encode(value))
    }
}
