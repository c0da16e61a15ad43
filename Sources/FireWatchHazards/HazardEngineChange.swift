import FireWatchCore

/// What the engine decided, in order: the pipeline persists each alarm and hazard it carries, turns
/// them into feed events and hands alarms to dispatch as the case says.
public enum HazardEngineChange: Hashable, Sendable {
    /// A new alarm. `dispatch` is false for a test or a suppressed device: the alarm is already resolved
    /// as `test`. `flood` marks an alarm raised while its street is in flood (shown in the summary).
    case alarmRaised(Alarm, dispatch: Bool, flood: Bool)
    /// An open alarm (or a test record) changed. `quiet` marks folded noise (a chattering alarm's
    /// cycles) the stream may leave out; the alarm must still be stored.
    case alarmUpdated(Alarm, reason: AlarmUpdate, quiet: Bool)
    /// The alarm was verified real; dispatch escalates. `by`: coincidence, manual_alarm, an operator or a station.
    case alarmConfirmed(Alarm, by: String)
    case hazardOpened(Hazard)
    /// Rectified, reopened or overdue.
    case hazardUpdated(Hazard, reason: HazardUpdate)
    case hazardClosed(Hazard)
    /// More than `hazards.flood.count` alarms in the street within the window: one summary instead of many.
    case floodStarted(street: String, count: Int)
    /// The street's rate fell below half the flood count; `alarms` were raised during the flood.
    case floodEnded(street: String, alarms: Int)

    /// The alarm this change carries, if any.
    public var alarm: Alarm? {
        switch self {
        case .alarmRaised(let a, _, _), .alarmUpdated(let a, _, _), .alarmConfirmed(let a, _): a
        default: nil
        }
    }

    /// The hazard this change carries, if any.
    public var hazard: Hazard? {
        switch self {
        case .hazardOpened(let h), .hazardUpdated(let h, _), .hazardClosed(let h): h
        default: nil
        }
    }
}

/// Why an alarm changed without being raised or confirmed.
public enum AlarmUpdate: String, Hashable, Sendable {
    /// Another occurrence was folded in (`count` went up; active again if it had cleared).
    case repeated
    /// The device returned to normal; the alarm stays open until resolved.
    case conditionCleared = "condition_cleared"
    /// Marked chattering: it keeps occurring and clearing.
    case chattering
    /// Quiet for a whole window again.
    case chatteringEnded = "chattering_ended"
    /// An operator acknowledged it.
    case acknowledged
    /// An operator or station resolved it.
    case resolved
}

/// Why a hazard changed without opening or closing.
public enum HazardUpdate: String, Hashable, Sendable {
    case rectified
    /// Reported fixed, but the device still reports the condition.
    case reopened
    /// Not rectified by `due_at` (督办: the `hazard.overdue` event, once per hazard).
    case overdue
    /// Its deadline is near and it is not rectified (the `hazard.reminder` event, once per hazard).
    case reminder
    /// Photos were added while rectifying it.
    case photos
}
