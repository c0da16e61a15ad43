import FireWatchCore
import FireWatchDecoders
import FireWatchDispatch
import FireWatchPipeline
import FireWatchTestKit
import Foundation
import Testing

/// The decision core driven as the daemon drives it, with a clock moved by hand: journal entries in,
/// each step's effects applied to a model of the store (rows by key, as SQLite upserts them) and its
/// messages collected. `restart()` rebuilds the core from that model, as after a crash.
struct CoreHarness {
    static let catalog = DefinitionCatalog.load(folders: [(Repository.root as NSString).appendingPathComponent("Devices")])
    static let t0 = Date(timeIntervalSince1970: 1_773_472_166)
    static let frames = GB26875FrameBuilder(timeZone: TimeZone(identifier: "Asia/Shanghai")!)

    static func panel(_ id: String, building: String?, heartbeat: Int? = nil) -> Device {
        Device(
            id: id, model: "gb26875/uitd", location: GeoPoint(lat: 31.2400, lon: 121.4300), address: "\(id) 地址",
            street: "changshoulu", community: "changshoulu-c01", building: building, heartbeatSeconds: heartbeat)
    }

    /// Two panels in building b1, one in b2, one in no building.
    static let devices = [panel("uitd-1", building: "b1"), panel("uitd-2", building: "b1"), panel("uitd-3", building: "b2"),
                          panel("uitd-4", building: nil)]
    /// Offsets north of the panels: 0.001° latitude ≈ 111 m.
    static let stations = [
        Station(id: "ms-near", name: "近", street: "changshoulu", kind: .community, location: GeoPoint(lat: 31.2430, lon: 121.4300), status: .available),
        Station(id: "ms-far", name: "远", street: "changshoulu", kind: .community, location: GeoPoint(lat: 31.2500, lon: 121.4300), status: .available),
        Station(id: "ms-farther", name: "更远", street: "caoyangxincun", kind: .community, location: GeoPoint(lat: 31.2600, lon: 121.4300), status: .available),
    ]

    var core: PipelineCore
    var now = CoreHarness.t0
    var journalID: Int64 = 0
    let settings: PipelineSettings
    let deviceMap: [String: Device]

    // The store, as the daemon's commits leave it.
    var alarmRows: [String: Alarm] = [:]
    var hazardRows: [String: Hazard] = [:]
    var memoryRows: [String: MemoryRow] = [:]
    var progressRows: [String: String] = [:]
    var stationRows: [String: String] = [:]
    var dispatchRows: [String: DispatchOrder] = [:]
    var cursor: Int64 = 0
    /// What the daemon would have sent, in order; and every alarm version committed, in order.
    var sent: [Outbound] = []
    var committedVersions: [Alarm] = []
    /// Every stream event committed, in order.
    var events: [FeedEvent] = []

    init(
        devices: [Device] = CoreHarness.devices, stations: [Station] = CoreHarness.stations, ackTimeoutSeconds: Double = 60,
        geography: Geography = Geography(), notices: NoticePolicy? = nil
    ) {
        var settings = PipelineSettings(
            instance: "test", timeZone: TimeZone(identifier: "Asia/Shanghai")!, topicPrefix: "firewatch",
            subscriptions: [Subscription(filter: "devices/+/up", deviceLevel: 2, envelope: "raw")],
            dispatch: DispatchPolicy(ackTimeoutSeconds: ackTimeoutSeconds), geography: geography)
        settings.notices = notices
        self.settings = settings
        deviceMap = Dictionary(uniqueKeysWithValues: devices.map { ($0.id, $0) })
        core = PipelineCore(settings: settings, catalog: Self.catalog, devices: deviceMap, stations: stations, stored: StoredState(), now: now)
    }

    // MARK: - Inputs

    /// One message journaled and processed as its own step.
    @discardableResult
    mutating func receive(_ topic: String, _ payload: [UInt8]) -> PipelineEffects {
        journalID += 1
        var e = PipelineEffects(cursor: core.cursor)
        core.handle(JournalEntry(id: journalID, topic: topic, payload: payload, receivedAt: now), now: now, into: &e)
        core.finish(&e, now: now)
        commit(e)
        return e
    }

