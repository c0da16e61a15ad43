import FireWatchCore
import Foundation

/// The community hazard index (社区安全隐患指数, VOCABULARY.md) per street or community:
/// `score = 100 × Σ w(kind) × (2 if overdue else 1) / max(devices, 1)` over hazards not yet closed,
/// plus 5 for each open fire alarm. The fire-alarm points are added to the score as they stand, not
/// divided by the fleet: a fire is as urgent in a large street as in a small one.
public enum HazardIndex {
    /// Weight of each hazard kind: what blinds or endangers weighs more than a battery to change.
    public static func weight(_ kind: HazardKind) -> Double {
        switch kind {
        case .offline, .fault, .tamper, .powerFault, .chronicFalseAlarm, .dutyUnanswered: 1
        case .lowBattery, .deviceClock: 0.5
        case .disabled, .pressureAbnormal: 2
        case .electricalWarning: 3
        case .blockedExit, .ebikeCharging, .fireDoor, .extinguisher, .hydrant, .wiring, .storage, .otherPatrol: 2
        }
    }

    /// Points per open fire alarm (kinds `fire` and `manual_alarm`: a call point is a fire alarm too).
    public static let fireAlarmPoints = 5.0

    /// The score of an area: `100 × weight / max(devices, 1) + 5 × open fire alarms`, two decimals.
    public static func score(weight: Double, devices: Int, fireAlarms: Int) -> Double {
        let raw = 100 * weight / Double(max(devices, 1)) + fireAlarmPoints * Double(fireAlarms)
        return (raw * 100).rounded() / 100
    }

    /// One entry per street or community found in the registry, the hazards or the alarms, worst first.
    /// Overdue is judged at `now`, so a deadline that passed since the last tick already counts.
    public static func entries(
        level: HazardIndexEntry.Level, devices: [Device], hazards: [Hazard], alarms: [Alarm],
        names: [String: String] = [:], now: Date
    ) -> [HazardIndexEntry] {
        struct Tally {
            var devices = 0, openHazards = 0, overdue = 0, fireAlarms = 0
            var weight = 0.0
        }
        func area(street: String, community: String, unit: String?) -> String? {
            switch level {
            case .street: street
            case .community: community.isEmpty ? nil : community
            case .unit: unit
            }
        }
        var tallies: [String: Tally] = [:]
        for d in devices {
            guard let id = area(street: d.street, community: d.community, unit: d.unit) else { continue }
            tallies[id, default: Tally()].devices += 1
        }
        for h in hazards where h.isOpen {
            let late = h.overdue || h.isLate(at: now)
            guard let id = area(street: h.street, community: h.community, unit: h.unit) else { continue }
            tallies[id, default: Tally()].openHazards += 1
            tallies[id, default: Tally()].overdue += late ? 1 : 0
            tallies[id, default: Tally()].weight += weight(h.kind) * (late ? 2 : 1)
        }
        let unitOf = Dictionary(devices.compactMap { d in d.unit.map { (d.id, $0) } }, uniquingKeysWith: { a, _ in a })
        for a in alarms where a.isOpen && !a.isDrill && (a.kind == .fire || a.kind == .manualAlarm) {
            guard let id = area(street: a.street, community: a.community, unit: unitOf[a.device]) else { continue }
            tallies[id, default: Tally()].fireAlarms += 1
        }
        return tallies.map { id, t in
            HazardIndexEntry(
                level: level, id: id, name: names[id] ?? id, score: score(weight: t.weight, devices: t.devices, fireAlarms: t.fireAlarms), devices: t.devices,
                openHazards: t.openHazards, overdue: t.overdue, openFireAlarms: t.fireAlarms)
        }.sorted { ($0.score, $1.id) > ($1.score, $0.id) }
    }
}

extension HazardEngine {
    /// The index over this engine's open hazards and alarms, for the registry's `devices`.
    public func index(level: HazardIndexEntry.Level, devices: [Device], names: [String: String] = [:], now: Date) -> [HazardIndexEntry] {
        HazardIndex.entries(
            level: level, devices: devices, hazards: Array(hazards.open.values), alarms: Array(alarms.open.values),
            names: names, now: now)
    }
}
