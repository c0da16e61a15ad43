import Foundation

/// Keeps one bad device from flooding the log: a problem is logged the first time for a key, then at
/// most once per interval with the number of repeats in between. Every occurrence is still counted
/// in metrics and every raw message stays in the journal.
struct LogThrottle {
    let interval: TimeInterval
    private var last: [String: (at: Date, suppressed: Int)] = [:]

    init(interval: TimeInterval = 60) {
        self.interval = interval
    }

    /// nil when this occurrence should stay quiet; else how many were suppressed since the last log.
    mutating func admit(_ key: String, now: Date) -> Int? {
        if let entry = last[key], now.timeIntervalSince(entry.at) < interval {
            last[key] = (entry.at, entry.suppressed + 1)
            return nil
        }
        let suppressed = last[key]?.suppressed ?? 0
        last[key] = (now, 0)
        if last.count > 100_000 { last.removeAll() }
        return suppressed
    }
}
