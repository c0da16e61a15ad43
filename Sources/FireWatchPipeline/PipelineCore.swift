import FireWatchCore
import FireWatchDecoders
import FireWatchDispatch
import FireWatchHazards
import Foundation

/// The decision core (ARCHITECTURE.md): a journal entry, a timer tick, an operator's or a station's
/// action in; typed effects out (state rows, events, outbound messages, log lines, metric facts). It
/// owns the engine (alarms, hazards, memory), dispatch progress and station availability, and does
/// no I/O: time comes with each call, so re-page, escalation and supervision are tested with a
/// manual clock. The daemon's loop drains the journal, calls it, commits the effects and sends them.
public struct PipelineCore {
    public internal(set) var settings: PipelineSettings
    let router: TopicRouter
    let topics: Topics
    public internal(set) var catalog: DefinitionCatalog
    /// The registered devices by id.
    public internal(set) var devices: [String: Device]
    /// The stations with their live status.
    public internal(set) var stations: [Station]
    /// Alarms, hazards, verification, supervision (FireWatchHazards): the single owner of alarm state.
    public internal(set) var engine: HazardEngine
    public internal(set) var dispatcher: Dispatcher
    /// The last journal id fully processed (committed by the daemon with each step).
    public internal(set) var cursor: Int64
    /// Entries after the cursor already processed ahead of their turn.
    var ahead: Set<Int64>
    /// When temperature trends were last written, and whether a round of trend writes is under way.
    var trendsWrittenAt = Date.distantPast
    var trendsPending = false
    /// The old one-document memory was read: the next commit empties it.
    var dropLegacyMemory: Bool
    var logThrottle = LogThrottle()
    /// Alarms the step in hand changed, in the order first touched (`touch`, `flushAlarms`); the value
    /// is the alarm only for those resolved in the step (they have left the engine's book).
    var stepAlarms: [String: Alarm?] = [:]
    var stepAlarmOrder: [String] = []
    /// Alarms whose people-responsible chain has a tier to come, with when (`PipelineCore+Notices`).
    var noticeDue: [String: Date] = [:]
    /// Encodes alarms, dispatches and CAP input in the configured time zone.
    var encoder: JSONEncoder
    /// Encodes engine memory rows (UTC; only the daemon reads them back).
    let memoryEncoder = Timestamps.encoder(timeZone: TimeZone(secondsFromGMT: 0)!)
    /// Problems met rebuilding from the store (rows that do not decode), for the daemon to log.
    public internal(set) var loadProblems: [String] = []

    /// Builds the core from what the store holds: at start-up, and again after a failed commit, so
    /// memory never runs ahead of disk. `now` starts every device's silence window.
    public init(
        settings: PipelineSettings, catalog: DefinitionCatalog, devices: [String: Device], stations: [Station],
        stored: StoredState, now: Date
    ) {
        self.settings = settings
        self.router = TopicRouter(settings.allSubscriptions)
        self.topics = settings.topics
        self.catalog = catalog
        self.devices = devices
        self.encoder = Timestamps.encoder(timeZone: settings.timeZone)
        // Live availability (busy on an accepted alarm, status messages) outlives a restart.
        self.stations = Self.stations(stations, keeping: stored.stationStatuses.compactMapValues(Station.Status.init(rawValue:)))
        let decoder = Timestamps.decoder()
        var problems: [String] = []
        let memory: HazardMemory
        if stored.memoryRows.isEmpty, let old = stored.legacyMemory {
            // An older daemon's one document: its keys all count as changed, so the first commit writes them as rows.
            memory = (try? decoder.decode(HazardMemory.self, from: Data(old.utf8))) ?? HazardMemory()
            dropLegacyMemory = true
        } else {
            memory = HazardMemory(rows: stored.memoryRows, decoder: decoder, problems: &problems)
            dropLegacyMemory = false
        }
        self.engine = HazardEngine(
            policy: settings.hazards, fleet: Self.profiles(devices, catalog), openAlarms: stored.openAlarms,
            openHazards: stored.openHazards, memory: memory, startedAt: now)
        let progress = stored.dispatchProgress.compactMap { json -> DispatchProgress? in
            do { return try decoder.decode(DispatchProgress.self, from: Data(json.utf8)) } catch {
                problems.append("dispatch progress: \(error)")
                return nil
            }
        }
        self.dispatcher = Dispatcher(policy: settings.dispatch, progress: progress)
        self.cursor = stored.cursor
        self.ahead = Set(stored.ahead.filter { $0 > stored.cursor })
        self.loadProblems = problems
        scheduleNotices()
    }

