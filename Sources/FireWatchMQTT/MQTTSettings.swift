import Foundation

/// How to reach the broker and what to subscribe to.
public struct MQTTSettings: Sendable {
    public var host: String
    public var port: Int
    /// TLS material when the URL is `mqtts://`.
    public var tls: TLSSettings?
    /// Fixed: the broker keeps the persistent session under it.
    public var clientID: String
    public var username: String?
    public var password: String?
    public var keepAliveSeconds: Int
    /// MQTT v5 session expiry: how long the broker keeps our session and queued messages while we are away.
    public var sessionExpirySeconds: UInt32
    /// Topic filters subscribed at QoS 1.
    public var filters: [String]
    /// Retained `online` here on connect; `offline` as last will and on clean stop.
    public var statusTopic: String
    /// QoS 1 messages the broker may have in flight to us; bounds one group-commit burst.
    public var receiveMaximum: Int
    /// Most messages committed in one transaction before their PUBACKs go out.
    public var maxBurst: Int
    /// Most payload bytes read into one burst: a burst of 1,000 messages of 10 MB would be 10 GB.
    public var maxBurstBytes: Int = 16 << 20

    public init(
        host: String, port: Int, tls: TLSSettings? = nil, clientID: String, username: String? = nil,
        password: String? = nil, keepAliveSeconds: Int = 30, sessionExpirySeconds: UInt32 = 7 * 86_400,
        filters: [String], statusTopic: String, receiveMaximum: Int = 1000, maxBurst: Int = 1000
    ) {
        self.host = host
        self.port = port
        self.tls = tls
        self.clientID = clientID
        self.username = username
        self.password = password
        self.keepAliveSeconds = keepAliveSeconds
        self.sessionExpirySeconds = sessionExpirySeconds
        self.filters = filters
        self.statusTopic = statusTopic
        self.receiveMaximum = receiveMaximum
        self.maxBurst = maxBurst
    }
}

/// Certificates for `mqtts://`.
public struct TLSSettings: Sendable {
    public var caFile: String?
    public var certFile: String?
    public var keyFile: String?

    public init(caFile: String?, certFile: String?, keyFile: String?) {
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
    }
}

/// One message as the broker handed it over.
public struct InboundMessage: Sendable {
    public var topic: String
    public var payload: [UInt8]
    public var qos: Int
    public var retain: Bool
    /// The broker's DUP flag: this is a redelivery of a message it sent before (read through the
    /// CMosquitto shim on libmosquitto 2.0.x).
    public var dup: Bool
    public var receivedAt: Date
}

/// What the client tells its owner about the connection.
public enum MQTTEvent: Sendable {
    case connected(sessionPresent: Bool)
    case connectFailed(String)
    case disconnected(String)
    case commitFailed(String)
    /// The broker answered a publish with a failure reason code (MQTT v5 PUBACK ≥ 0x80, e.g. not
    /// authorized): the message stays in the outbox and is sent again at the next start.
    case publishRefused(String)
}
