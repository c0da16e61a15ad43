import Foundation

/// An operator's or station's request to move an alarm (`POST /api/v1/alarms/{id}/acknowledge|confirm|resolve`).
public struct AlarmAction: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, CaseIterable, Hashable, Sendable {
        case acknowledge, confirm, resolve
    }

    public var alarmID: String
    public var kind: Kind
    /// Who asks (token name, operator name, station id).
    public var by: String
    public var note: String?
    /// For resolve: fire, false_alarm, test, nuisance, device_fault.
    public var cause: AlarmResolution?

    public init(alarmID: String, kind: Kind, by: String, note: String? = nil, cause: AlarmResolution? = nil) {
        self.alarmID = alarmID
        self.kind = kind
        self.by = by
        self.note = note
        self.cause = cause
    }
}

/// Why an alarm action was refused.
public enum AlarmActionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No alarm with that id.
    case notFound(String)
    /// The alarm's state does not allow it (HTTP 409).
    case conflict(String)
    /// Something else the request names does not exist (a station, a device): 404 with this message.
    case unknown(String)

    public var description: String {
        switch self {
        case .notFound(let id): "no alarm \"\(id)\""
        case .conflict(let why): why
        case .unknown(let what): what
        }
    }
}