    /// The stations of a file with the live status of those already known; new ones keep the file's.
    static func stations(_ stations: [Station], keeping live: [String: Station.Status]) -> [Station] {
        stations.map { s in
            var s = s
            if let status = live[s.id] { s.status = status }
            return s
        }
    }

    /// What the engine needs to know of each registered device: its kind and heartbeat.
    static func profiles(_ devices: [String: Device], _ catalog: DefinitionCatalog) -> [DeviceProfile] {
        devices.values.compactMap { d in
            guard let def = catalog[d.model] else { return nil }
            return DeviceProfile(device: d, kind: def.kind, defaultHeartbeatSeconds: def.heartbeatSeconds)
        }
    }

    /// The engine's open alarms.
    public var alarms: AlarmBook { engine.alarms }

    func openAlarm(_ id: String) -> Alarm? { alarms.alarm(id: id) }

    /// Effects for a step at the current cursor (timer, operator, API).
    func effects() -> PipelineEffects { PipelineEffects(cursor: cursor) }

    /// Ends a step: the alarms it changed, each once and as it is now, and the memory rows that
    /// changed, into its commit. Call it once the step's inputs are all applied.
    public mutating func finish(_ e: inout PipelineEffects, now: Date) {
        advanceNotices(now: now, into: &e)
        flushAlarms(into: &e)
        takeMemoryRows(into: &e.commit, now: now)
    }

    /// The step was committed: the cursor moves to what it covers.
    public mutating func committed(_ e: PipelineEffects) {
        cursor = e.commit.cursor
        if !ahead.isEmpty, ahead.contains(where: { $0 <= cursor }) { ahead = ahead.filter { $0 > cursor } }
    }

    /// Swaps in a reloaded setup between two steps. Stations that already exist keep their live
    /// status; new ones start with the file's status.
    public mutating func reload(settings: PipelineSettings, catalog: DefinitionCatalog, devices: [String: Device], stations: [Station], now: Date) {
        self.stations = Self.stations(stations, keeping: Dictionary(self.stations.map { ($0.id, $0.status) }, uniquingKeysWith: { a, _ in a }))
        self.catalog = catalog
        self.devices = devices
        self.settings = settings
        self.encoder = Timestamps.encoder(timeZone: settings.timeZone)
        engine.setFleet(Self.profiles(devices, catalog), now: now)
        scheduleNotices()
    }

    func encode(_ value: some Encodable) throws -> [UInt8] {
        Array(try encoder.encode(value))
    }

    /// The retained alarm object while open; an empty retained message clears it when resolved.
    func alarmTopic(_ alarm: Alarm) -> Outbound {
        let payload = alarm.isOpen ? ((try? encode(alarm)) ?? []) : []
        return Outbound(topic: topics.alarm(alarm.id), payload: payload, retain: true)
    }

    /// Logs a per-device problem, throttled so one broken device cannot flood the log.
    mutating func report(_ level: LogRecord.Level, _ message: String, key: String, now: Date, _ metadata: [String: String], into e: inout PipelineEffects) {
        guard let suppressed = logThrottle.admit(key, now: now) else { return }
        var m = metadata
        if suppressed > 0 { m["repeats_not_logged"] = "\(suppressed)" }
        e.log(level, message, m)
    }
}
