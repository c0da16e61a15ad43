import FireWatchCore

/// The journal's recent window, by content: which (topic, payload) pairs were stored among the last
/// `capacity` rows. Redeliveries (DUP flag) that match one are duplicates, not new messages.
///
/// A 64-bit FNV-1a digest finds the candidate row; the row itself is then compared byte for byte, so a
/// digest collision can never drop a message.
struct RecentMessages {
    let capacity: Int
    private var byDigest: [UInt64: [Int64]] = [:]
    private var order: [(digest: UInt64, id: Int64)] = []
    private var head = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        order.reserveCapacity(self.capacity)
    }

    /// Journal ids of recent rows with this digest.
    func candidates(_ digest: UInt64) -> [Int64] { byDigest[digest] ?? [] }

    /// Remembers a stored row; the oldest falls out of the window.
    mutating func insert(_ digest: UInt64, id: Int64) {
        if order.count < capacity {
            order.append((digest, id))
        } else {
            let old = order[head]
            if var ids = byDigest[old.digest] {
                ids.removeAll { $0 == old.id }
                byDigest[old.digest] = ids.isEmpty ? nil : ids
            }
            order[head] = (digest, id)
            head = (head + 1) % capacity
        }
        byDigest[digest, default: []].append(id)
    }

    /// FNV-1a over the topic, a separator, and the payload.
    static func digest(topic: String, payload: [UInt8]) -> UInt64 {
        FNV1a.hash(payload, into: FNV1a.hash(CollectionOfOne(0xFF), into: FNV1a.hash(topic.utf8)))
    }
}
