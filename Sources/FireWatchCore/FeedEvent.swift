import Foundation

/// A domain event on the operator stream (SSE `data:`, `tail --json`). `seq` is assigned by the store
/// and increases monotonically; clients resume from it.
public struct FeedEvent: Codable, Hashable, Sendable {
    public var seq: Int64
    public var at: Date
    public var type: FeedEventType
    public var alarm: Alarm?
    public var hazard: Hazard?
    public var dispatch: DispatchOrder?
    public var station: Station?
    public var note: String?
    /// The note in Chinese, for people on duty (`tail` in Chinese, the pages); nil when `note` is a bare word.
    public var noteZH: String?
    /// Who an `alarm.notice` tells.
    public var notice: AlarmNotice?

    public init(
        seq: Int64 = 0, at: Date, type: FeedEventType, alarm: Alarm? = nil, hazard: Hazard? = nil,
        dispatch: DispatchOrder? = nil, station: Station? = nil, note: String? = nil, noteZH: String? = nil, notice: AlarmNotice? = nil
    ) {
        self.seq = seq
        self.at = at
        self.type = type
        self.alarm = alarm
        self.hazard = hazard
        self.dispatch = dispatch
        self.station = station
        self.note = note
        self.noteZH = noteZH
        self.notice = notice
    }

    enum CodingKeys: String, CodingKey { case seq, at, type, alarm, hazard, dispatch, station, note, noteZH = "note_zh", notice }

    /// Lenient about the nested hazard: a client reading the stream from a newer or older daemon still
    /// gets the event (the raw JSON keeps whatever it could not type).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seq = try c.decodeIfPresent(Int64.self, forKey: .seq) ?? 0
        at = try c.decode(Date.self, forKey: .at)
        type = try c.decode(FeedEventType.self, forKey: .type)
        alarm = try c.decodeIfPresent(Alarm.self, forKey: .alarm)
        hazard = try? c.decodeIfPresent(Hazard.self, forKey: .hazard)
        dispatch = try c.decodeIfPresent(DispatchOrder.self, forKey: .dispatch)
        station = try c.decodeIfPresent(Station.self, forKey: .station)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        noteZH = try c.decodeIfPresent(String.self, forKey: .noteZH)
        notice = try? c.decodeIfPresent(AlarmNotice.self, forKey: .notice)
    }
}

/// The event types of the operator stream (INTERFACES.md).
public enum FeedEventType: String, Codable, CaseIterable, Hashable, Sendable {
    case alarmRaised = "alarm.raised", alarmUpdated = "alarm.updated", alarmDispatched = "alarm.dispatched"
    case alarmEscalated = "alarm.escalated", alarmResolved = "alarm.resolved"
    case hazardOpened = "hazard.opened", hazardUpdated = "hazard.updated", hazardClosed = "hazard.closed"
    case stationStatus = "station.status"
    /// A street's alarm flood began (ISA-18.2: more than `hazards.flood.count` alarms in the window) or ended:
    /// one summary instead of a screen full of alarms. An extension of INTERFACES.md's list.
    case floodStarted = "flood.started", floodEnded = "flood.ended"
    /// A station's answer or status message was refused (not its dispatch, no open alarm, out of
    /// order, unreadable): the audit trail of what was not applied, with why in `note`. An extension.
    case stationRefused = "station.refused"
    /// A hazard's deadline is near and it is not rectified (before due, once per hazard).
    case hazardReminder = "hazard.reminder"
    /// A hazard passed its deadline unrectified: 督办, pressed on the street office (once per hazard).
    case hazardOverdue = "hazard.overdue"
    /// A tier of the people responsible was told of an alarm (`notify.contacts`); who in `notice`.
    case alarmNotice = "alarm.notice"
}

extension FeedEventType {
    /// The name duty staff read (中文).
    public var chinese: String {
        switch self {
        case .alarmRaised: "报警"
        case .alarmUpdated: "警情更新"
        case .alarmDispatched: "派警"
        case .alarmEscalated: "上报支队"
        case .alarmResolved: "处置完毕"
        case .hazardOpened: "隐患发现"
        case .hazardUpdated: "隐患更新"
        case .hazardClosed: "隐患销号"
        case .stationStatus: "站点状态"
        case .floodStarted: "报警激增"
        case .floodEnded: "报警激增结束"
        case .stationRefused: "站点应答被拒"
        case .hazardReminder: "隐患临期提醒"
        case .hazardOverdue: "隐患逾期督办"
        case .alarmNotice: "通知责任人"
        }
    }
}
