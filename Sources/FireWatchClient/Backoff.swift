/// Reconnect delays: doubling from `initial` up to `maximum`, back to `initial` once a connection made
/// progress.
public struct Backoff: Sendable {
    public let initial: Double
    public let maximum: Double
    public private(set) var next: Double

    public init(initial: Double = 0.5, maximum: Double = 15) {
        self.initial = initial
        self.maximum = maximum
        next = initial
    }

    /// The delay before the next attempt; later attempts wait longer.
    public mutating func delay() -> Double {
        defer { next = min(next * 2, maximum) }
        return next
    }

    /// The last connection delivered something: start again from `initial`.
    public mutating func reset() { next = initial }
}
