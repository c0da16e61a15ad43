import FireWatchCore
import Foundation

/// The open alarms, one per (device, point, kind): the one copy of each open alarm. Everything that
/// moves an alarm (rules, dispatch, stations, operators) changes it here, in place, through the
/// transitions of `Alarm+Lifecycle`; callers read it back, never write a copy over it. Pure: time comes
/// in with each call, ids from the caller.
public struct AlarmBook: Sendable {
    public private(set) var open: [String: Alarm] = [:]
    /// Alarm id → episode key, so a lookup by id does not scan the book.
    var keys: [String: String] = [:]
    /// Open alarms per device, so a message from a device with none skips the per-subject work.
    var devices: [String: Int] = [:]

    public init(open alarms: [Alarm] = []) {
        for a in alarms where a.isOpen { put(a) }
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
            put(alarm)
            return (alarm, true)
        }
        alarm.occurAgain(by: "device:\(device.id)", at: now, why: why)
        put(alarm)
        return (alarm, false)
    }

    /// The condition ended: the alarm stays open until someone resolves it. Nil when there is no open,
    /// active alarm under `key`.
    mutating func clear(_ key: String, now: Date, by: String, why: String) -> Alarm? {
        guard var alarm = open[key], alarm.clear(by: by, at: now, why: why) else { return nil }
        put(alarm)
        return alarm
    }

    /// The open alarm with this id.
    public func alarm(id: String) -> Alarm? { keys[id].flatMap { open[$0] } }

    /// Changes the open alarm with this id in place and returns it as it is now (resolved alarms leave
    /// the book); nil when no such alarm is open.
    mutating func modify(_ id: String, _ body: (inout Alarm) throws -> Void) rethrows -> Alarm? {
        guard let key = keys[id], var alarm = open[key] else { return nil }
        try body(&alarm)
        if alarm.isOpen {
            open[key] = alarm
        } else {
            open.removeValue(forKey: key)
            keys.removeValue(forKey: id)
            count(alarm.device, -1)
        }
        return alarm
    }

    /// Open alarms that joined the incident of `primaryID`, oldest first.
    public func members(of primaryID: String) -> [Alarm] {
        open.values.filter { $0.incident == primaryID }.sorted { ($0.raisedAt, $0.id) < ($1.raisedAt, $1.id) }
    }

    /// Whether `device` has an open alarm.
    public func hasOpen(device: String) -> Bool { devices[device] != nil }

    mutating func count(_ device: String, _ delta: Int) {
        let n = (devices[device] ?? 0) + delta
        devices[device] = n > 0 ? n : nil
    }

    mutating func put(_ alarm: Alarm) {
        if open[alarm.episodeKey] == nil { count(alarm.device, 1) }
        open[alarm.episodeKey] = alarm
        keys[alarm.id] = alarm.episodeKey
    }
}
