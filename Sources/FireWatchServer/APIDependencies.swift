import FireWatchCore
import FireWatchStore
import Foundation

/// What the HTTP API reads from the running daemon.
public struct APIDependencies: Sendable {
    public var store: SQLiteStore
    /// Broker connected and store writable.
    public var isReady: @Sendable () -> Bool
    /// Stations with their current status.
    public var stations: @Sendable () async -> [Station]
    /// A registered device by id.
    public var device: @Sendable (String) async -> Device?
    /// Applies an operator action (acknowledge, confirm, resolve); throws `AlarmActionError`.
    public var act: @Sendable (AlarmAction) async throws -> Alarm
    /// Prometheus text exposition of every metric.
    public var metricsText: @Sendable () -> String
    /// Timezone of the offsets in JSON timestamps.
    public var timeZone: TimeZone

    public init(
        store: SQLiteStore, isReady: @escaping @Sendable () -> Bool, stations: @escaping @Sendable () async -> [Station],
        device: @escaping @Sendable (String) async -> Device?, act: @escaping @Sendable (AlarmAction) async throws -> Alarm,
        metricsText: @escaping @Sendable () -> String,
        timeZone: TimeZone
    ) {
        self.store = store
        self.isReady = isReady
        self.stations = stations
        self.device = device
        self.act = act
        self.metricsText = metricsText
        self.timeZone = timeZone
    }
}
