import FireWatchCore
import Foundation

/// The hazard pipeline (ARCHITECTURE.md): readings in, alarm and hazard changes out. Pure and driven
/// by the caller's clock: every call takes `now`, ids come from `makeID(prefix)` ("alm", "hzd").
/// The daemon persists each change it returns plus `memory`, and rebuilds the engine from them.
public struct HazardEngine: Sendable {
    public let policy: HazardPolicy
    /// Open alarms, one per (device, point, kind).
    public internal(set) var alarms: AlarmBook
    /// Hazards on the books (open or rectified), one per (device, point, kind).
    public internal(set) var hazards: HazardRegister
    /// What else must survive a restart (Codable): condition causes, suppressions, false alarms, windows.
    public internal(set) var memory: HazardMemory
    /// The registered devices under heartbeat supervision.
    public internal(set) var fleet: [String: DeviceProfile] = [:]
    var watch = HeartbeatWatch()
    /// When `tick` last pruned the memory of what fell out of its windows.
    var prunedAt = Date.distantPast
    static let pruneSeconds: Double = 60
    let rules: [any ConditionRule]

    /// Builds the engine at start-up from what the store kept. `startedAt` starts every device's silence
    /// window: nobody is judged offline before a full window has passed since the start.
    public init(
        policy: HazardPolicy = HazardPolicy(), fleet: [DeviceProfile] = [], openAlarms: [Alarm] = [],
        openHazards: [Hazard] = [], memory: HazardMemory = HazardMemory(), startedAt: Date,
        rules: [any ConditionRule] = ConditionRules.all
    ) {
        self.policy = policy
        self.alarms = AlarmBook(open: openAlarms)
        self.hazards = HazardRegister(open: openHazards)
        self.memory = memory
        self.rules = rules
        setFleet(fleet, now: startedAt)
    }

