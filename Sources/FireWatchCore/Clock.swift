import Foundation

/// Where the pure modules get the time from, so rules and timers are tested without sleeping.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The real time.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}
