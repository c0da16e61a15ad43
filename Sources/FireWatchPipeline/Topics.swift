/// The topics the daemon publishes and listens to, under `mqtt.topic_prefix` (INTERFACES.md).
public struct Topics: Sendable {
    public let prefix: String
    public let instance: String

    public init(prefix: String, instance: String) {
        self.prefix = prefix
        self.instance = instance
    }

    public var status: String { "\(prefix)/daemon/\(instance)/status" }
    public func alarm(_ id: String) -> String { "\(prefix)/alarms/\(id)" }
    public func dispatch(station: String) -> String { "\(prefix)/stations/\(station)/dispatch" }
    public var brigadeAlerts: String { "\(prefix)/brigade/alerts" }
    public var stationAcks: String { "\(prefix)/stations/+/ack" }
    public var stationStatus: String { "\(prefix)/stations/+/status" }
}
