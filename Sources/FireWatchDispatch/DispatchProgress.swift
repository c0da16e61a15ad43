import FireWatchCore
import Foundation

/// Where one open alarm stands in dispatch: who was paged, in which order, who is awaited, who accepted.
public struct DispatchProgress: Codable, Hashable, Sendable {
    public var alarmID: String
    /// Station ids in the order they were paged (never one twice).
    public var paged: [String] = []
    /// The page awaiting an answer.
    public var awaiting: DispatchOrder?
    /// The station that accepted.
    public var acceptedBy: String?
    /// Escalated to the district brigade (once per alarm).
    public var escalated = false
    /// Every dispatch id sent for the alarm, in page order (answers name them).
    public var dispatchIDs: [String] = []
    /// Stations that declined: they said no, so a later accept from them is refused (the station
    /// paged after them is already on its way).
    public var declined: [String] = []
    /// A drill: only its station is paged, silence pages nobody else and nothing is escalated.
    public var drill = false

    public init(alarmID: String) {
        self.alarmID = alarmID
    }

    enum CodingKeys: String, CodingKey {
        case alarmID = "alarm_id", paged, awaiting, acceptedBy = "accepted_by", escalated, dispatchIDs = "dispatch_ids", declined, drill
    }

    /// Progress stored by an older daemon has no `dispatch_ids`: its awaited page's id stands in.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        alarmID = try c.decode(String.self, forKey: .alarmID)
        paged = try c.decodeIfPresent([String].self, forKey: .paged) ?? []
        awaiting = try c.decodeIfPresent(DispatchOrder.self, forKey: .awaiting)
        acceptedBy = try c.decodeIfPresent(String.self, forKey: .acceptedBy)
        escalated = try c.decodeIfPresent(Bool.self, forKey: .escalated) ?? false
        dispatchIDs = try c.decodeIfPresent([String].self, forKey: .dispatchIDs) ?? awaiting.map { [$0.dispatchID] } ?? []
        declined = try c.decodeIfPresent([String].self, forKey: .declined) ?? []
        drill = try c.decodeIfPresent(Bool.self, forKey: .drill) ?? false
    }
}

/// A station's answer to a page (`firewatch/stations/{id}/ack`).
public enum StationAnswer: String, Codable, CaseIterable, Hashable, Sendable {
    case accepted, declined, onScene = "on_scene", resolved
}

/// What the dispatcher decided; the pipeline persists and publishes each.
public enum DispatchDecision: Hashable, Sendable {
    /// Page this station now.
    case page(DispatchOrder)
    /// Hand the alarm to the district brigade (CAP alert), with why.
    case escalate(alarmID: String, reason: String)
    /// A station's answer moved the alarm.
    case alarm(alarmID: String, state: AlarmState, station: String, cause: AlarmResolution?)
    /// A station's availability changed because of an alarm (busy on accept, available on resolve).
    case station(id: String, status: Station.Status)
}

/// Why a station's answer was refused.
public enum DispatchAnswerError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownDispatch(String)
    case notThisStation(String)
    case outOfOrder(String)

    public var description: String {
        switch self {
        case .unknownDispatch(let s), .notThisStation(let s), .outOfOrder(let s): s
        }
    }
}
