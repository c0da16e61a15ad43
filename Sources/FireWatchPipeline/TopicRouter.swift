/// Finds which subscription a topic arrived on, and the device id in it. Runs twice per message
/// (ingest, pipeline), so filters are split once and topics are scanned without allocating levels.
public struct TopicRouter: Sendable {
    public let subscriptions: [Subscription]
    /// Per subscription: its filter levels as UTF-8 bytes (`+` and `#` kept).
    let filters: [[[UInt8]]]

    public init(_ subscriptions: [Subscription]) {
        self.subscriptions = subscriptions
        filters = subscriptions.map { $0.topicLevels.map { Array($0.utf8) } }
    }

    /// The device id and envelope for `topic`, or nil when no subscription matches.
    public func route(_ topic: String) -> (device: String, envelope: String)? {
        var topic = topic
        return topic.withUTF8 { bytes -> (String, String)? in
            // Level boundaries: level i is bytes[starts[i]..<ends[i]].
            var starts: [Int] = [0], ends: [Int] = []
            starts.reserveCapacity(8)
            for (i, b) in bytes.enumerated() where b == UInt8(ascii: "/") {
                ends.append(i)
                starts.append(i + 1)
            }
            ends.append(bytes.count)
            for (s, filter) in zip(subscriptions, filters) where Self.matches(filter, bytes, starts, ends) {
                guard s.deviceLevel <= starts.count else { continue }
                let level = UnsafeBufferPointer(rebasing: bytes[starts[s.deviceLevel - 1]..<ends[s.deviceLevel - 1]])
                return (String(decoding: level, as: UTF8.self), s.envelope)
            }
            return nil
        }
    }

    /// MQTT filter matching with `+` and `#`.
    static func matches(_ filter: [[UInt8]], _ topic: UnsafeBufferPointer<UInt8>, _ starts: [Int], _ ends: [Int]) -> Bool {
        for (i, part) in filter.enumerated() {
            if part == [UInt8(ascii: "#")] { return true }
            guard i < starts.count else { return false }
            if part == [UInt8(ascii: "+")] { continue }
            let level = topic[starts[i]..<ends[i]]
            if !level.elementsEqual(part) { return false }
        }
        return filter.count == starts.count
    }
}
