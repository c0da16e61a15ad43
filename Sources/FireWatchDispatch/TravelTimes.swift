import Foundation

/// Measured or routed travel times from stations to buildings or devices (`stations.travel_times`),
/// used instead of road factor × distance / speed where a pair is listed.
///
/// CSV with a header row `station_id,target,eta_s`: `target` is a building id or a device id of the
/// registry (a building row covers every device in it; a device row wins over its building's);
/// `eta_s` is seconds. Lines starting with `#` are comments.
public struct TravelTimes: Hashable, Sendable {
    var seconds: [String: [String: Double]] = [:]

    public init(_ rows: [(station: String, target: String, seconds: Double)] = []) {
        for r in rows { seconds[r.station, default: [:]][r.target] = r.seconds }
    }

    public var isEmpty: Bool { seconds.isEmpty }

    /// The listed time from `station` to the first of `targets` that has one (device first, then building).
    public func eta(from station: String, to targets: [String]) -> Double? {
        guard let row = seconds[station] else { return nil }
        for t in targets { if let s = row[t] { return s } }
        return nil
    }

    /// Parses the CSV; errors name the line.
    public static func parse(_ text: String) throws(TravelTimesError) -> TravelTimes {
        var rows: [(String, String, Double)] = []
        var sawHeader = false
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if !sawHeader {
                guard fields == ["station_id", "target", "eta_s"] else {
                    throw TravelTimesError(line: i + 1, "the header must be station_id,target,eta_s")
                }
                sawHeader = true
                continue
            }
            guard fields.count == 3, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw TravelTimesError(line: i + 1, "expected station_id,target,eta_s")
            }
            guard let s = Double(fields[2]), s >= 0, s.isFinite else {
                throw TravelTimesError(line: i + 1, "eta_s \"\(fields[2])\" must be a number of seconds")
            }
            rows.append((fields[0], fields[1], s))
        }
        return TravelTimes(rows)
    }
}

/// A travel-time table line that could not be read.
public struct TravelTimesError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
