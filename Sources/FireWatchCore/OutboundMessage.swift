import Foundation

/// An MQTT message a pipeline step decided to publish (a dispatch order, a retained alarm topic, the
/// brigade's CAP). The store keeps it, written in the step's own transaction, until the broker has
/// acknowledged it: a message decided just before a crash is published after the restart.
public struct OutboundMessage: Hashable, Sendable {
    /// The outbox row; 0 until the commit has stored it (a message sent without being kept).
    public var id: Int64
    public var topic: String
    public var payload: [UInt8]
    public var retain: Bool

    public init(id: Int64 = 0, topic: String, payload: [UInt8], retain: Bool) {
        self.id = id
        self.topic = topic
        self.payload = payload
        self.retain = retain
    }
}

/// What a commit stored: the events with their `seq`, and the outbound messages with their row ids.
public struct CommittedStep: Sendable {
    public var events: [FeedEvent]
    public var outbound: [OutboundMessage]
    /// Outbox rows the commit deleted (acknowledged ones still there; a repeated id counts once).
    public var forgotten: Int

    public init(events: [FeedEvent], outbound: [OutboundMessage], forgotten: Int = 0) {
        self.events = events
        self.outbound = outbound
        self.forgotten = forgotten
    }
}
