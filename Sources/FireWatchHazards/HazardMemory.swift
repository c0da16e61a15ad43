import FireWatchCore
import Foundation

/// Everything the engine remembers besides open alarms and hazards. It is persisted as rows, one per
/// key of each part (`HazardMemory+Rows`), written when they change; the Codable form is the old
/// one-document memory, still read once after an upgrade. Last-seen times are deliberately absent: after a
/// start every device is judged from the start anyway (no offline storm), so they need no persisting.
public struct HazardMemory: Codable, Hashable, Sendable {
    /// Which causes keep each condition on.
    public var conditions = ConditionLedger()
    public var suppressions = SuppressionList()
    /// Recent false alarms per device (chronic false alarm).
    public var falseAlarms = FalseAlarmLog()
    /// Recent test or suppressed alarm records by episode, so repeats fold into them.
    public var testAlarms = KeyedState<TestAlarm>()
    public var coincidence = CoincidenceWindow()
    public var chatter = ChatterWatch()
    public var flood = FloodWatch()
    public var temperatures = TemperatureTrend()
    /// Duty checks (查岗) sent and not answered yet, per device.
    public var dutyChecks = KeyedState<DutyCheck>()

    public init() {}

    enum CodingKeys: String, CodingKey {
        case conditions, suppressions, coincidence, chatter, flood, temperatures
        case falseAlarms = "false_alarms", testAlarms = "test_alarms", dutyChecks = "duty_checks"
    }

    /// Missing parts decode empty, so memory written by an older daemon still loads.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        conditions = try c.decodeIfPresent(ConditionLedger.self, forKey: .conditions) ?? ConditionLedger()
        suppressions = try c.decodeIfPresent(SuppressionList.self, forKey: .suppressions) ?? SuppressionList()
        falseAlarms = try c.decodeIfPresent(FalseAlarmLog.self, forKey: .falseAlarms) ?? FalseAlarmLog()
        testAlarms = try c.decodeIfPresent(KeyedState<TestAlarm>.self, forKey: .testAlarms) ?? KeyedState()
        coincidence = try c.decodeIfPresent(CoincidenceWindow.self, forKey: .coincidence) ?? CoincidenceWindow()
        chatter = try c.decodeIfPresent(ChatterWatch.self, forKey: .chatter) ?? ChatterWatch()
        flood = try c.decodeIfPresent(FloodWatch.self, forKey: .flood) ?? FloodWatch()
        temperatures = try c.decodeIfPresent(TemperatureTrend.self, forKey: .temperatures) ?? TemperatureTrend()
        dutyChecks = try c.decodeIfPresent(KeyedState<DutyCheck>.self, forKey: .dutyChecks) ?? KeyedState()
    }

    /// A duty check sent to a device's control room, and by when it must be answered.
    public struct DutyCheck: Codable, Hashable, Sendable {
        public var sentAt: Date
        public var answerBy: Date

        enum CodingKeys: String, CodingKey {
            case sentAt = "sent_at", answerBy = "answer_by"
        }
    }

    /// A test or suppressed alarm, recorded resolved as `test`, and when it last occurred.
    public struct TestAlarm: Codable, Hashable, Sendable {
        public var alarm: Alarm
        public var lastAt: Date

        enum CodingKeys: String, CodingKey {
            case alarm, lastAt = "last_at"
        }
    }
}
