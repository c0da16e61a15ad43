import FireWatchDecoders
import FireWatchDispatch
import Foundation

/// The daemon's configuration (`Config/firewatch.yaml`; keys are binding, INTERFACES.md).
public struct Configuration: Sendable {
    /// Names this daemon in topics and logs.
    public var instance: String
    /// For device clocks that send local time (GB/T 26875.3).
    public var timeZone: TimeZone
    public var mqtt: MQTT
    /// SQLite database file.
    public var sqlitePath: String
    /// Days raw messages stay in the journal once processed (0: forever).
    public var journalRetentionDays: Int
    /// Days operator-stream events stay (0: forever); alarms and dispatches are never pruned.
    public var eventsRetentionDays: Int
    /// Folders of vendor definitions.
    public var definitionFolders: [String]
    /// Device registry file (YAML list or CSV).
    public var registryPath: String
    public var stationsPath: String
    public var dispatch: DispatchPolicy
    public var hazards: Hazards
    /// `host:port` of the HTTP API.
    public var httpListen: String
    /// Token → {name, role}; absent file: read-only API for loopback clients.
    public var tokensFile: String?
    /// swift-log level: trace, debug, info, notice, warning, error, critical.
    public var logLevel: String
    /// The file this came from.
    public var file: String

    public struct MQTT: Sendable, Hashable {
        public var url: String
        public var host: String
        public var port: Int
        public var tls: Bool
        public var clientID: String
        public var subscriptions: [Subscription]
        /// Root of every topic the daemon publishes.
        public var topicPrefix: String
        public var username: String?
        public var passwordFile: String?
        public var caFile: String?
        public var certFile: String?
        public var keyFile: String?
        public var keepAliveSeconds: Int
        public var sessionExpirySeconds: Int
        /// Backpressure: stop reading from the broker while the pipeline is this many journal rows behind.
        public var maxUnprocessed: Int
    }

    /// One subscription: a topic filter, where the device id sits in the topic, and the envelope.
    public struct Subscription: Sendable, Hashable {
        public var filter: String
        /// 1-based topic level holding the device id.
        public var deviceLevel: Int
        /// raw, chirpstack or tts.
        public var envelope: String

        public init(filter: String, deviceLevel: Int, envelope: String) {
            self.filter = filter
            self.deviceLevel = deviceLevel
            self.envelope = envelope
        }

        /// The filter's levels as topics see them (a `$share/GROUP/` prefix removed).
        public var topicLevels: [Substring] {
            var f = filter.split(separator: "/", omittingEmptySubsequences: false)
            if f.first == "$share", f.count > 2 { f.removeFirst(2) }
            return f
        }
    }

    /// Hazard-pipeline thresholds (`hazards.*`).
    public struct Hazards: Sendable, Hashable {
        public var offlineAfterHeartbeats: Int
        public var coincidenceWindowSeconds: Int
        public var chatteringCount: Int
        public var chatteringWindowSeconds: Int
        public var floodCount: Int
        public var floodWindowSeconds: Int
        public var residualCurrentMilliamps: Double
        public var cableTemperatureCelsius: Double
    }
}
