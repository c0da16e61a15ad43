import FireWatchCore
import Foundation

/// The open alarms, one per (device, point, kind): the hazard engine's alarm store. Pure: time comes in
/// with each call, ids from the caller; the daemon persists every change and rebuilds the book from the
/// store at start-up.
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

    /// Replaces an alarm after another step (dispatch, operator) changed it; resolved alarms leave the book.
    public mutating func store(_ alarm: Alarm) {
        if alarm.isOpen { open[alarm.episodeKey] = alarm } else { open.removeValue(forKey: alarm.episodeKey) }
    }
}
