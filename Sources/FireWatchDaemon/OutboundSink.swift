import FireWatchCore
import FireWatchMQTT
import Foundation
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
/// (not started yet), it and everything after it wait here, in order, for `retry()`.
final class MQTTSink: OutboundSink {
    private let state = Mutex<(client: MQTTClient?, waiting: [OutboundMessage])>((nil, []))

    func attach(_ client: MQTTClient) {
        state.withLock { $0.client = client }
    }

    func send(_ message: OutboundMessage) {
        state.withLock { s in
            if s.waiting.isEmpty, hand(message, to: s.client) { return }
            s.waiting.append(message)
        }
    }

    func retry() {
        state.withLock { s in
            while let first = s.waiting.first, hand(first, to: s.client) { s.waiting.removeFirst() }
        }
    }

    private func hand(_ m: OutboundMessage, to client: MQTTClient?) -> Bool {
        client?.publish(topic: m.topic, payload: m.payload, qos: 1, retain: m.retain, token: m.id > 0 ? m.id : nil) ?? false
    }

    func takeAcknowledged() -> [Int64] {
        state.withLock { $0.client }?.takeAcknowledged() ?? []
    }
}
