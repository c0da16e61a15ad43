import FireWatchDecoders
import FireWatchDispatch
import FireWatchHazards
import FireWatchNotify
import FireWatchPipeline
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
    /// `geography.file`: streets and communities with names and centres; nil shows ids.
    public var geographyPath: String? = nil
    /// `geography.units`: the baseline register of units (底数清册); nil: no units.
    public var unitsPath: String? = nil
    public var dispatch: DispatchPolicy
    /// Hazard-pipeline thresholds (`hazards.*`); defaults are the policy's own.
    public var hazards: HazardPolicy
    /// `host:port` of the HTTP API.
    public var httpListen: String
    /// Token → {name, role}; absent file: read-only API for loopback clients.
    public var tokensFile: String?
    /// `http.allowed_hosts`: Host header values the API answers (nil: the listen address, localhost,
    /// 127.0.0.1, ::1, and on a wildcard listen address this machine's own names and addresses).
    public var allowedHosts: [String]? = nil
    /// `notify.*`: outbound HTTP targets fed by the outbox (none: nothing is written for them).
    public var notify = NotifySettings(targets: [])
    /// `gb26875.*`: the GB/T 26875.3 centre server over TCP; nil when `gb26875.listen` is absent.
    public var gb26875: GB26875? = nil
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
        /// Backpressure by bytes: stop reading while this many payload bytes wait for the pipeline.
        public var maxUnprocessedBytes: Int
        /// `mqtt.max_payload_bytes`: larger messages are journaled and counted, never decoded.
        public var maxPayloadBytes: Int
    }

    /// One subscription: a topic filter, where the device id sits in the topic, and the envelope.
    public typealias Subscription = FireWatchPipeline.Subscription
}
