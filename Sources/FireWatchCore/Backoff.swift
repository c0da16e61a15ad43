import Foundation

/// Reconnect delays: capped exponential backoff with jitter (each delay drawn between half and all of
/// its step), so a district's daemons and operators' terminals do not reconnect in lockstep after a
/// broker or server restart; back to the first step once a connection made progress.
public struct Backoff: Sendable {
    public let initial: Double
    public let maximum: Double
    private var attempt = 0

    public init(initial: Double = 0.5, maximum: Double = 30) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The ceiling of the next delay: `initial` doubled per attempt, at most `maximum`.
    public var step: Double { min(maximum, initial * pow(2, Double(attempt))) }

    /// The delay before the next attempt; later attempts wait longer.
    public mutating func next() -> Double {
        let ceiling = step
        attempt = min(attempt + 1, 32)
        return Double.random(in: (ceiling / 2)...ceiling)
    }

    /// The last connection delivered something: start again from `initial`.
    public mutating func reset() { attempt = 0 }
}
