import FireWatchCore
import Foundation

/// Alarms resolved as false alarms per device, to spot a detector that keeps crying wolf: three within
/// 30 days open a `chronic_false_alarm` hazard (the detector needs cleaning, moving or replacing).
public struct FalseAlarmLog: Codable, Hashable, Sendable {
    /// One alarm resolved as `false_alarm`.
    public struct Entry: Codable, Hashable, Sendable {
        public var alarmID: String
        public var at: Date

        enum CodingKeys: String, CodingKey {
            case alarmID = "alarm_id", at
        }
    }

    public var devices = KeyedState<[Entry]>()

    public init() {}

    /// Records a resolved false alarm (once per alarm) and returns the device's entries inside the window
    /// when they reach `count`.
    mutating func record(_ alarm: Alarm, count: Int, windowSeconds: Double) -> [Entry]? {
        guard alarm.resolution == .falseAlarm, let at = alarm.resolvedAt else { return nil }
        var list = (devices[alarm.device] ?? []).filter { at.timeIntervalSince($0.at) <= windowSeconds }
        if !list.contains(where: { $0.alarmID == alarm.id }) { list.append(Entry(alarmID: alarm.id, at: at)) }
        devices[alarm.device] = list
        return list.count >= count ? list : nil
    }

    /// Starts counting again once a chronic hazard is opened, so its closure is not undone by old alarms.
    mutating func reset(_ device: String) { devices[device] = nil }

    /// Forgets entries older than the window.
    mutating func prune(now: Date, windowSeconds: Double) {
        devices.update { _, list in
            let kept = list.filter { now.timeIntervalSince($0.at) <= windowSeconds }
            return kept.isEmpty ? nil : kept
        }
    }
}
