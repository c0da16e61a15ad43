import FireWatchCore

/// Which device events open which hazard and which events end them (VOCABULARY.md), as a table.
public enum HazardRules {
    /// An event that opens a hazard of `kind`.
    public struct Trigger: Hashable, Sendable {
        public var event: EventType
        public var kind: HazardKind
        /// Only on electrical fire monitors: a heat detector's `over_temperature` is its own business.
        public var electricalOnly: Bool

        init(_ event: EventType, _ kind: HazardKind, electricalOnly: Bool = false) {
            self.event = event
            self.kind = kind
            self.electricalOnly = electricalOnly
        }
    }

    public static let triggers: [Trigger] = [
        Trigger(.fault, .fault), Trigger(.busFault, .fault), Trigger(.lineFault, .fault), Trigger(.channelFault, .fault),
        Trigger(.lowBattery, .lowBattery),
        Trigger(.tamper, .tamper),
        Trigger(.mainPowerFault, .powerFault), Trigger(.backupPowerFault, .powerFault), Trigger(.powerFault, .powerFault),
        Trigger(.disabled, .disabled),
        Trigger(.pressureLow, .pressureAbnormal), Trigger(.pressureHigh, .pressureAbnormal), Trigger(.levelLow, .pressureAbnormal),
        Trigger(.residualCurrentAlarm, .electricalWarning), Trigger(.overCurrent, .electricalWarning),
        Trigger(.overTemperature, .electricalWarning, electricalOnly: true), Trigger(.arcFault, .electricalWarning),
    ]

    /// A restoration event and the events whose conditions it ends. A generic `power_fault` ends with
    /// either supply's restoration: the device did not say which one failed.
    public static let clearing: [EventType: [EventType]] = [
        .faultCleared: [.fault, .busFault, .lineFault, .channelFault],
        .batteryRestored: [.lowBattery],
        .tamperCleared: [.tamper],
        .mainPowerRestored: [.mainPowerFault, .powerFault],
        .backupPowerRestored: [.backupPowerFault, .powerFault],
        .enabled: [.disabled],
    ]
}
