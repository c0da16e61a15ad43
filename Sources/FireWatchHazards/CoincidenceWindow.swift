import FireWatchCore
import Foundation

/// Recent fire and manual alarm occurrences per building, for coincidence (EN 54-2 type C, "double
/// knock"): a second detector of the same building within the window confirms the fire.
public struct CoincidenceWindow: Codable, Hashable, Sendable {
    /// One detector's alarm occurrence.
    public struct Detection: Codable, Hashable, Sendable {
        public var alarmID: String
        /// `device|point`: two points of one panel are two detectors.
        public var detector: String
        public var kind: AlarmKind
        public var at: Date

        enum CodingKeys: String, CodingKey {
            case alarmID = "alarm_id", detector, kind, at
        }
    }

    public var buildings = KeyedState<[Detection]>()

    public init() {}

    /// Records an occurrence and returns the other detectors' occurrences inside the window, latest per detector.
    mutating func record(_ detection: Detection, building: String, windowSeconds: Double) -> [Detection] {
        var list = (buildings[building] ?? []).filter { detection.at.timeIntervalSince($0.at) <= windowSeconds }
        let others = list.filter { $0.detector != detection.detector }
        list.removeAll { $0.detector == detection.detector }
        list.append(detection)
        buildings[building] = list
        var latest: [String: Detection] = [:]
        for o in others where (latest[o.detector]?.at ?? .distantPast) <= o.at { latest[o.detector] = o }
        return latest.values.sorted { $0.at < $1.at }
    }

    /// Forgets occurrences older than the window.
    mutating func prune(now: Date, windowSeconds: Double) {
        buildings.update { _, list in
            let kept = list.filter { now.timeIntervalSince($0.at) <= windowSeconds }
            return kept.isEmpty ? nil : kept
        }
    }
}
