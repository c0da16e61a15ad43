import FireWatchCore

/// Which device events open which alarm, at what severity. One place, so the mapping is read and
/// reviewed as a table.
public enum AlarmRules {
    /// An event that opens an alarm of `kind`.
    public struct Trigger: Hashable, Sendable {
        public var event: EventType
        public var kind: AlarmKind
        public var severity: AlarmSeverity
    }

    public static let triggers: [Trigger] = [
        Trigger(event: .fireAlarm, kind: .fire, severity: .critical),
        Trigger(event: .manualAlarm, kind: .manualAlarm, severity: .critical),
    ]

    /// The event that clears the condition of an alarm of `kind`, when the device sends one.
    public static func clearingEvent(for kind: AlarmKind) -> EventType? {
        switch kind {
        case .fire: .fireAlarmCleared
        default: nil
        }
    }

    /// The triggers a reading fires. A reading that carries `test` never raises an alarm.
    public static func triggers(in reading: Reading) -> [Trigger] {
        if reading.has(.test) { return [] }
        return triggers.filter { reading.has($0.event) }
    }
}
