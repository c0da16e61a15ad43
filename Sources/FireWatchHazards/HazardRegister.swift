import FireWatchCore
import Foundation

/// The hazards still on the books (open or rectified), one per (device, point, kind). Closed hazards
/// leave the register; the store keeps them.
public struct HazardRegister: Sendable {
    public private(set) var open: [String: Hazard] = [:]
    /// Hazards on the books per device, so a message from a device with none skips the per-subject work.
    var devices: [String: Int] = [:]

    public init(open hazards: [Hazard] = []) {
        for h in hazards where h.isOpen { put(h) }
    }

    /// Whether `device` has a hazard on the books.
    public func hasOpen(device: String) -> Bool { devices[device] != nil }

    mutating func put(_ hazard: Hazard) {
        if open.updateValue(hazard, forKey: hazard.episodeKey) == nil, !hazard.device.isEmpty { devices[hazard.device, default: 0] += 1 }
    }

    mutating func remove(_ key: String) -> Hazard? {
        guard let hazard = open.removeValue(forKey: key) else { return nil }
        guard !hazard.device.isEmpty else { return hazard }
        let n = (devices[hazard.device] ?? 0) - 1
        devices[hazard.device] = n > 0 ? n : nil
        return hazard
    }

    /// What raising a condition did.
    enum Raise {
        case opened(Hazard)
        /// It was reported fixed but the device still says otherwise.
        case reopened(Hazard)
        /// Already open: nothing new to record.
        case unchanged
    }

    /// The condition is on: opens a hazard, or reopens a rectified one.
    mutating func raise(
        _ kind: HazardKind, device: Device, point: Point?, now: Date, by: String, why: String, allowance: TimeInterval,
        makeID: () -> String
    ) -> Raise {
        let key = Hazard.episodeKey(device: device.id, point: point, kind: kind)
        guard var hazard = open[key] else {
            let hazard = Hazard(id: makeID(), device: device, point: point, kind: kind, openedAt: now, by: by, why: why, allowance: allowance)
            put(hazard)
            return .opened(hazard)
        }
        guard hazard.state == .rectified else { return .unchanged }
        hazard.state = .open
        // Not fixed after all: judged late again by the deadline alone, reminded again, rectified anew.
        hazard.rectifiedAt = nil
        hazard.rectifiedBy = nil
        hazard.reminded = false
        hazard.history.append(HazardTransition(at: now, to: HazardState.open.rawValue, by: by, why: "still reported: \(why)"))
        open[key] = hazard
        return .reopened(hazard)
    }

    /// The condition is over: closes the hazard under `key`, if any.
    mutating func close(_ key: String, now: Date, by: String, why: String) -> Hazard? {
        guard var hazard = remove(key) else { return nil }
        hazard.close(at: now, by: by, why: why)
        return hazard
    }

    /// Marks the hazards that missed their deadline by `now`; returns those that just did.
    mutating func markOverdue(now: Date) -> [Hazard] {
        var late: [Hazard] = []
        for (key, hazard) in open where !hazard.overdue && hazard.isLate(at: now) {
            var h = hazard
            h.overdue = true
            h.history.append(HazardTransition(at: now, to: "overdue", by: "supervision", why: "not rectified by \(Timestamps.string(h.dueAt, in: TimeZone(secondsFromGMT: 0)!))"))
            open[key] = h
            late.append(h)
        }
        return late.sorted { $0.id < $1.id }
    }

    /// Marks the open hazards whose deadline is within `fraction` of their allowance at `now` and that
    /// were not reminded yet; returns those (a hazard already late gets the overdue event instead).
    mutating func markReminded(now: Date, fraction: Double) -> [Hazard] {
        var due: [Hazard] = []
        for (key, hazard) in open where hazard.state == .open && !hazard.reminded && !hazard.overdue {
            let allowance = hazard.dueAt.timeIntervalSince(hazard.openedAt)
            let left = hazard.dueAt.timeIntervalSince(now)
            guard left > 0, left <= allowance * fraction else { continue }
            var h = hazard
            h.reminded = true
            h.history.append(HazardTransition(at: now, to: "reminder", by: "supervision", why: "due in \(Int(left / 60)) min"))
            open[key] = h
            due.append(h)
        }
        return due.sorted { $0.id < $1.id }
    }

    /// Adds a hazard a person found (a patrol): every report is a hazard of its own.
    mutating func add(patrol hazard: Hazard) { put(hazard) }

    /// The hazard on the books with this id.
    public func hazard(id: String) -> Hazard? { open.values.first { $0.id == id } }

    /// Replaces a hazard after an operator moved it; closed hazards leave the register.
    public mutating func store(_ hazard: Hazard) {
        if hazard.isOpen { put(hazard) } else { _ = remove(hazard.episodeKey) }
    }
}
