import FireWatchCore

/// Which device events open which alarm, at what severity, and which events end them. One place, so
/// the mapping is read and reviewed as a table (VOCABULARY.md).
public enum AlarmRules {
    /// An event that opens an alarm of `kind`.
    public struct Trigger: Hashable, Sendable {
        public var event: EventType
        public var kind: AlarmKind
        public var severity: AlarmSeverity
    }

    public static let triggers: [Trigger] = [
        Trigger(event: .fireAlarm, kind: .fire, severity: severity(of: .fire)),
        Trigger(event: .manualAlarm, kind: .manualAlarm, severity: severity(of: .manualAlarm)),
        Trigger(event: .gasAlarm, kind: .gas, severity: severity(of: .gas)),
        Trigger(event: .preAlarm, kind: .preAlarm, severity: severity(of: .preAlarm)),
        Trigger(event: .arcFault, kind: .electrical, severity: severity(of: .electrical)),
    ]

    /// Fire and a person's alarm send people now; gas and electrical are serious but local; a pre-alarm
    /// only asks someone to look.
    public static func severity(of kind: AlarmKind) -> AlarmSeverity {
        switch kind {
        case .fire, .manualAlarm: .critical
        case .gas, .electrical: .major
        case .preAlarm: .minor
        }
    }

    /// A restoration event and the events whose conditions it ends.
    public static let clearing: [EventType: [EventType]] = [.fireAlarmCleared: [.fireAlarm]]

    /// Panel operations that return every alarm point of the device to normal; a point still in alarm
    /// is reported again by the panel.
    public static let resets: [EventType] = [.reset, .alarmClearedByOperator]
}
