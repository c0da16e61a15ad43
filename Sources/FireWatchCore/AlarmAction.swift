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

    public var description: String {
        switch self {
        case .notFound(let id): "no alarm \"\(id)\""
        case .conflict(let why): why
        }
    }
}

extension Alarm {
    /// Applies an operator action at `now`, recording who, when and why; throws when the state does
    /// not allow it. Pure: the caller persists and publishes the result.
    public func applying(_ action: AlarmAction, at now: Date) throws(AlarmActionError) -> Alarm {
        var a = self
        guard isOpen else { throw .conflict("alarm \(id) is resolved; nothing more can be done to it") }
        switch action.kind {
        case .acknowledge:
            guard !acknowledged else { throw .conflict("alarm \(id) is already acknowledged") }
            a.acknowledged = true
        case .confirm:
            guard !confirmed else { throw .conflict("alarm \(id) is already confirmed") }
            a.confirmed = true
        case .resolve:
            a.state = .resolved
            a.resolvedAt = now
            a.resolution = action.cause ?? (confirmed ? .fire : .falseAlarm)
        }
        let to = switch action.kind {
        case .acknowledge: "acknowledged"
        case .confirm: "confirmed"
        case .resolve: "resolved"
        }
        var reasons: [String] = []
        if action.kind == .resolve, let r = a.resolution { reasons.append("cause \(r.rawValue)") }
        if let note = action.note, !note.isEmpty { reasons.append(note) }
        a.history.append(AlarmTransition(at: now, to: to, by: action.by, why: reasons.isEmpty ? nil : reasons.joined(separator: "; ")))
        return a
    }
}
