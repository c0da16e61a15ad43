import Foundation

/// A domain event on the operator stream (SSE `data:`, `tail --json`). `seq` is assigned by the store
/// and increases monotonically; clients resume from it.
public struct FeedEvent: Codable, Hashable, Sendable {
    public var seq: Int64
    public var at: Date
    public var type: FeedEventType
    public var alarm: Alarm?
    public var dispatch: DispatchOrder?
    public var station: Station?
    public var note: String?

    public init(
        seq: Int64 = 0, at: Date, type: FeedEventType, alarm: Alarm? = nil, dispatch: DispatchOrder? = nil,
        station: Station? = nil, note: String? = nil
    ) {
        self.seq = seq
        self.at = at
        self.type = type
        self.alarm = alarm
        self.dispatch = dispatch
        self.station = station
        self.note = note
    }
}

/// The event types of the operator stream (INTERFACES.md).
public enum FeedEventType: String, Codable, CaseIterable, Hashable, Sendable {
    case alarmRaised = "alarm.raised", alarmUpdated = "alarm.updated", alarmDispatched = "alarm.dispatched"
    case alarmEscalated = "alarm.escalated", alarmResolved = "alarm.resolved"
    case hazardOpened = "hazard.opened", hazardUpdated = "hazard.updated", hazardClosed = "hazard.closed"
    case stationStatus = "station.status"
}
