/// Finds which subscription a topic arrived on, and the device id in it.
public struct TopicRouter: Sendable {
    public let subscriptions: [Configuration.Subscription]

    public init(_ subscriptions: [Configuration.Subscription]) {
        self.subscriptions = subscriptions
    }

    /// The device id and envelope for `topic`, or nil when no subscription matches.
    public func route(_ topic: String) -> (device: String, envelope: String)? {
        let levels = topic.split(separator: "/", omittingEmptySubsequences: false)
        for s in subscriptions where Self.matches(filter: s.topicLevels, levels: levels) {
            guard s.deviceLevel <= levels.count else { continue }
            let id = String(levels[s.deviceLevel - 1])
            return (id, s.envelope)
        }
        return nil
    }

    /// MQTT filter matching with `+` and `#`; shared subscriptions match on their filter part.
    static func matches(filter f: [Substring], levels: [Substring]) -> Bool {
        for (i, part) in f.enumerated() {
            if part == "#" { return true }
            guard i < levels.count else { return false }
            if part != "+" && part != levels[i] { return false }
        }
        return f.count == levels.count
    }
}
