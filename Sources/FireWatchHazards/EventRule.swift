import FireWatchCore

/// Turns an event table into observations: a triggering event turns its condition on, a restoration
/// event ends it, and a snapshot reading ends every event condition it no longer carries.
public struct EventRule: ConditionRule {
    /// An event and the condition it turns on.
    public struct Trigger: Hashable, Sendable {
        public var event: EventType
        public var subject: ConditionSubject
        public var electricalOnly: Bool
    }

    public var triggers: [Trigger]
    /// Restoration event → the events it ends.
    public var clearing: [EventType: [EventType]]
    /// Events that end every condition of this table on every point of the device.
    public var resets: [EventType]

    /// Alarm kinds from events (`AlarmRules`).
    public static let alarms = EventRule(
        triggers: AlarmRules.triggers.map { Trigger(event: $0.event, subject: .alarm($0.kind), electricalOnly: false) },
        clearing: AlarmRules.clearing, resets: AlarmRules.resets)

    /// Hazard kinds from events (`HazardRules`).
    public static let hazards = EventRule(
        triggers: HazardRules.triggers.map { Trigger(event: $0.event, subject: .hazard($0.kind), electricalOnly: $0.electricalOnly) },
        clearing: HazardRules.clearing, resets: [])

    public func observe(_ reading: Reading, in context: RuleContext) -> [Observation] {
        var out: [Observation] = []
        for event in reading.events {
            for t in triggers where t.event == event.type && (!t.electricalOnly || context.isElectrical) {
                let why = event.channel.map { "\(event.type.rawValue) channel \($0)" } ?? event.type.rawValue
                out.append(Observation(t.subject, .asserts(token: Observation.token(event.type, channel: event.channel)), why: why))
            }
            for ended in clearing[event.type] ?? [] {
                for subject in subjects(of: ended) {
                    out.append(Observation(subject, .releases(.event(ended, channel: event.channel)), why: event.type.rawValue))
                }
            }
            if resets.contains(event.type) {
                for subject in allSubjects {
                    out.append(Observation(subject, .releases(.allEvents), why: event.type.rawValue, deviceWide: true))
                }
            }
        }
        if reading.snapshot {
            for subject in allSubjects {
                out.append(Observation(subject, .releases(.allEvents), why: "snapshot no longer carries it"))
            }
        }
        return out
    }

    func subjects(of event: EventType) -> [ConditionSubject] {
        var seen: [ConditionSubject] = []
        for t in triggers where t.event == event && !seen.contains(t.subject) { seen.append(t.subject) }
        return seen
    }

    /// Every subject the triggers name, once, in order (worked out once: every snapshot reading releases them all).
    let allSubjects: [ConditionSubject]

    public init(triggers: [Trigger], clearing: [EventType: [EventType]], resets: [EventType]) {
        self.triggers = triggers
        self.clearing = clearing
        self.resets = resets
        var seen: [ConditionSubject] = []
        for t in triggers where !seen.contains(t.subject) { seen.append(t.subject) }
        allSubjects = seen
    }
}
