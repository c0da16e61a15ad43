import Foundation

/// A device taken out of dispatch for a while (`POST /api/v1/devices/{id}/suppress`): its alarms are
/// recorded with resolution `test` and never dispatched until `until` (ISA-18.2 "suppressed by design").
public struct Suppression: Codable, Hashable, Sendable {
    /// Why: a test of the installation, or maintenance work on it.
    public enum Reason: String, Codable, CaseIterable, Hashable, Sendable {
        case test, maintenance
    }

    public var device: String
    public var reason: Reason
    public var since: Date
    public var until: Date
    /// Who asked.
    public var by: String

    public init(device: String, reason: Reason, since: Date, until: Date, by: String) {
        self.device = device
        self.reason = reason
        self.since = since
        self.until = until
        self.by = by
    }

    public func isActive(at now: Date) -> Bool { since <= now && now < until }
}

/// The suppressions in force, one per device (a new one replaces the old).
public struct SuppressionList: Codable, Hashable, Sendable {
    public var devices = KeyedState<Suppression>()

    public init() {}

    /// The suppression in force for `device` at `now`.
    public func active(_ device: String, at now: Date) -> Suppression? {
        devices[device].flatMap { $0.isActive(at: now) ? $0 : nil }
    }

    mutating func add(_ s: Suppression) { devices[s.device] = s }

    /// Drops suppressions that have run out; returns them.
    mutating func expire(now: Date) -> [Suppression] {
        let ended = devices.values.values.filter { $0.until <= now }.sorted { $0.device < $1.device }
        for s in ended { devices[s.device] = nil }
        return ended
    }
}
