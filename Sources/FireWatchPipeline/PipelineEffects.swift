import FireWatchCore
import Foundation

/// What one step of the decision core decided, for the daemon's loop to perform: the state rows to
/// commit (with the journal cursor), then the messages to send, the log lines and the metric facts.
/// The core does no I/O; nothing here has happened until the loop commits and sends it.
public struct PipelineEffects: Sendable {
    /// State rows changed, events, and the journal position they cover: committed in one transaction.
    public var commit: PipelineCommit
    /// Sent after the commit, in order.
    public var outbound: [Outbound] = []
    public var logs: [LogRecord] = []
    public var facts: [MetricFact] = []

    public init(cursor: Int64) {
        commit = PipelineCommit(cursor: cursor)
    }

    /// Nothing to commit or send.
    public var isEmpty: Bool { commit.isEmpty && outbound.isEmpty }

    mutating func log(_ level: LogRecord.Level, _ message: String, _ metadata: [String: String] = [:]) {
        logs.append(LogRecord(level: level, message: message, metadata: metadata))
    }
}

/// A message the daemon publishes once the step that decided it is committed.
public struct Outbound: Hashable, Sendable {
    public var topic: String
    public var payload: [UInt8]
    public var retain: Bool
    /// A rank-1 page: when its message was received and when the page was decided (latency metrics).
    public var receivedAt: Date?
    public var decidedAt: Date?
    /// The alarm it is about, for the log.
    public var alarmID: String?

    public init(topic: String, payload: [UInt8], retain: Bool, receivedAt: Date? = nil, decidedAt: Date? = nil, alarmID: String? = nil) {
        self.topic = topic
        self.payload = payload
        self.retain = retain
        self.receivedAt = receivedAt
        self.decidedAt = decidedAt
        self.alarmID = alarmID
    }
}

/// A structured log line the core asks for (the daemon writes it with swift-log).
public struct LogRecord: Hashable, Sendable {
    public enum Level: String, Hashable, Sendable { case debug, info, notice, warning, error }
    public var level: Level
    public var message: String
    public var metadata: [String: String]
}

/// Something the metrics count, as the core saw it.
public enum MetricFact: Hashable, Sendable {
    case unknownDevice
    /// A message over `mqtt.max_payload_bytes`, journaled and not decoded.
    case oversize
    case decodeError(model: String)
    /// A rank-1 page went out `secondsSinceRaise` after the alarm was raised; whether its ETA meets the target.
    case paged(street: String, rank: Int, secondsSinceRaise: Double, etaMet: Bool)
    /// A rank-1 page was decided this long after its message was received.
    case decided(seconds: Double)
    /// A station accepted this long after the alarm was raised.
    case accepted(street: String, seconds: Double)
}