    @discardableResult
    mutating func fire(_ device: String, zone: UInt16 = 1, position: UInt16 = 1, state: UInt16 = GB26875FrameBuilder.StateBit.fireAlarm) -> PipelineEffects {
        let frame = Self.frames.componentStates(
            [.init(componentType: 40, zone: zone, position: position, state: state, description: Array("走廊".utf8))], at: now)
        return receive("devices/\(device)/up", frame)
    }

    @discardableResult
    mutating func heartbeat(_ device: String) -> PipelineEffects {
        receive("devices/\(device)/up", Self.frames.heartbeat(at: now))
    }

    @discardableResult
    mutating func answer(_ station: String, _ json: String) -> PipelineEffects {
        receive("firewatch/stations/\(station)/ack", Array(json.utf8))
    }

    @discardableResult
    mutating func answer(_ station: String, _ status: String, dispatch: String, cause: String? = nil) -> PipelineEffects {
        answer(station, #"{"dispatch_id": "\#(dispatch)", "status": "\#(status)""# + (cause.map { #", "cause": "\#($0)""# } ?? "") + "}")
    }

    mutating func advance(_ seconds: Double) { now = now.addingTimeInterval(seconds) }

    @discardableResult
    mutating func tick() -> PipelineEffects {
        let e = core.tick(now: now)
        commit(e)
        return e
    }

    mutating func act(_ action: AlarmAction) throws(AlarmActionError) -> Alarm {
        let (alarm, e) = try core.apply(action, now: now)
        commit(e)
        return alarm
    }

    /// A crash and a start: the core rebuilt from the store alone.
    mutating func restart() {
        let stored = StoredState(
            openAlarms: alarmRows.values.filter(\.isOpen), openHazards: hazardRows.values.filter(\.isOpen),
            memoryRows: Array(memoryRows.values), dispatchProgress: Array(progressRows.values), stationStatuses: stationRows,
            cursor: cursor)
        core = PipelineCore(settings: settings, catalog: Self.catalog, devices: deviceMap, stations: Self.stations, stored: stored, now: now)
        #expect(core.loadProblems.isEmpty)
    }

    /// Applies a step's commit to the store model, as SQLite does, then "sends" its messages.
    mutating func commit(_ e: PipelineEffects) {
        let c = e.commit
        for a in c.alarms {
            if let old = alarmRows[a.id] {
                #expect(a.history.starts(with: old.history), "\(a.id): a commit dropped history: \(old.history.map(\.to)) → \(a.history.map(\.to))")
            }
            alarmRows[a.id] = a
            committedVersions.append(a)
        }
        for h in c.hazards { hazardRows[h.id] = h }
        events += c.events
        for d in c.dispatches {
            #expect(dispatchRows[d.dispatchID] == nil)
            #expect(!dispatchRows.values.contains { $0.alarmID == d.alarmID && $0.stationID == d.stationID }, "\(d.stationID) paged twice for \(d.alarmID)")
            dispatchRows[d.dispatchID] = d
        }
        for row in c.memoryRows { memoryRows["\(row.part)/\(row.key)"] = row.json == nil ? nil : row }
        for (id, json) in c.dispatchProgress { progressRows[id] = json }
        for (id, status) in c.stationStatus { stationRows[id] = status }
        cursor = c.cursor
        core.committed(e)
        sent += e.outbound
    }

    // MARK: - Reading what happened

    /// Dispatch orders sent, in order.
    var pages: [DispatchOrder] {
        sent.filter { $0.topic.hasSuffix("/dispatch") }.compactMap { try? Timestamps.decoder().decode(DispatchOrder.self, from: Data($0.payload)) }
    }

    /// CAP alerts sent to the brigade.
    var brigadeAlerts: [String] {
        sent.filter { $0.topic == "firewatch/brigade/alerts" }.map { String(decoding: $0.payload, as: UTF8.self) }
    }

    /// The stored alarm of a device.
    func alarm(of device: String) -> Alarm? {
        alarmRows.values.filter { $0.device == device }.max { $0.raisedAt < $1.raisedAt }
    }
}
