import Foundation

/// Nearest-rank percentiles over the raw values (never an average of daily percentiles).
enum Percentile {
    /// The `p`-th percentile (0 < p ≤ 100) of `values` by nearest rank: the value at rank ⌈p/100 × n⌉
    /// of the sorted values; nil when there are none.
    static func nearestRank(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// `part` of `whole` in percent, two decimals; nil when `whole` is 0.
    static func percent(_ part: Int, of whole: Int) -> Double? {
        guard whole > 0 else { return nil }
        return (100 * Double(part) / Double(whole) * 100).rounded() / 100
    }

    static func round2(_ v: Double) -> Double { (v * 100).rounded() / 100 }
}
