import FireWatchCore
import Foundation

/// What applying a reading did to the open alarms.
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

    /// Folds `reading` from `device` into the book.
    public mutating func apply(
        _ reading: Reading, device: Device, now: Date, makeID: () -> String
    ) -> [AlarmChange] {
        var changes: [AlarmChange] = []
        for trigger in AlarmRules.triggers(in: reading) {
            let key = Alarm.episodeKey(device: device.id, point: reading.point, kind: trigger.kind)
            if var alarm = open[key] {
                alarm.count += 1
                if alarm.condition == .cleared {
                    alarm.condition = .active
                    alarm.history.append(AlarmTransition(at: now, to: "active", by: "device:\(device.id)", why: "repeat"))
                }
                open[key] = alarm
                changes.append(.updated(alarm))
            } else {
                let alarm = Alarm(
                    id: makeID(), device: device, point: reading.point, kind: trigger.kind,
                    severity: trigger.severity, raisedAt: now)
                open[key] = alarm
                changes.append(.raised(alarm))
            }
        }
        changes += clearConditions(reading, device: device, now: now)
        return changes
    }

    /// A clearing event, or a snapshot that no longer carries the triggering event, clears the
    /// condition; the alarm stays open until someone resolves it.
    mutating func clearConditions(_ reading: Reading, device: Device, now: Date) -> [AlarmChange] {
        var changes: [AlarmChange] = []
        for trigger in AlarmRules.triggers {
            let key = Alarm.episodeKey(device: device.id, point: reading.point, kind: trigger.kind)
            guard var alarm = open[key], alarm.condition == .active else { continue }
            let explicit = AlarmRules.clearingEvent(for: trigger.kind).map(reading.has) ?? false
            let absentFromSnapshot = reading.snapshot && !reading.has(trigger.event)
            guard explicit || absentFromSnapshot else { continue }
            alarm.condition = .cleared
            alarm.history.append(AlarmTransition(at: now, to: "cleared", by: "device:\(device.id)", why: explicit ? "restored" : "snapshot"))
            open[key] = alarm
            changes.append(.updated(alarm))
        }
        return changes
    }

    /// Replaces an alarm after another step (dispatch, operator) changed it; resolved alarms leave the book.
    public mutating func store(_ alarm: Alarm) {
        if alarm.isOpen { open[alarm.episodeKey] = alarm } else { open.removeValue(forKey: alarm.episodeKey) }
    }
}
