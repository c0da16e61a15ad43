import Foundation

/// Which stream events go to one outbound target (`notify.targets[i]`): by event type (or family,
/// `alarm`, `hazard`, `station`), street and alarm or hazard kind; an empty set lets everything through.
/// The store writes one outbox row per matching event and target in the transaction that made the event.
public struct NotifyRoute: Hashable, Sendable {
    public var target: String
    public var events: Set<String>
    public var streets: Set<String>
    public var kinds: Set<String>
    /// Only events about an alarm or a hazard (formats that speak of nothing else: CAP, robots, SMS).
    public var requiresSubject: Bool

    public init(target: String, events: Set<String> = [], streets: Set<String> = [], kinds: Set<String> = [], requiresSubject: Bool = false) {
        self.target = target
        self.events = events
        self.streets = streets
        self.kinds = kinds
        self.requiresSubject = requiresSubject
    }

    public func matches(_ e: FeedEvent) -> Bool {
        // A notice carries people's numbers: only to the target it names, or one that asks for notices by name.
        if e.type == .alarmNotice { return e.notice?.target == target || events.contains(FeedEventType.alarmNotice.rawValue) }
        if requiresSubject, e.alarm == nil, e.hazard == nil { return false }
        let type = e.type.rawValue
        if !events.isEmpty {
            let family = String(type.prefix { $0 != "." })
            guard events.contains(type) || events.contains(family) else { return false }
        }
        if !streets.isEmpty {
            guard let street = e.alarm?.street ?? e.hazard?.street ?? e.station?.street, streets.contains(street) else { return false }
        }
        if !kinds.isEmpty {
            guard let kind = e.alarm?.kind.rawValue ?? e.hazard?.kind.rawValue, kinds.contains(kind) else { return false }
        }
        return true
    }
}

/// One message in the outbox: an event for a target, delivered at least once, in order per target.
public struct OutboxDelivery: Codable, Hashable, Sendable {
    public enum State: String, Codable, CaseIterable, Hashable, Sendable {
        /// Waiting for its turn or for its next attempt.
        case pending
        case delivered
        /// Given up on (a permanent refusal, or failing for longer than `notify.give_up_after_s`): a dead
        /// letter until `firewatch notify retry`.
        case dead
    }

    /// The outbox row.
    public var id: Int64
    public var target: String
    /// The event's `seq`.
    public var seq: Int64
    public var state: State
    public var attempts: Int
    public var createdAt: Date
    public var nextAt: Date?
    public var deliveredAt: Date?
    /// What the last attempt met (`HTTP 503: ...`, `timed out after 10 s`).
    public var lastError: String?
    /// A notice's numbers (its sms target's row only); never shown by the API.
    public var phones: [String]?

    /// Carried by every attempt (`X-FireWatch-Delivery`): the receiver deduplicates by it.
    public var deliveryID: String { "\(target)-\(seq)" }

    public init(
        id: Int64, target: String, seq: Int64, state: State, attempts: Int, createdAt: Date, nextAt: Date?, deliveredAt: Date?,
        lastError: String?
    ) {
        self.id = id
        self.target = target
        self.seq = seq
        self.state = state
        self.attempts = attempts
        self.createdAt = createdAt
        self.nextAt = nextAt
        self.deliveredAt = deliveredAt
        self.lastError = lastError
    }

    enum CodingKeys: String, CodingKey {
        case id, target, seq, state, attempts
        case deliveryID = "delivery_id", createdAt = "created_at", nextAt = "next_at", deliveredAt = "delivered_at", lastError = "last_error"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(deliveryID, forKey: .deliveryID)
        try c.encode(target, forKey: .target)
        try c.encode(seq, forKey: .seq)
        try c.encode(state, forKey: .state)
        try c.encode(attempts, forKey: .attempts)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encodeIfPresent(nextAt, forKey: .nextAt)
        try c.encodeIfPresent(deliveredAt, forKey: .deliveredAt)
        try c.encodeIfPresent(lastError, forKey: .lastError)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        target = try c.decode(String.self, forKey: .target)
        seq = try c.decode(Int64.self, forKey: .seq)
        state = try c.decode(State.self, forKey: .state)
        attempts = try c.decode(Int.self, forKey: .attempts)
        createdAt = try c.decode(Date.self, forKey: .createdAt)
        nextAt = try c.decodeIfPresent(Date.self, forKey: .nextAt)
        deliveredAt = try c.decodeIfPresent(Date.self, forKey: .deliveredAt)
        lastError = try c.decodeIfPresent(String.self, forKey: .lastError)
    }
}
