import Foundation

/// How the centre server listens and what it tolerates (`gb26875.*` in the configuration).
public struct GB26875ServerSettings: Sendable {
    public var host: String
    public var port: Int
    /// Connections beyond this are closed as they arrive.
    public var maxConnections: Int
    /// A connection that sends nothing for this long is closed (heartbeats come every 20–30 s).
    public var idleTimeoutSeconds: Double
    /// Bytes of a frame that stay incomplete this long close the connection (slowloris).
    public var frameTimeoutSeconds: Double
    /// Frames of one connection awaiting their journal commit before reading stops.
    public var maxPendingFrames: Int
    /// Device clocks that send local time (the time label) are in this zone.
    public var timeZone: TimeZone
    /// A device clock off by more than this gets a clock sync (type 90).
    public var clockSkewSeconds: Double
    /// Downlink frames are sent again after this long without a confirm, up to `downlinkTries` times.
    public var downlinkRetrySeconds: Double
    public var downlinkTries: Int
    /// The centre's own 6-byte address in the frames it sends.
    public var centreAddress: UInt64
    /// A frame with the source address and serial of one journaled this recently is a retransmission.
    public var retransmitWindowSeconds: Double
    /// Seconds between duty checks (查岗) to each connected registered device; nil: none.
    public var dutyCheckEverySeconds: Double?

    public init(
        host: String, port: Int, maxConnections: Int = 5_000, idleTimeoutSeconds: Double = 120, frameTimeoutSeconds: Double = 30,
        maxPendingFrames: Int = 64, timeZone: TimeZone, clockSkewSeconds: Double = 30, downlinkRetrySeconds: Double = 10,
        downlinkTries: Int = 3, centreAddress: UInt64 = 0, retransmitWindowSeconds: Double = 600, dutyCheckEverySeconds: Double? = nil
    ) {
        self.host = host
        self.port = port
        self.maxConnections = maxConnections
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.frameTimeoutSeconds = frameTimeoutSeconds
        self.maxPendingFrames = maxPendingFrames
        self.timeZone = timeZone
        self.clockSkewSeconds = clockSkewSeconds
        self.downlinkRetrySeconds = downlinkRetrySeconds
        self.downlinkTries = downlinkTries
        self.centreAddress = centreAddress
        self.retransmitWindowSeconds = retransmitWindowSeconds
        self.dutyCheckEverySeconds = dutyCheckEverySeconds
    }
}