    /// Replaces the supervised fleet (start-up, registry reload). Devices new to the fleet are watched
    /// from `now`; devices that left it are no longer judged (their open hazards stay on the books).
    public mutating func setFleet(_ profiles: [DeviceProfile], now: Date) {
        fleet = Dictionary(profiles.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        watch.watch(fleet.keys, from: now)
    }

    /// When the device was last heard since the start, if it was.
    public func lastSeen(_ device: String) -> Date? { watch.lastSeen[device] }

    /// Folds one reading of `profile`'s device into alarms and hazards and returns what changed.
    public mutating func apply(
        _ reading: Reading, from profile: DeviceProfile, now: Date, makeID: (String) -> String
    ) -> [HazardEngineChange] {
        // The fleet changes on reload (setFleet); a device not in it yet joins it here.
        if fleet[profile.id] == nil {
            fleet[profile.id] = profile
            watch.watch([profile.id], from: now)
        }
        var changes = heard(profile.id, now: now)
        let rates = policy.rateOfRiseKinds.contains(profile.kind) ? memory.temperatures.add(reading, policy: policy) : [:]
        let context = RuleContext(deviceKind: profile.kind, policy: policy, temperatureRates: rates)
        let observations = rules.flatMap { $0.observe(reading, in: context) }
        let test = testCause(reading, device: profile.id, now: now)
        // A device with no condition on, no open alarm and no hazard: only what a reading asserts can
        // change anything (a release has nothing to end). Most routine snapshots stop here.
        let quiet = !memory.conditions.hasConditions(device: profile.id) && !alarms.hasOpen(device: profile.id)
            && !hazards.hasOpen(device: profile.id)
        for (subject, group) in grouped(observations.filter { !$0.deviceWide && !(quiet && !$0.asserts) }) {
            let key = subject.key(device: profile.id, point: reading.point)
            let outcome = memory.conditions.apply(group, key: key)
            switch subject {
            case .alarm(let kind):
                if !outcome.asserted.isEmpty {
                    changes += occur(kind, of: profile, point: reading.point, now: now, why: whys(outcome.asserted), test: test, makeID: makeID)
                } else if outcome.over {
                    changes += clearCondition(key, device: profile.id, now: now, why: outcome.why)
                }
            case .hazard(let kind):
                if !outcome.asserted.isEmpty {
                    changes += raise(kind, of: profile.device, point: reading.point, now: now, by: "device:\(profile.id)",
                                     why: whys(outcome.asserted), makeID: makeID)
                } else if outcome.over, let closed = hazards.close(key, now: now, by: "device", why: outcome.why) {
                    changes.append(.hazardClosed(closed))
                }
            }
        }
        changes += resetDevice(profile.id, observations.filter(\.deviceWide), now: now)
        if reading.has(.dutyCheckAnswered) { changes += dutyCheckAnswered(profile.id, now: now) }
        if reading.has(.confirmedByOperator) {
            for alarm in alarms.open.values.sorted(by: { $0.id < $1.id })
            where alarm.device == profile.id && (reading.point == nil || alarm.point == reading.point) {
                changes += confirm(alarmID: alarm.id, by: "device:\(profile.id)", why: "confirmed by an operator at the panel", now: now)
            }
        }
        return changes
    }

    /// The device was heard (any message, decodable or not): its `offline` hazard closes.
    public mutating func heard(_ device: String, now: Date) -> [HazardEngineChange] {
        let silence = watch.lastSeen[device].map { now.timeIntervalSince($0) }
        watch.heard(device, at: now)
        // Most messages come from devices with no hazard at all: nothing to close, no key to build.
        guard hazards.hasOpen(device: device) else { return [] }
        let key = Hazard.episodeKey(device: device, point: nil, kind: .offline)
        let why = silence.map { "heard again after \(Int($0)) s" } ?? "heard again"
        guard let closed = hazards.close(key, now: now, by: "device", why: why) else { return [] }
        return [.hazardClosed(closed)]
    }

    /// Why alarms of this reading are records, never dispatched: a `test` event or a suppression.
    func testCause(_ reading: Reading, device: String, now: Date) -> TestCause? {
        if reading.has(.test) { return .testEvent }
        return memory.suppressions.active(device, at: now).map(TestCause.suppressed)
    }

    /// Opens or reopens a hazard of `kind`.
    mutating func raise(
        _ kind: HazardKind, of device: Device, point: Point?, now: Date, by: String, why: String, makeID: (String) -> String
    ) -> [HazardEngineChange] {
        switch hazards.raise(kind, device: device, point: point, now: now, by: by, why: why, allowance: policy.allowance(kind), makeID: { makeID("hzd") }) {
        case .opened(let h): [.hazardOpened(h)]
        case .reopened(let h): [.hazardUpdated(h, reason: .reopened)]
        case .unchanged: []
        }
    }

    /// A panel reset ends the alarm conditions of every point of the device.
    mutating func resetDevice(_ device: String, _ observations: [Observation], now: Date) -> [HazardEngineChange] {
        guard !observations.isEmpty else { return [] }
        var changes: [HazardEngineChange] = []
        for alarm in alarms.open.values.sorted(by: { $0.id < $1.id }) where alarm.device == device {
            let relevant = observations.filter { $0.subject == .alarm(alarm.kind) }
            guard !relevant.isEmpty, memory.conditions.apply(relevant, key: alarm.episodeKey).over else { continue }
            changes += clearCondition(alarm.episodeKey, device: device, now: now, why: relevant[0].why)
        }
        return changes
    }

    /// Observations grouped by subject, in the order subjects first appear.
    func grouped(_ observations: [Observation]) -> [(ConditionSubject, [Observation])] {
        var order: [ConditionSubject] = []
        var groups: [ConditionSubject: [Observation]] = [:]
        for o in observations {
            if groups[o.subject] == nil { order.append(o.subject) }
            groups[o.subject, default: []].append(o)
        }
        return order.map { ($0, groups[$0]!) }
    }

    func whys(_ observations: [Observation]) -> String {
        var seen: [String] = []
        for o in observations where !seen.contains(o.why) { seen.append(o.why) }
        return seen.joined(separator: "; ")
    }
}

/// Why an alarm is recorded but never dispatched.
enum TestCause {
    /// The reading carried `test`.
    case testEvent
    /// The device is suppressed for test or maintenance.
    case suppressed(Suppression)
}
