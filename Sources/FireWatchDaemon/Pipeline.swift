import FireWatchCore
import FireWatchDecoders
import FireWatchDispatch
import FireWatchHazards
import FireWatchPipeline
import FireWatchStore
import Foundation
import Logging
import Metrics

/// Sends what the pipeline decided to the outside (MQTT); a closure so tests and tools can capture it.
public typealias OutboundPublish = @Sendable (_ topic: String, _ payload: [UInt8], _ retain: Bool) -> Void

/// The daemon's loop around the decision core (`PipelineCore`): drain the journal, decide, commit,
/// send. It tails the journal by id, so the normal path and crash recovery are the same code: whatever
/// was journaled but not yet processed when the daemon stopped is processed at start. The core owns
/// every decision and all alarm state; this actor only performs its effects, in order.
public actor Pipeline {
    /// Runs the actor on its own thread (see PipelineExecutor).
    nonisolated let executor = PipelineExecutor()
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    let store: any PipelineStore
    var setup: LoadedSetup
    var core: PipelineCore
    let outbound: any OutboundSink
    /// Outbox rows not yet acknowledged by the broker (the `mqtt` row of `firewatch_notify_pending`).
    var unacknowledged = 0
    /// Outbox rows the broker acknowledged, forgotten with the next commit; since when the oldest waits.
    var acknowledged: [Int64] = []
    var acknowledgedSince: Date?
    /// What the store held from before this start was published again (before anything new).
    var resent = false
    let clock: any WallClock
    let logger: Logger
    /// The priority problem was logged.
    var priorityReported = false
    let metrics = PipelineMetrics()
    /// The newest urgent journal id taken (or found already processed).
    var urgentSeen: Int64 = 0

    /// A pipeline whose messages go to `publish`, each counted acknowledged at once (tests and tools).
    public init(
        store: any PipelineStore, setup: LoadedSetup, publish: @escaping OutboundPublish, clock: any WallClock = SystemClock(), logger: Logger
    ) throws {
        try self.init(store: store, setup: setup, sink: ClosureSink(publish), clock: clock, logger: logger)
    }

    public init(
        store: any PipelineStore, setup: LoadedSetup, sink: any OutboundSink, clock: any WallClock = SystemClock(), logger: Logger
    ) throws {
        self.store = store
        self.setup = setup
        self.outbound = sink
        self.clock = clock
        self.logger = logger
        self.core = Self.core(setup, stored: try store.storedState(), now: clock.now())
        for p in core.loadProblems.prefix(20) { logger.error("stored state does not decode; skipped", metadata: ["problem": "\(p)"]) }
        metrics.setOpenAlarms(core.alarms.open.values)
        metrics.setOpenHazards(core.engine.hazards.open.values)
    }

    /// The one construction of the core: at start-up and after a failed commit, from what the store holds.
    static func core(_ setup: LoadedSetup, stored: StoredState, now: Date) -> PipelineCore {
        PipelineCore(
            settings: settings(setup), catalog: setup.catalog, devices: setup.registry.devices,
            stations: setup.stations.stations, stored: stored, now: now)
    }

    /// The decision core's settings from the configuration and the geography it names.
    static func settings(_ setup: LoadedSetup) -> PipelineSettings {
        var s = settings(setup.config)
        s.geography = setup.geography.geography
        s.notices = setup.config.notify.contacts
        return s
    }

    static func settings(_ config: Configuration) -> PipelineSettings {
        PipelineSettings(
            instance: config.instance, timeZone: config.timeZone, topicPrefix: config.mqtt.topicPrefix,
            subscriptions: config.mqtt.subscriptions, dispatch: config.dispatch, hazards: config.hazards,
            dutyAnswerSeconds: config.gb26875?.dutyAnswerSeconds ?? 300)
    }

    /// What the daemon subscribes to: the configured device filters plus the stations' answers and statuses.
    public static func subscriptions(_ config: Configuration) -> [Configuration.Subscription] {
        settings(config).allSubscriptions
    }

    /// Journal entries not yet processed (backpressure reads this).
    public var lag: Int64 { store.journalSignal.position - core.cursor }

    /// The last journal id fully processed.
    public var cursorPosition: Int64 { core.cursor }

    /// Open alarms now.
    public var openAlarmCount: Int { core.alarms.open.count }

    /// A registered device by id, from the running registry.
    public func device(_ id: String) -> Device? { core.devices[id] }

    /// The running registry.
    public var devices: [Device] { Array(core.devices.values) }

    /// The stations with their current status.
    public func currentStations() -> [Station] { core.stations }

    /// Processes the journal as it grows until the task is cancelled.
    public func run() async {
        resendOutbox()
        for await _ in store.journalSignal.updates() {
            if Task.isCancelled { break }
            drain()
        }
    }

    /// Processes every journal entry after the cursor, in batches, each committed atomically. Urgent
    /// entries go first, each with its device's earlier entries (per-device order is kept): a fire alarm
    /// never waits behind routine traffic. A routine batch is cut short when an urgent entry arrives.
    public func drain() {
        while true {
            drainUrgent()
            let batch: [JournalEntry]
            do { batch = try store.journal(after: core.cursor, limit: 512) } catch {
                logger.error("journal read failed", metadata: ["error": "\(error)"])
                return
            }
            guard !batch.isEmpty else { return }
            executor.prefer(backlog: lag > 2_000)
            reportPriorityProblem()
            let now = clock.now()
            var e = PipelineEffects(cursor: core.cursor)
            var processed = 0
            for (i, entry) in batch.enumerated() {
                if i % 64 == 63, store.urgentSignal.position > urgentSeen { break }
                if core.handle(entry, now: now, into: &e) { processed += 1 }
            }
            core.finish(&e, now: now)
            // A failed commit leaves the cursor where it was: the batch is retried on the next signal.
            guard perform(e, processed: processed) else { return }
            metrics.lag.record(lag)
        }
    }

    /// Logs once that the pipeline thread cannot change its priority.
    func reportPriorityProblem() {
        guard !priorityReported, let why = executor.priorityProblem.withLock({ $0 }) else { return }
        priorityReported = true
        logger.warning("the pipeline cannot change its thread priority; alarms are decided at whatever it has", metadata: ["error": "\(why)"])
    }

    /// Urgent entries not yet processed, with their devices' earlier entries, in one step at the
    /// normal priority.
    func drainUrgent() {
        while store.urgentSignal.position > urgentSeen {
            executor.prefer(backlog: false)
            let seen = store.urgentSignal.position
            let urgent: [JournalEntry]
            do { urgent = try store.urgentJournal(after: max(core.cursor, urgentSeen), limit: 64) } catch {
                logger.error("journal read failed", metadata: ["error": "\(error)"])
                return
            }
            guard !urgent.isEmpty else {
                urgentSeen = seen
                return
            }
            let now = clock.now()
            var e = PipelineEffects(cursor: core.cursor)
            var processed = 0
            for u in urgent where !core.isAhead(u.id) {
                let earlier = u.device.flatMap { try? store.journal(device: $0, after: core.cursor, through: u.id) } ?? [u]
                for entry in earlier where core.handleAhead(entry, now: now, into: &e) { processed += 1 }
            }
            core.finish(&e, now: now)
            guard perform(e, processed: processed) else { return }
            urgentSeen = urgent.last!.id
        }
    }

    /// Ack deadlines that passed and the engine's clock work. Called on a tick. A journal that grew
    /// without the pipeline hearing of it is drained here too, so no wake-up can be lost for long.
    public func tick() {
        if lag > 0 { drain() }
        outbound.retry()
        let now = clock.now()
        let e = core.tick(now: now)
        // Acknowledged outbox rows ride along with the next step's commit; only when none came for a
        // while do they get a commit of their own (one fsync less beside an alarm's).
        takeAcknowledged(now: now)
        if !e.isEmpty || acknowledgedSince.map({ now.timeIntervalSince($0) >= 2 }) == true { perform(e) } else { write(e.logs) }
        metrics.outboxPending.record(unacknowledged)
    }

    /// The one tail of every step: commit, then send, log and count. On a failed commit nothing is
    /// sent and the core is rebuilt from the store, so memory never runs ahead of disk.
    /// `processed`: the journal entries the step took.
    @discardableResult
    func perform(_ e: PipelineEffects, processed: Int = 0) -> Bool {
        // The old messages go first, whichever step comes first after a start (a tick, an action).
        resendOutbox()
        var commit = e.commit
        commit.outbound = e.outbound.map { OutboundMessage(topic: $0.topic, payload: $0.payload, retain: $0.retain) }
        takeAcknowledged(now: clock.now())
        commit.delivered = acknowledged
        let done: CommittedStep?
        do {
            done = !commit.isEmpty || commit.cursor != core.cursor ? try store.commit(commit) : nil
        } catch {
            logger.error("pipeline commit failed; state rebuilt from the store", metadata: ["error": "\(error)", "journal_id": "\(e.commit.cursor)"])
            rebuild()
            return false
        }
        // Forgotten only now: a failed commit keeps the acknowledged ids for the next one.
        acknowledged = []
        acknowledgedSince = nil
        let stored = done?.outbound ?? []
        core.committed(e)
        unacknowledged = max(0, unacknowledged + stored.count - (done?.forgotten ?? 0))
        for (o, m) in zip(e.outbound, stored) { send(o, m) }
        write(e.logs)
        for fact in e.facts { metrics.record(fact) }
        if !e.commit.alarms.isEmpty || !e.commit.hazards.isEmpty {
            metrics.setOpenAlarms(core.alarms.open.values)
            metrics.setOpenHazards(core.engine.hazards.open.values)
        }
        // Last: whoever sees an entry counted as processed sees everything it led to counted too.
        metrics.processed.increment(by: Int64(processed))
        return true
    }

    /// The same construction as at start-up, from what the store holds now.
    func rebuild() {
        guard let stored = try? store.storedState() else { return }
        core = Self.core(setup, stored: stored, now: clock.now())
    }

    func write(_ logs: [LogRecord]) {
        for r in logs {
            let level: Logger.Level = switch r.level {
            case .debug: .debug
            case .info: .info
            case .notice: .notice
            case .warning: .warning
            case .error: .error
            }
            logger.log(level: level, "\(r.message)", metadata: r.metadata.mapValues { .string($0) })
        }
    }

    func send(_ o: Outbound, _ m: OutboundMessage) {
        outbound.send(m)
        guard let received = o.receivedAt else { return }
        let now = clock.now()
        metrics.dispatchLatency.recordSeconds(now.timeIntervalSince(received))
        if let decided = o.decidedAt { metrics.published(seconds: now.timeIntervalSince(decided)) }
        logger.info("dispatch published", metadata: ["alarm_id": "\(o.alarmID ?? "")", "topic": "\(o.topic)"])
    }

    /// Collects the rows the broker acknowledged since the last call.
    func takeAcknowledged(now: Date) {
        let more = outbound.takeAcknowledged()
        guard !more.isEmpty else { return }
        if acknowledged.isEmpty { acknowledgedSince = now }
        acknowledged += more
    }

    /// At start-up, what the broker never acknowledged is published again, oldest first, before anything
    /// new: a dispatch decided just before a crash still goes out (receivers deduplicate by its id).
    func resendOutbox() {
        guard !resent else { return }
        resent = true
        let pending: [OutboundMessage]
        do { pending = try store.pendingOutbound() } catch {
            logger.error("the MQTT outbox cannot be read; what it holds is sent at the next start", metadata: ["error": "\(error)"])
            return
        }
        unacknowledged = pending.count
        if !pending.isEmpty { logger.notice("publishing again what the broker had not acknowledged", metadata: ["messages": "\(pending.count)"]) }
        for m in pending { outbound.send(m) }
    }
}
