import Foundation

/// An alarm (警情): an emergency that may send people (VOCABULARY.md).
/// One open alarm per (device, point, kind): repeats raise `count`, never a second alarm.
public struct Alarm: Codable, Hashable, Sendable {
    public var id: String
    public var device: String
    public var model: String
    public var point: Point?
    public var kind: AlarmKind
    public var severity: AlarmSeverity
    public var state: AlarmState
    /// The operator has seen it (ISA-18.2 acknowledgement); separate from state and condition.
    public var acknowledged: Bool
    /// Verified real: coincidence, a manual alarm, a station's report or an operator.
    public var confirmed: Bool
    public var condition: AlarmCondition
    public var resolution: AlarmResolution?
    public var street: String
    public var community: String
    public var building: String?
    public var address: String
    public var location: GeoPoint
    public var raisedAt: Date
    public var dispatchedAt: Date?
    public var acceptedAt: Date?
    public var onSceneAt: Date?
    public var resolvedAt: Date?
    /// Occurrences folded into this alarm (1 for the first).
    public var count: Int
    /// The station currently paged for it, if any.
    public var station: String?
    /// The alarm whose incident this one joined (another detector of the same building within the
    /// coincidence window): it pages no station of its own and follows that alarm's dispatch.
    public var incident: String?
    /// Who or what moved it, when and why.
    public var history: [AlarmTransition]
    /// An exercise (联勤联训): true only for a drill's alarm; reports keep it apart from live figures.
    public var drill: Bool?

    public var isDrill: Bool { drill == true }

    public init(
        id: String, device: Device, point: Point?, kind: AlarmKind, severity: AlarmSeverity, raisedAt: Date
    ) {
        self.id = id
        self.device = device.id
        self.model = device.model
        self.point = point
        self.kind = kind
        self.severity = severity
        self.state = .raised
        self.acknowledged = false
        self.confirmed = false
        self.condition = .active
        self.resolution = nil
        self.street = device.street
        self.community = device.community
        self.building = device.building
        self.address = device.address
        self.location = device.location
        self.raisedAt = raisedAt
        self.count = 1
        self.history = [AlarmTransition(at: raisedAt, to: .raised, by: "device:\(device.id)", why: kind.rawValue)]
    }

    enum CodingKeys: String, CodingKey {
        case id, device, model, point, kind, severity, state, acknowledged, confirmed, condition, resolution
        case street, community, building, address, location, count, station, incident, history, drill
        case raisedAt = "raised_at", dispatchedAt = "dispatched_at", acceptedAt = "accepted_at"
        case onSceneAt = "on_scene_at", resolvedAt = "resolved_at"
    }

    /// The folding identity: (device, point, kind).
    /// A drill's alarm folds with nothing: a real alarm of its device stays an alarm of its own.
    public var episodeKey: String { isDrill ? "drill|\(id)" : Alarm.episodeKey(device: device, point: point, kind: kind) }

    /// The folding identity of any (device, point, kind).
    public static func episodeKey(device: String, point: Point?, kind: AlarmKind) -> String {
        "\(device)|\(point.key)|\(kind.rawValue)"
    }

    public var isOpen: Bool { state != .resolved }
}

/// One recorded transition of an alarm: who or what moved it, when and why.
public struct AlarmTransition: Codable, Hashable, Sendable {
    public var at: Date
    public var to: AlarmStep
    /// Who or what: `device:ID`, `station:ID`, `incident:ALARM`, `dispatch`, `rules`, `coincidence`,
    /// `manual_alarm`, `supervision`, `suppression:NAME`, or an operator's token name.
    public var by: String
    public var why: String?

    public init(at: Date, to: AlarmStep, by: String, why: String? = nil) {
        self.at = at
        self.to = to
        self.by = by
        self.why = why
    }
}

public enum AlarmKind: String, Codable, CaseIterable, Hashable, Sendable {
    case fire, manualAlarm = "manual_alarm", electrical, gas, preAlarm = "pre_alarm"

    public var chinese: String {
        switch self {
        case .fire: "火警"
        case .manualAlarm: "手动报警"
        case .electrical: "电气火灾"
        case .gas: "可燃气体"
        case .preAlarm: "预警"
        }
    }
}

public enum AlarmSeverity: String, Codable, CaseIterable, Hashable, Sendable {
    case critical, major, minor
}

public enum AlarmState: String, Codable, CaseIterable, Hashable, Sendable {
    case raised, dispatched, accepted, onScene = "on_scene", resolved

    public var chinese: String {
        switch self {
        case .raised: "新警情"
        case .dispatched: "已派警"
        case .accepted: "已接警"
        case .onScene: "已到场"
        case .resolved: "已处置"
        }
    }
}

public enum AlarmCondition: String, Codable, CaseIterable, Hashable, Sendable {
    case active, cleared
}

public enum AlarmResolution: String, Codable, CaseIterable, Hashable, Sendable {
    case fire, falseAlarm = "false_alarm", test, nuisance, deviceFault = "device_fault"
}
