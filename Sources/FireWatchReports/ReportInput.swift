import FireWatchCore
import Foundation

/// What a report is computed from: the store's alarms raised from the start of the previous period to
/// the end of this one, every hazard opened before the end, the registry, the stations and the places.
public struct ReportInput: Sendable {
    public var from: Date
    public var to: Date
    public var level: ReportLevel
    /// Only this street's entries (and, at station level, its stations).
    public var street: String?
    public var alarms: [Alarm]
    public var hazards: [Hazard]
    public var devices: [Device]
    public var stations: [Station]
    public var geography: Geography
    public var etaTargetSeconds: Double
    public var now: Date
    /// Where the days of the index trend begin (`timezone`).
    public var timeZone: TimeZone

    public init(
        from: Date, to: Date, level: ReportLevel, street: String? = nil, alarms: [Alarm], hazards: [Hazard], devices: [Device],
        stations: [Station], geography: Geography, etaTargetSeconds: Double = 180, now: Date,
        timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
    ) {
        self.timeZone = timeZone
        self.from = from
        self.to = to
        self.level = level
        self.street = street
        self.alarms = alarms
        self.hazards = hazards
        self.devices = devices
        self.stations = stations
        self.geography = geography
        self.etaTargetSeconds = etaTargetSeconds
        self.now = now
    }

    /// The period before, of the same length.
    public var previousFrom: Date { from.addingTimeInterval(-to.timeIntervalSince(from)) }
}
