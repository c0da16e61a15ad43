import FireWatchCore
import Foundation

/// What applying a reading did to the open alarms (the walking-skeleton path, `AlarmBook.apply`).
public enum AlarmChange: Hashable, Sendable {
    /// A new alarm was opened.
    case raised(Alarm)
    /// A repeat was folded into an open alarm (`count` went up), or its condition changed.
    case updated(Alarm)

    public var alarm: Alarm {
        switch self {
        case .raised(let a), .updated(let a): a
        }
    }
}

/// The open alarms, one per (device, point, kind). Pure: time comes in with each call, ids from the
/// caller; the daemon persists every change and rebuilds the book from the store at start-up.
public struct AlarmBook: Sendable {
    public private(set) var open: [String: Alarm] = [:]

    public init(open alarms: [Alarm] = []) {
        for a in alarms where a.isOpen { open[a.episodeKey] = a }
    }

    /// An occurrence of (device, point, kind): folds into the open alarm (`count` + 1, active again if
    /// it had cleared) or opens one. `raised` tells which.
    mutating func occur(
        _ kind: AlarmKind, device: Device, point: Point?, now: Date, why: String, makeID: () -> String
    ) -> (alarm: Alarm, raised: Bool) {
        let key = Alarm.episodeKey(device: device.id, point: point, kind: kind)
        guard var alarm = open[key] else {
            var alarm = Alarm(
                id: makeID(), device: device, point: point, kind: kind, severity: AlarmRules.severity(of: kind), raisedAt: now)
            alarm.history[alarm.history.count - 1].why = why
            open[key] = alarm
            return (alarm, true)
        }
        alarm.count += 1
        if alarm.condition == .cleared {
            alarm.condition = .active
            alarm.history.append(AlarmTransition(at: now, to: "active", by: "device:\(device.id)", why: why))
        }
        open[key] = alarm
        return (alarm, false)
    }

    /// The condition ended: the alarm stays open until someone resolves it. Nil when there is no open,
    /// active alarm under `key`.
    mutating func clear(_ key: String, now: Date, by: String, why: String) -> Alarm? {
        guard var alarm = open[key], alarm.condition == .active else { return nil }
        alarm.condition = .cleared
        alarm.history.append(AlarmTransition(at: now, to: "cleared", by: by, why: why))
        open[key] = alarm
        return alarm
    }

    /// The open alarm with this id.
    public func alarm(id: String) -> Alarm? { open.values.first { $0.id == id } }

    /// Folds `reading` from `device` into the book: critical triggers only (fire, manual alarm), test
    /// readings ignored. The walking-skeleton path; `HazardEngine.apply` is the full pipeline.
    public mutating func apply(
        _ reading: Reading, device: Device, now: Date, makeID: () -> String
    ) -> [AlarmChange] {
        var changes: [AlarmChange] = []
        for trigger in AlarmRules.triggers(in: reading) {
            let (alarm, raised) = occur(trigger.kind, device: device, point: reading.point, now: now, why: trigger.kind.rawValue, makeID: makeID)
            changes.append(raised ? .raised(alarm) : .updated(alarm))
        }
        for trigger in AlarmRules.triggers where trigger.severity == .critical {
            let explicit = AlarmRules.clearingEvent(for: trigger.kind).map(reading.has) ?? false
            let absentFromSnapshot = reading.snapshot && !reading.has(trigger.event)
            guard explicit || absentFromSnapshot else { continue }
            let key = Alarm.episodeKey(device: device.id, point: reading.point, kind: trigger.kind)
            if let alarm = clear(key, now: now, by: "device:\(device.id)", why: explicit ? "restored" : "snapshot") {
                changes.append(.updated(alarm))
            }
        }
        return changes
    }

    /// Replaces an alarm after another step (dispatch, operator) changed it; resolved alarms leave the book.
    public mutating func store(_ alarm: Alarm) {
        if alarm.isOpen { open[alarm.episodeKey] = alarm } else { open.removeValue(forKey: alarm.episodeKey) }
    }
}
