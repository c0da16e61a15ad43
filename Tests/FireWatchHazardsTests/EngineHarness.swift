import FireWatchCore
import FireWatchHazards
import Foundation

/// A small fleet in two buildings of one street, and an engine driven by a hand-moved clock.
enum Fleet {
    static let t0 = Date(timeIntervalSince1970: 1_773_472_166)

    static func profile(
        _ id: String, kind: String, building: String? = "b1", street: String = "changshoulu", community: String = "c01",
        heartbeat: Int = 300
    ) -> DeviceProfile {
        let device = Device(
            id: id, model: "test/\(kind)", location: GeoPoint(lat: 31.24, lon: 121.43), address: "\(id) address",
            street: street, community: community, building: building)
        return DeviceProfile(device: device, kind: kind, defaultHeartbeatSeconds: heartbeat)
    }

    static let smoke1 = profile("smk-1", kind: "smoke")
    static let smoke2 = profile("smk-2", kind: "smoke")
    static let smokeOther = profile("smk-9", kind: "smoke", building: "b2")
    static let heat = profile("heat-1", kind: "heat")
    static let meter = profile("efm-1", kind: "electrical")
    static let panel = profile("uitd-1", kind: "panel", heartbeat: 30)
    static let all = [smoke1, smoke2, smokeOther, heat, meter, panel]

    static func point(_ position: Int, component: Int = 40) -> Point {
        Point(systemType: 1, systemAddress: 1, componentType: component, zone: 1, position: position)
    }
}

/// The engine plus a clock moved by hand and predictable ids (`alm-1`, `hzd-2`, ...).
struct Harness {
    var engine: HazardEngine
    var now: Date
    var issued = 0

    init(policy: HazardPolicy = HazardPolicy(), fleet: [DeviceProfile] = Fleet.all, memory: HazardMemory = HazardMemory(),
         alarms: [Alarm] = [], hazards: [Hazard] = [], start: Date = Fleet.t0) {
        engine = HazardEngine(policy: policy, fleet: fleet, openAlarms: alarms, openHazards: hazards, memory: memory, startedAt: start)
        now = start
    }

    mutating func advance(_ seconds: Double) { now = now.addingTimeInterval(seconds) }

    @discardableResult
    mutating func send(
        _ profile: DeviceProfile, events: [DeviceEvent], metrics: [String: Double] = [:], point: Point? = nil,
        snapshot: Bool = false, at: Date? = nil
    ) -> [HazardEngineChange] {
        let reading = Reading(
            device: profile.id, model: profile.device.model, at: at ?? now, point: point, metrics: metrics, events: events,
            snapshot: snapshot)
        var n = issued
        defer { issued = n }
        // As the pipeline does: the clock check against the receive time (now), then the reading.
        let clock = engine.checkClock([reading], of: profile.device, receivedAt: now, now: now) { prefix in n += 1; return "\(prefix)-\(n)" }
        return clock.changes + clock.readings.flatMap { r in engine.apply(r, from: profile, now: now) { prefix in n += 1; return "\(prefix)-\(n)" } }
    }

    @discardableResult
    mutating func send(
        _ profile: DeviceProfile, _ events: EventType..., metrics: [String: Double] = [:], point: Point? = nil,
        snapshot: Bool = false
    ) -> [HazardEngineChange] {
        send(profile, events: events.map { DeviceEvent($0) }, metrics: metrics, point: point, snapshot: snapshot)
    }

    @discardableResult
    mutating func tick() -> [HazardEngineChange] {
        var n = issued
        defer { issued = n }
        return engine.tick(now: now) { prefix in n += 1; return "\(prefix)-\(n)" }
    }

    mutating func act(_ action: AlarmAction) throws -> [HazardEngineChange] {
        var n = issued
        defer { issued = n }
        return try engine.apply(action, now: now) { prefix in n += 1; return "\(prefix)-\(n)" }
    }

    /// Another step (dispatch, a station) moves an open alarm on, in place; a resolution comes back
    /// as `.alarmUpdated(.resolved)` with what followed from it.
    @discardableResult
    mutating func move(_ id: String, _ body: (inout Alarm) -> Void) -> [HazardEngineChange] {
        var n = issued
        defer { issued = n }
        guard let (alarm, followed) = engine.updateAlarm(id, now: now, makeID: { prefix in n += 1; return "\(prefix)-\(n)" }, body)
        else { return [] }
        return alarm.isOpen ? [] : [.alarmUpdated(alarm, reason: .resolved, quiet: false)] + followed
    }

    mutating func act(_ action: HazardAction) throws -> [HazardEngineChange] {
        try engine.apply(action, now: now)
    }

    /// The open alarm of (device, point, kind), if any.
    func alarm(_ profile: DeviceProfile, _ kind: AlarmKind, point: Point? = nil) -> Alarm? {
        engine.alarms.open[Alarm.episodeKey(device: profile.id, point: point, kind: kind)]
    }

    /// The hazard on the books of (device, point, kind), if any.
    func hazard(_ profile: DeviceProfile, _ kind: HazardKind, point: Point? = nil) -> Hazard? {
        engine.hazards.open[Hazard.episodeKey(device: profile.id, point: point, kind: kind)]
    }
}

extension Array where Element == HazardEngineChange {
    var raised: [Alarm] {
        compactMap { if case .alarmRaised(let a, _, _) = $0 { a } else { nil } }
    }

    var dispatched: [Alarm] {
        compactMap { if case .alarmRaised(let a, true, _) = $0 { a } else { nil } }
    }

    var confirmed: [Alarm] {
        compactMap { if case .alarmConfirmed(let a, _) = $0 { a } else { nil } }
    }

    func updated(_ reason: AlarmUpdate) -> [Alarm] {
        compactMap { if case .alarmUpdated(let a, reason, _) = $0 { a } else { nil } }
    }

    var opened: [Hazard] {
        compactMap { if case .hazardOpened(let h) = $0 { h } else { nil } }
    }

    var closed: [Hazard] {
        compactMap { if case .hazardClosed(let h) = $0 { h } else { nil } }
    }

    func hazardsUpdated(_ reason: HazardUpdate) -> [Hazard] {
        compactMap { if case .hazardUpdated(let h, reason) = $0 { h } else { nil } }
    }
}
