import FireWatchCore
import FireWatchHazards
import Foundation

/// The hazard index as it stood at a past time, from the records: the hazards open then (opened at or
/// before it, closed after it), late if their deadline had passed, and the fire alarms open then.
enum IndexAtTime {
    static func scores(level: HazardIndexEntry.Level, devices: [Device], hazards: [Hazard], alarms: [Alarm], at t: Date) -> [String: Double] {
        let openHazards = hazards.compactMap { h -> Hazard? in
            guard h.openedAt <= t, h.closedAt.map({ $0 > t }) ?? true else { return nil }
            var h = h
            h.state = .open
            // Late then: rectified after the deadline, or not rectified by then and past it.
            if let r = h.rectifiedAt, r > t { h.rectifiedAt = nil }
            h.overdue = false
            return h
        }
        let openAlarms = alarms.compactMap { a -> Alarm? in
            guard a.raisedAt <= t, a.resolvedAt.map({ $0 > t }) ?? true else { return nil }
            var a = a
            a.state = .raised
            return a
        }
        let entries = HazardIndex.entries(level: level, devices: devices, hazards: openHazards, alarms: openAlarms, now: t)
        return Dictionary(entries.map { ($0.id, $0.score) }, uniquingKeysWith: { a, _ in a })
    }
}
