/// One subscription: a topic filter, where the device id sits in the topic, and the envelope.
public struct Subscription: Sendable, Hashable {
    public var filter: String
    /// 1-based topic level holding the device id.
    public var deviceLevel: Int
    /// raw, chirpstack or tts.
    public var envelope: String

    public init(filter: String, deviceLevel: Int, envelope: String) {
        self.filter = filter
        self.deviceLevel = deviceLevel
        self.envelope = envelope
    }

    /// The filter's levels as topics see them (a `$share/GROUP/` prefix removed).
    public var topicLevels: [Substring] {
        var f = filter.split(separator: "/", omittingEmptySubsequences: false)
        if f.first == "$share", f.count > 2 { f.removeFirst(2) }
        return f
    }
}
