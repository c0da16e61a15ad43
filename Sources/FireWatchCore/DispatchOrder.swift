import Foundation

/// A page to one micro station for one alarm (INTERFACES.md dispatch object), with the trail of why
/// this station was chosen and which were skipped.
public struct DispatchOrder: Codable, Hashable, Sendable {
    public var dispatchID: String
    public var alarmID: String
    public var stationID: String
    /// 1 for the nearest candidate, 2 for the next, ...
    public var rank: Int
    public var device: String
    public var kind: AlarmKind
    public var address: String
    public var location: GeoPoint
    public var distanceMeters: Double
    public var etaSeconds: Double
    public var ackDeadline: Date
    public var at: Date
    /// Why this station: its ranking basis, in words an auditor reads.
    public var reason: String
    /// Stations passed over, with why.
    public var skipped: [SkippedStation]
    /// An exercise dispatch (联勤联训): answered as usual, never counted as live.
    public var drill: Bool?

    public init(
        dispatchID: String, alarmID: String, stationID: String, rank: Int, device: String, kind: AlarmKind,
        address: String, location: GeoPoint, distanceMeters: Double, etaSeconds: Double, ackDeadline: Date,
        at: Date, reason: String, skipped: [SkippedStation]
    ) {
        self.dispatchID = dispatchID
        self.alarmID = alarmID
        self.stationID = stationID
        self.rank = rank
        self.device = device
        self.kind = kind
        self.address = address
        self.location = location
        self.distanceMeters = distanceMeters
        self.etaSeconds = etaSeconds
        self.ackDeadline = ackDeadline
        self.at = at
        self.reason = reason
        self.skipped = skipped
    }

    enum CodingKeys: String, CodingKey {
        case dispatchID = "dispatch_id", alarmID = "alarm_id", stationID = "station_id", rank, device, kind
        case address, location, distanceMeters = "distance_m", etaSeconds = "eta_s", ackDeadline = "ack_deadline"
        case at, reason, skipped, drill
    }
}

/// A station not paged, and why (busy, out of service, already paged).
public struct SkippedStation: Codable, Hashable, Sendable {
    public var stationID: String
    public var why: String
    public var distanceMeters: Double?

    public init(stationID: String, why: String, distanceMeters: Double? = nil) {
        self.stationID = stationID
        self.why = why
        self.distanceMeters = distanceMeters
    }

    enum CodingKeys: String, CodingKey { case stationID = "station_id", why, distanceMeters = "distance_m" }
}
