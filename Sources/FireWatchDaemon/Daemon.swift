import FireWatchCore
import FireWatchPipeline
import FireWatchReports
import FireWatchDecoders
import FireWatchDispatch
import FireWatchMQTT
import FireWatchNotify
import FireWatchServer
import FireWatchStore
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import Synchronization

/// Wires the daemon: store, pipeline, MQTT ingest, HTTP API and systemd notification, run as one
/// ServiceGroup that stops gracefully on SIGTERM or SIGINT.
public enum Daemon {
    /// Checks configuration and everything it names; prints problems with file:line.
    /// Returns the process exit code: 0 good, 78 (EX_CONFIG) bad.
    public static func checkConfig(path: String) -> Int32 {
        do {
            let setup = try LoadedSetup.load(configPath: path)
            var problems = setup.problems.map { "\($0)" }
            // The daemon refuses to start on a tokens file it cannot read: so does the check.
            do { _ = try loadTokens(setup.config) } catch { problems.append("\(error)") }
            if problems.isEmpty {
                print("ok: \(setup.summary)")
                return 0
            }
            for p in problems { FileHandle.standardError.write(Data("\(p)\n".utf8)) }
            return 78
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return 78
        }
    }

    /// Runs until SIGTERM/SIGINT.
    public static func run(configPath: String) async throws {
        let setup = try LoadedSetup.load(configPath: configPath)
        let config = setup.config
        let level = Logger.Level(rawValue: config.logLevel) ?? .info
        LoggingSystem.bootstrap { label in DaemonLogHandler(label: label, level: level) }
        HTTPLimits.raiseOpenFileLimit()
        var logger = Logger(label: "firewatchd")
        logger[metadataKey: "instance"] = "\(config.instance)"
        for p in setup.problems { logger.warning("configuration problem", metadata: ["problem": "\(p)"]) }

        let prometheus = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: prometheus))

        let store = try SQLiteStore(path: config.sqlitePath, timeZone: config.timeZone)
        let router = TopicRouter(Pipeline.subscriptions(config))
        let sink = MQTTSink(logger: logger)
        let pipeline = try Pipeline(store: store, setup: setup, sink: sink, logger: logger)
        let lag = LagProbe(store: store)
        let triage = IngestTriage(setup)
        let ingest = IngestService(config: config, store: store, router: router, triage: triage, lag: { lag.value }, logger: logger)
        sink.attach(ingest.client)

        // Ready means all three: subscribed at the broker, the store takes writes, HTTP listens.
        let httpListening = Atomic<Bool>(false)
        store.health.start()
        store.setPayloadLimit(config.mqtt.maxPayloadBytes)
        let gb26875 = try config.gb26875.map { try GB26875Service(config: config, settings: $0, store: store, setup: setup, triage: triage, logger: logger) }
        let readiness: @Sendable () -> String? = {
            if !ingest.client.isConnected { return "not subscribed at the broker" }
            if let why = store.health.problem() { return why }
            if let gb26875, !gb26875.server.isListening { return "GB/T 26875.3 centre server not listening yet" }
            return httpListening.load(ordering: .relaxed) ? nil : "HTTP not listening yet"
        }
        let tokens = APITokenBox(try loadTokens(config))
        var deps = APIDependencies(
            store: store, readiness: readiness,
            stations: { await pipeline.currentStations() }, device: { await pipeline.device($0) },
            devices: { await pipeline.devices },
            act: { try await pipeline.apply($0) },
            metricsText: {
                var buffer: [UInt8] = []
                prometheus.emit(into: &buffer)
                return String(decoding: buffer, as: UTF8.self)
            },
            timeZone: config.timeZone, instance: config.instance, tokens: { tokens.current },
            hazards: { query in query.filter(try store.hazards(openOnly: query.openOnly, street: query.street, state: query.state), now: Date()) },
            hazardIndex: { level in await pipeline.hazardIndex(HazardIndexEntry.Level(rawValue: level.rawValue) ?? .street) },
            suppress: { s in
                try await pipeline.suppress(device: s.device, reason: s.reason == .test ? .test : .maintenance, minutes: s.minutes, by: s.by)
            },
            hazardAct: { try await pipeline.apply($0) },
            openPatrol: { try await pipeline.open(patrol: $0, by: $1) },
            hazard: { try store.hazard(id: $0) },
            photo: { try store.hazardPhoto(hazardID: $0, index: $1) },
            geography: { await pipeline.geography },
            stationViews: { await pipeline.stationViews() },
            setStationStatus: { try await pipeline.setStationStatus($0, $1, by: $2) })
        deps.drill = { station, device, by in try await pipeline.drill(station: station, device: device, by: by) }
        let etaTarget = config.dispatch.etaTargetSeconds
        deps.report = { q in
            let (devices, stations, geography) = (await pipeline.devices, await pipeline.currentStations(), await pipeline.geography)
            // Seconds of reads and arithmetic for a year: on a thread of its own, not the cooperative pool's.
            return try await offThePool {
                try ReportSource.report(
                    q, store: store, devices: devices, stations: stations, geography: geography, etaTargetSeconds: etaTarget, timeZone: config.timeZone)
            }
        }
        let notify = NotifyDelivery(
            store: store, settings: config.notify,
            names: { NotifyMessage.Names(
                geography: await pipeline.geography,
                stations: Dictionary(await pipeline.currentStations().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })) },
            logger: logger)
        deps.answer = { a in
            try await pipeline.answer(
                dispatchID: a.dispatchID, status: StationAnswer(rawValue: a.status.rawValue) ?? .accepted, cause: a.cause, note: a.note, by: a.by)
        }
        deps.dispatchStation = { await pipeline.station(ofDispatch: $0) }
        // The MQTT outbox first (dispatch orders, alarm topics, CAP to the brigade), then the HTTP targets.
        let broker = NotifyTargetView(name: "mqtt", format: "mqtt", url: "mqtt://\(config.mqtt.host):\(config.mqtt.port)")
        deps.notifyTargets = { [broker] + notify.targetViews.map { NotifyTargetView(name: $0.name, format: $0.format, url: $0.url) } }
        guard let listen = HostPort(config.httpListen) else { throw SourceError(file: config.file, line: nil, "http.listen must be host:port") }
        let governor = ConnectionGovernor(limit: HTTPLimits.maxConnections())
        var routed = deps
        routed.allowedHosts = config.allowedHosts ?? HTTPHosts.defaults(listen: listen)
        let app = Application(
            router: APIRouter.build(routed),
            server: .http1(configuration: .init(
                additionalChannelHandlers: [governor.handler()], idleTimeout: .seconds(Int64(HTTPLimits.idleSeconds)))),
            configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: "firewatchd"),
            onServerRunning: { _ in httpListening.store(true, ordering: .relaxed) },
            logger: logger)

        let pipelineService = PipelineService(pipeline: pipeline, store: store, lag: lag)
        let notifier = NotifyService(probes: .init(
            ready: { readiness() == nil },
            unhealthy: {
                let stalled = ingest.client.secondsSinceLoopTurn
                if stalled > 5 { return "MQTT loop has not turned for \(Int(stalled)) s" }
                // A store that refuses writes (a full disk) is not helped by a restart; one whose write
                // has hung for two minutes is stuck.
                if let why = store.health.stuck(after: 120) { return why }
                return nil
            },
            status: {
                let open = await pipeline.openAlarmCount
                return "\(ingest.client.isConnected ? "connected" : "broker disconnected"); \(ingest.client.receivedCount) messages; "
                    + "\(open) open alarms; \(lag.value) unprocessed"
            }), logger: logger)
        let reloader = ReloadService(configPath: configPath, pipeline: pipeline, logger: logger, notify: SystemdNotify(), others: [
            { setup in triage.replace(with: setup) },
            { setup in gb26875?.replace(with: setup) },
            { setup in notify.replace(with: setup.config.notify) },
            { [logger] setup in
                do { tokens.replace(with: try loadTokens(setup.config)) } catch {
                    logger.error("tokens file not reloaded; the old tokens stay", metadata: ["problem": "\(error)"])
                }
            },
        ])
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: pipelineService),
                .init(service: ingest),
                .init(service: app),
                .init(service: reloader),
                .init(service: RetentionService(
                    store: store, journalDays: config.journalRetentionDays, eventsDays: config.eventsRetentionDays, logger: logger)),
                .init(service: notifier),
                .init(service: notify),
            ] + (gb26875.map { [.init(service: $0)] } ?? []),
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        logger.notice("starting", metadata: ["setup": "\(setup.summary)"])
        try await group.run()
        logger.notice("stopped")
    }
}

