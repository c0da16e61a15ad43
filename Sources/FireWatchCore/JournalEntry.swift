import Foundation

/// One raw MQTT message as it arrived, before anything interpreted it.
public struct JournalEntry: Hashable, Sendable {
    /// Assigned by the store; 0 before the entry is committed.
    public var id: Int64
    public var topic: String
    public var payload: [UInt8]
    public var receivedAt: Date
    /// The broker marked it as a redelivery.
    public var dup: Bool
    /// The device id found in the topic, when a subscription names where it is.
    public var device: String?
    /// Triage at ingest found it may carry an emergency: the pipeline takes it ahead of routine traffic.
    public var urgent: Bool
    /// The broker handed it over as a retained message (kept from before this session subscribed):
    /// journaled for the record, never taken as news (no alarm, no answer).
    public var retained: Bool
    /// The payload's size in the journal: larger than `payload.count` when the store left out a
    /// payload over the pipeline's limit (`mqtt.max_payload_bytes`), which is then never decoded.
    public var size: Int

    public init(
        id: Int64 = 0, topic: String, payload: [UInt8], receivedAt: Date, dup: Bool = false, device: String? = nil, urgent: Bool = false,
        retained: Bool = false, size: Int? = nil
    ) {
        self.id = id
        self.topic = topic
        self.payload = payload
        self.receivedAt = receivedAt
        self.dup = dup
        self.device = device
        self.urgent = urgent
        self.retained = retained
        self.size = size ?? payload.count
    }

    /// The store left the payload out: it is over the pipeline's limit.
    public var isOversize: Bool { size > payload.count }
}
