import FireWatchCore
import FireWatchMQTT
import Foundation
import Logging
import Synchronization

/// Where the pipeline's committed outbound messages go. A message with an outbox id stays in the store
/// until the sink reports it acknowledged; the pipeline then forgets the row.
public protocol OutboundSink: Sendable {
    /// Publishes `message` after the commit that stored it, behind anything still waiting.
    func send(_ message: OutboundMessage)
    /// Sends again, in order, what could not be handed over before (no client yet).
    func retry()
    /// Outbox ids acknowledged since the last call.
    func takeAcknowledged() -> [Int64]
}

/// A sink that hands every message to a closure and counts it acknowledged at once (tests and tools).
public final class ClosureSink: OutboundSink {
    let publish: OutboundPublish
    let acked = Mutex<[Int64]>([])

    public init(_ publish: @escaping OutboundPublish) {
        self.publish = publish
    }

    public func send(_ message: OutboundMessage) {
        publish(message.topic, message.payload, message.retain)
        if message.id > 0 { acked.withLock { $0.append(message.id) } }
    }

    public func retry() {}

    public func takeAcknowledged() -> [Int64] {
        acked.withLock { a in
            defer { a.removeAll() }
            return a
        }
    }
}

/// The daemon's sink: QoS 1 publishes through the ingest MQTT client (created after the pipeline),
/// each outbox id reported once the broker's PUBACK arrived. While the client cannot take a message
/// (not started yet), it and everything after it wait here, in order, for `retry()`. A message
/// libmosquitto refuses outright (too large, a bad topic) can never go out: it is logged with its
/// topic and forgotten, so it does not hold up every dispatch behind it.
final class MQTTSink: OutboundSink {
    private let state = Mutex<(client: MQTTClient?, waiting: [OutboundMessage], dropped: [Int64])>((nil, [], []))
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    func attach(_ client: MQTTClient) {
        state.withLock { $0.client = client }
    }

    func send(_ message: OutboundMessage) {
        state.withLock { s in
            if s.waiting.isEmpty, hand(message, &s) { return }
            s.waiting.append(message)
        }
    }

    func retry() {
        state.withLock { s in
            while let first = s.waiting.first, hand(first, &s) { s.waiting.removeFirst() }
        }
    }

    /// True when the message is settled here (queued, or refused for good).
    private func hand(_ m: OutboundMessage, _ s: inout (client: MQTTClient?, waiting: [OutboundMessage], dropped: [Int64])) -> Bool {
        guard let client = s.client else { return false }
        switch client.enqueue(topic: m.topic, payload: m.payload, qos: 1, retain: m.retain, token: m.id > 0 ? m.id : nil) {
        case .queued:
            return true
        case .notYet:
            return false
        case .refused(let why):
            logger.error("an outbound message cannot be published; dropped", metadata: [
                "topic": "\(m.topic)", "bytes": "\(m.payload.count)", "error": "\(why)", "outbox_id": "\(m.id)",
            ])
            if m.id > 0 { s.dropped.append(m.id) }
            return true
        }
    }

    func takeAcknowledged() -> [Int64] {
        let (client, dropped) = state.withLock { s -> (MQTTClient?, [Int64]) in
            defer { s.dropped.removeAll() }
            return (s.client, s.dropped)
        }
        return dropped + (client?.takeAcknowledged() ?? [])
    }
}