extension Daemon {
    /// The tokens file (`http.tokens_file`): `TOKEN: {name: NAME, role: viewer|operator}`; nil when
    /// absent (then the API is read-only for loopback clients).
    static func loadTokens(_ config: Configuration) throws(SourceError) -> APITokens? {
        guard let path = config.tokensFile, FileManager.default.fileExists(atPath: path) else { return nil }
        guard let doc = try YAMLValue.load(path: path) else { return APITokens([:]) }
        var holders: [String: APICaller] = [:]
        for (token, entry) in try doc.mapping().entries {
            let m = try entry.mapping(allowed: ["name", "role", "station"])
            let role = try m.string("role")
            guard let r = APIRole(rawValue: role) else {
                throw m.error(at: "role", "role must be viewer, inspector, operator or station, not \"\(role)\"")
            }
            let station = try m.optionalString("station")
            if r == .station, station == nil { throw m.error(at: "role", "a station token names its station: station: ms-...") }
            if r != .station, station != nil { throw m.error(at: "station", "only a token of role station names a station") }
            holders[token] = APICaller(name: try m.string("name"), role: r, station: station)
        }
        return APITokens(holders)
    }
}

/// The journal rows not yet processed, read without hopping onto the pipeline actor.
final class LagProbe: Sendable {
    let store: SQLiteStore
    let processed = ProgressSignal()

    init(store: SQLiteStore) {
        self.store = store
    }

    var value: Int64 { store.journalSignal.position - processed.position }
}
