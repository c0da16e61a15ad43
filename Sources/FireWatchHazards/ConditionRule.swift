import FireWatchCore

/// A rule reads one reading and says which conditions it shows on and which it shows normal. Adding a
/// rule is one type conforming to this plus one entry in `ConditionRules.all`.
public protocol ConditionRule: Sendable {
    func observe(_ reading: Reading, in context: RuleContext) -> [Observation]
}

/// The rules the engine runs on every reading, in order.
public enum ConditionRules {
    public static let all: [any ConditionRule] = [
        EventRule.alarms, EventRule.hazards, ResidualCurrentRule(), CableTemperatureRule(), RateOfRiseRule(),
    ]
}

/// What a rule knows besides the reading: the device's kind, the thresholds and the recent trend.
public struct RuleContext: Sendable {
    /// The model definition's kind (smoke, heat, electrical, panel, ...).
    public var deviceKind: String
    public var policy: HazardPolicy
    /// Temperature rise in °C per minute by metric name (`temperature_c`, `temperature_c_2`), from this
    /// point's recent readings; absent when there is nothing to compare with.
    public var temperatureRates: [String: Double]

    public init(deviceKind: String, policy: HazardPolicy, temperatureRates: [String: Double] = [:]) {
        self.deviceKind = deviceKind
        self.policy = policy
        self.temperatureRates = temperatureRates
    }

    public var isElectrical: Bool { policy.electricalKinds.contains(deviceKind) }
}

/// What a condition belongs to: the alarm or the hazard of a kind at the reading's point.
public enum ConditionSubject: Hashable, Sendable {
    case alarm(AlarmKind)
    case hazard(HazardKind)

    /// The episode key of this subject at (device, point): the same key the alarm or hazard folds on.
    func key(device: String, point: Point?) -> String {
        switch self {
        case .alarm(let kind): Alarm.episodeKey(device: device, point: point, kind: kind)
        case .hazard(let kind): Hazard.episodeKey(device: device, point: point, kind: kind)
        }
    }
}

/// One thing a reading says about one condition. A condition is a set of tokens (an event with its
/// channel, a metric over its threshold); it is on while any token is, and over when a reading shows
/// normal and no token is left.
public struct Observation: Hashable, Sendable {
    /// Which tokens a release ends.
    public enum Release: Hashable, Sendable {
        /// An event's token on one channel, or on every channel when `channel` is nil.
        case event(EventType, channel: Int?)
        /// Every event token: a snapshot no longer carries them. Metric tokens stay until a metric says so.
        case allEvents
        /// One metric token.
        case metric(String)

        func ends(_ token: String) -> Bool {
            switch self {
            case .event(let type, let channel):
                if let channel { return token == Observation.token(type, channel: channel) }
                return token == type.rawValue || token.hasPrefix(type.rawValue + "#")
            case .allEvents:
                return EventType(rawValue: String(token.prefix { $0 != "#" })) != nil
            case .metric(let name):
                return token == name
            }
        }
    }

    /// The condition is on because of `token`, or shown normal for the tokens `release` names.
    public enum Effect: Hashable, Sendable {
        case asserts(token: String)
        case releases(Release)
    }

    public var subject: ConditionSubject
    public var effect: Effect
    /// Recorded in history: the event or the value and threshold.
    public var why: String
    /// Ends the subject on every point of the device (a panel reset), not only the reading's point.
    public var deviceWide: Bool

    public init(_ subject: ConditionSubject, _ effect: Effect, why: String, deviceWide: Bool = false) {
        self.subject = subject
        self.effect = effect
        self.why = why
        self.deviceWide = deviceWide
    }

    /// The token of an event on a channel: `fault` or `fault#2`.
    public static func token(_ type: EventType, channel: Int?) -> String {
        channel.map { "\(type.rawValue)#\($0)" } ?? type.rawValue
    }

    public var asserts: Bool {
        if case .asserts = effect { return true }
        return false
    }
}

extension Reading {
    /// Metrics named `base` or `base_N` (a channel), e.g. `temperature_c`, `temperature_c_2`.
    func metrics(named base: String) -> [(name: String, value: Double)] {
        metrics.compactMap { name, value in
            guard name == base || (name.hasPrefix(base + "_") && name.dropFirst(base.count + 1).allSatisfy(\.isNumber))
            else { return nil }
            return (name, value)
        }.sorted { $0.name < $1.name }
    }
}
