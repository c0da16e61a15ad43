import FireWatchCore
import Foundation

/// A station that could be paged, with its distance and ETA to the alarm.
public struct StationCandidate: Hashable, Sendable {
    public var station: Station
    public var distanceMeters: Double
    public var etaSeconds: Double
    /// The ETA came from the travel-time table, not the formula.
    public var etaFromTable: Bool
}

/// Ranks stations for an alarm: available ones by ETA (ties by distance), and the record of which
/// were passed over and why (Resgrid's habit: every choice leaves a trail).
public enum NearestStation {
    /// `targets` are the ids the travel-time table may list for the alarm: device first, then building.
    public static func rank(
        to target: GeoPoint, targets: [String] = [], stations: [Station], policy: DispatchPolicy, alreadyPaged: Set<String> = []
    ) -> (candidates: [StationCandidate], skipped: [SkippedStation]) {
        var candidates: [StationCandidate] = []
        var skipped: [SkippedStation] = []
        for station in stations {
            let d = station.location.distanceMeters(to: target)
            if alreadyPaged.contains(station.id) {
                skipped.append(SkippedStation(stationID: station.id, why: "already paged for this alarm", distanceMeters: d.rounded()))
            } else if station.status != .available {
                skipped.append(SkippedStation(stationID: station.id, why: station.status.rawValue, distanceMeters: d.rounded()))
            } else {
                let listed = policy.travelTimes.eta(from: station.id, to: targets)
                candidates.append(StationCandidate(
                    station: station, distanceMeters: d, etaSeconds: listed ?? policy.etaSeconds(distanceMeters: d), etaFromTable: listed != nil))
            }
        }
        candidates.sort { ($0.etaSeconds, $0.distanceMeters, $0.station.id) < ($1.etaSeconds, $1.distanceMeters, $1.station.id) }
        skipped.sort { ($0.distanceMeters ?? 0) < ($1.distanceMeters ?? 0) }
        // Only skips nearer than the chosen station explain the choice; farther ones are noise.
        if let best = candidates.first {
            skipped = skipped.filter { ($0.distanceMeters ?? 0) <= best.distanceMeters }
        }
        return (candidates, skipped)
    }
}

extension Alarm {
    /// Ids a travel-time table may list for this alarm's place: the device, then its building.
    public var travelTargets: [String] { [device] + (building.map { [$0] } ?? []) }
}
