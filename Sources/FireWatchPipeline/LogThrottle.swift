import Foundation

/// Keeps one bad device from flooding the log: a problem is logged the first time for a key, then at
/// most once per interval with the number of repeats in between. Every occurrence is still counted
/// in metrics and every raw message stays in the journal. Bounded in bytes: keys are cut to
/// `maxKeyBytes`, and past `maxBytes` of keys the ones quiet for an interval are forgotten (all of
/// them if that is not enough), so a flood of unique attacker-chosen ids cannot grow it.
public struct LogThrottle: Sendable {
    let interval: TimeInterval
    static let maxKeyBytes = 128
    static let maxBytes = 1 << 20
    private var last: [String: (at: Date, suppressed: Int)] = [:]
    private(set) var bytes = 0

    public init(interval: TimeInterval = 60) {
        self.interval = interval
    }

    /// Entries kept now.
    var count: Int { last.count }

    /// nil when this occurrence should stay quiet; else how many were suppressed since the last log.
    public mutating func admit(_ fullKey: String, now: Date) -> Int? {
        let key = fullKey.utf8.count > Self.maxKeyBytes ? String(decoding: fullKey.utf8.prefix(Self.maxKeyBytes), as: UTF8.self) : fullKey
        if let entry = last[key], now.timeIntervalSince(entry.at) < interval {
            last[key] = (entry.at, entry.suppressed + 1)
            return nil
        }
        let suppressed = last[key]?.suppressed ?? 0
        if last.updateValue((now, 0), forKey: key) == nil { bytes += key.utf8.count + Self.entryOverhead }
        if bytes > Self.maxBytes { prune(now: now) }
        return suppressed
    }

    /// Per entry beyond the key's bytes (the date, the count, the table slot), for the byte bound.
    static let entryOverhead = 48

    mutating func prune(now: Date) {
        last = last.filter { now.timeIntervalSince($0.value.at) < interval }
        bytes = last.keys.reduce(0) { $0 + $1.utf8.count + Self.entryOverhead }
        // Still over half the bound within one interval: a flood of unique keys. Start over.
        if bytes > Self.maxBytes / 2 {
            last.removeAll()
            bytes = 0
        }
    }
}
