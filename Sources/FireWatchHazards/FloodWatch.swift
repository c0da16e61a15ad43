import Foundation

/// New alarms per street (ISA-18.2 flood: more than 10 in 10 minutes; over below 5). During a flood
/// the street gets one summary and each new alarm is marked as part of it.
public struct FloodWatch: Codable, Hashable, Sendable {
    /// When each street's recent alarms were raised, within the window.
    public var raises = KeyedState<[Date]>()
    /// Streets in flood, with how many alarms were raised since it began.
    public var active = KeyedState<Int>()

    public init() {}

    /// Records a new alarm in `street`. `started` carries the count when this alarm starts a flood;
    /// `inFlood` says whether the alarm is part of one.
    mutating func raised(_ street: String, now: Date, count: Int, windowSeconds: Double) -> (started: Int?, inFlood: Bool) {
        var list = (raises[street] ?? []).filter { now.timeIntervalSince($0) < windowSeconds }
        list.append(now)
        raises[street] = list
        if let n = active[street] {
            active[street] = n + 1
            return (nil, true)
        }
        guard list.count > count else { return (nil, false) }
        active[street] = list.count
        return (list.count, true)
    }

    /// Ends floods whose rate fell below half the flood count; returns each street with the alarms it held.
    mutating func expire(now: Date, count: Int, windowSeconds: Double) -> [(street: String, alarms: Int)] {
        raises.update { _, list in
            let kept = list.filter { now.timeIntervalSince($0) < windowSeconds }
            return kept.isEmpty ? nil : kept
        }
        var ended: [(street: String, alarms: Int)] = []
        for (street, alarms) in active.values.sorted(by: { $0.key < $1.key }) where Double(raises[street]?.count ?? 0) < Double(count) / 2 {
            active[street] = nil
            ended.append((street, alarms))
        }
        return ended
    }
}
