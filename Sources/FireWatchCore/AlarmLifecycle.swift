import Foundation

/// A step of an alarm's life as its history records it (`history[].to`).
public enum AlarmStep: String, Codable, CaseIterable, Hashable, Sendable {
    case raised, active, cleared, chattering, chatteringEnded = "chattering_ended"
    case acknowledged, confirmed, dispatched, joined, accepted, onScene = "on_scene", escalated, resolved
    /// The people responsible were told (a tier of `notify.contacts`); `by` is `notify:tier1` … `notify:tier3`.
    case notified
}

/// Every transition of an alarm, in one place: the rules (engine), dispatch, stations and operators
/// all move an alarm through these methods, on the one copy its owner keeps. Each records who or what
/// moved it, when and why, so no transition happens without its history line.
extension Alarm {
    /// Another occurrence of the same (device, point, kind): counted, and active again if it had cleared.
    public mutating func occurAgain(by: String, at now: Date, why: String) {
        count += 1
        guard condition == .cleared else { return }
        condition = .active
        record(.active, at: now, by: by, why: why)
    }

    /// The device returned to normal; the alarm stays open until someone resolves it. False when it
    /// was not active.
    @discardableResult
    public mutating func clear(by: String, at now: Date, why: String) -> Bool {
        guard isOpen, condition == .active else { return false }
        condition = .cleared
        record(.cleared, at: now, by: by, why: why)
        return true
    }

    /// Marked chattering (occurs and clears again and again) or, quiet for a window, no longer.
    public mutating func markChattering(_ chattering: Bool, by: String, at now: Date, why: String) {
        record(chattering ? .chattering : .chatteringEnded, at: now, by: by, why: why)
    }

    /// A tier of the people responsible was told; its history line names who (never their numbers).
    public mutating func notified(_ notice: AlarmNotice, at now: Date) {
        record(.notified, at: now, by: "notify:tier\(notice.tier)", why: notice.contacts.map { c in c.role.map { "\(c.name) (\($0))" } ?? c.name }.joined(separator: ", "))
    }

    /// The notice tiers already sent.
    public var notifiedTiers: Set<Int> {
        Set(history.compactMap { t in t.to == .notified ? Int(t.by.dropFirst("notify:tier".count)) : nil })
    }

    /// An operator has seen it (ISA-18.2 acknowledgement).
    public mutating func acknowledge(by: String, at now: Date, note: String?) throws(AlarmActionError) {
        guard isOpen else { throw .conflict("alarm \(id) is resolved; nothing more can be done to it") }
        guard !acknowledged else { throw .conflict("alarm \(id) is already acknowledged") }
        acknowledged = true
        record(.acknowledged, at: now, by: by, why: note)
    }

    /// Verified real (coincidence, a manual alarm, a station's report, an operator). False when it was
    /// already confirmed or is resolved.
    @discardableResult
    public mutating func confirm(by: String, at now: Date, why: String?) -> Bool {
        guard isOpen, !confirmed else { return false }
        confirmed = true
        record(.confirmed, at: now, by: by, why: why)
        return true
    }

    /// A station was paged for it (the first page, or the next after a decline or silence).
    public mutating func dispatch(to station: String, by: String, at now: Date, why: String) {
        guard isOpen else { return }
        if state == .raised || state == .dispatched {
            state = .dispatched
            dispatchedAt = dispatchedAt ?? now
        }
        self.station = station
        record(.dispatched, at: now, by: by, why: why)
    }

    /// Joins the incident of another alarm of the same building: no station of its own is paged; it
    /// takes the incident's station and state and follows them from now on.
    public mutating func join(_ primary: Alarm, at now: Date, why: String) {
        guard isOpen else { return }
        incident = primary.id
        station = primary.station
        if primary.state != .raised {
            state = primary.state
            dispatchedAt = dispatchedAt ?? now
            if primary.state == .accepted || primary.state == .onScene { acceptedAt = acceptedAt ?? now }
            if primary.state == .onScene { onSceneAt = onSceneAt ?? now }
        }
        record(.joined, at: now, by: "incident:\(primary.id)", why: why)
    }

    /// A station accepted the page. States only move forward: an accept after arrival changes nothing.
    public mutating func accept(station: String, by: String, at now: Date, why: String? = nil) {
        guard isOpen, state == .raised || state == .dispatched else { return }
        state = .accepted
        self.station = station
        acceptedAt = acceptedAt ?? now
        record(.accepted, at: now, by: by, why: why)
    }

    /// The station reports it is on the scene.
    public mutating func arrive(station: String, by: String, at now: Date, why: String? = nil) {
        guard isOpen, state != .onScene else { return }
        state = .onScene
        self.station = station
        acceptedAt = acceptedAt ?? now
        onSceneAt = onSceneAt ?? now
        record(.onScene, at: now, by: by, why: why)
    }

    /// Handed to the district brigade (CAP alert).
    public mutating func escalate(by: String, at now: Date, why: String) {
        guard isOpen else { return }
        record(.escalated, at: now, by: by, why: why)
    }

    /// Resolved with a cause: nothing more can be done to it.
    public mutating func resolve(_ cause: AlarmResolution, by: String, at now: Date, why: String? = nil) {
        guard isOpen else { return }
        state = .resolved
        resolvedAt = now
        resolution = cause
        record(.resolved, at: now, by: by, why: ["cause \(cause.rawValue)", why].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "; "))
    }

    mutating func record(_ step: AlarmStep, at now: Date, by: String, why: String?) {
        history.append(AlarmTransition(at: now, to: step, by: by, why: why))
    }

    /// Applies an operator's action at `now`; throws when the state does not allow it (HTTP 409).
    public func applying(_ action: AlarmAction, at now: Date) throws(AlarmActionError) -> Alarm {
        var a = self
        guard isOpen else { throw .conflict("alarm \(id) is resolved; nothing more can be done to it") }
        let note = action.note.flatMap { $0.isEmpty ? nil : $0 }
        switch action.kind {
        case .acknowledge:
            try a.acknowledge(by: action.by, at: now, note: note)
        case .confirm:
            guard a.confirm(by: action.by, at: now, why: note) else { throw .conflict("alarm \(id) is already confirmed") }
        case .resolve:
            a.resolve(action.cause ?? (confirmed ? .fire : .falseAlarm), by: action.by, at: now, why: note)
        }
        return a
    }
}
