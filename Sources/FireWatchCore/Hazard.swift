import Foundation

/// A hazard (隐患): a condition to rectify, tracked until verified closed (动态隐患清零, VOCABULARY.md).
/// One open hazard per (device, point, kind); it moves open → rectified → closed and records every move.
public struct Hazard: Codable, Hashable, Sendable {
    public var id: String
    public var device: String
    public var model: String
    public var point: Point?
    public var kind: HazardKind
    public var state: HazardState
    public var street: String
    public var community: String
    public var building: String?
    public var address: String
    public var openedAt: Date
    /// The rectification deadline: `openedAt` plus the kind's allowance.
    public var dueAt: Date
    /// Not rectified by `dueAt`; set by the supervision tick, kept once true so late work stays visible.
    public var overdue: Bool
    /// When someone reported it fixed (the `rectified` state).
    public var rectifiedAt: Date?
    public var closedAt: Date?
    /// `device` when the device reported normal again, else the operator who verified it.
    public var closedBy: String?
    /// Who or what moved it, when and why.
    public var history: [HazardTransition]

    public init(id: String, device: Device, point: Point?, kind: HazardKind, openedAt: Date, by: String, why: String?) {
        self.id = id
        self.device = device.id
        self.model = device.model
        self.point = point
        self.kind = kind
        self.state = .open
        self.street = device.street
        self.community = device.community
        self.building = device.building
        self.address = device.address
        self.openedAt = openedAt
        self.dueAt = openedAt.addingTimeInterval(kind.allowanceSeconds)
        self.overdue = false
        self.history = [HazardTransition(at: openedAt, to: HazardState.open.rawValue, by: by, why: why)]
    }

    enum CodingKeys: String, CodingKey {
        case id, device, model, point, kind, state, street, community, building, address, overdue, history
        case openedAt = "opened_at", dueAt = "due_at", rectifiedAt = "rectified_at", closedAt = "closed_at"
        case closedBy = "closed_by"
    }

    /// The folding identity: (device, point, kind).
    public var episodeKey: String { Hazard.episodeKey(device: device, point: point, kind: kind) }

    /// The folding identity of any (device, point, kind).
    public static func episodeKey(device: String, point: Point?, kind: HazardKind) -> String {
        "\(device)|\(point.key)|\(kind.rawValue)"
    }

    /// Open or rectified: still on the books until verified closed.
    public var isOpen: Bool { state != .closed }

    /// Whether it is late at `now`: not rectified by its deadline.
    public func isLate(at now: Date) -> Bool {
        guard isOpen else { return overdue }
        if let rectified = rectifiedAt { return rectified > dueAt }
        return now >= dueAt
    }

    /// Closes it at `now`, recording who verified it and why.
    public mutating func close(at now: Date, by: String, why: String?) {
        state = .closed
        closedAt = now
        closedBy = by
        history.append(HazardTransition(at: now, to: HazardState.closed.rawValue, by: by, why: why))
    }
}

/// One recorded transition of a hazard. The same shape as an alarm's, so one renderer shows both.
/// One recorded transition of a hazard: who or what moved it, when and why (`to`: open, rectified,
/// closed, overdue).
public struct HazardTransition: Codable, Hashable, Sendable {
    public var at: Date
    public var to: String
    public var by: String
    public var why: String?

    public init(at: Date, to: String, by: String, why: String? = nil) {
        self.at = at
        self.to = to
        self.by = by
        self.why = why
    }
}

/// What is wrong (VOCABULARY.md `kind`).
public enum HazardKind: String, Codable, CaseIterable, Hashable, Sendable {
    case offline, fault, lowBattery = "low_battery", tamper, powerFault = "power_fault", disabled
    case electricalWarning = "electrical_warning", pressureAbnormal = "pressure_abnormal"
    case chronicFalseAlarm = "chronic_false_alarm"
    /// The device's clock runs more than 5 minutes ahead of the receive time; its readings take the
    /// receive time until it agrees again (VOCABULARY.md, second wave).
    case deviceClock = "device_clock"
    /// A key unit's control room did not answer a duty check (查岗未应答) in time.
    case dutyUnanswered = "duty_unanswered"

    /// Time allowed to rectify (VOCABULARY.md): a day for what leaves a point blind, three days otherwise.
    public var allowanceSeconds: TimeInterval {
        switch self {
        case .offline, .fault, .tamper, .dutyUnanswered: 24 * 3600
        default: 72 * 3600
        }
    }

    /// The name duty staff read (中文).
    public var chinese: String {
        switch self {
        case .offline: "离线"
        case .fault: "故障"
        case .lowBattery: "低电量"
        case .tamper: "拆除"
        case .powerFault: "电源故障"
        case .disabled: "屏蔽"
        case .electricalWarning: "电气隐患"
        case .pressureAbnormal: "水压/液位异常"
        case .chronicFalseAlarm: "频繁误报"
        case .deviceClock: "设备时钟异常"
        case .dutyUnanswered: "查岗未应答"
        }
    }
}

/// Where a hazard stands: `open` → `rectified` (reported fixed) → `closed` (verified).
public enum HazardState: String, Codable, CaseIterable, Hashable, Sendable {
    case open, rectified, closed
}

/// An operator's move on a hazard, from the API or the CLI.
public struct HazardAction: Codable, Hashable, Sendable {
    /// Rectify: reported fixed. Close: the fix verified.
    public enum Kind: String, Codable, CaseIterable, Hashable, Sendable {
        case rectify, close
    }

    public var hazardID: String
    public var kind: Kind
    /// Who asks (token name, operator name).
    public var by: String
    public var note: String?

    public init(hazardID: String, kind: Kind, by: String, note: String? = nil) {
        self.hazardID = hazardID
        self.kind = kind
        self.by = by
        self.note = note
    }
}

/// Why a hazard action was refused.
public enum HazardActionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No hazard with that id.
    case notFound(String)
    /// The hazard's state does not allow it (HTTP 409).
    case conflict(String)

    public var description: String {
        switch self {
        case .notFound(let id): "no hazard \"\(id)\""
        case .conflict(let why): why
        }
    }
}

extension Hazard {
    /// Applies an operator action at `now`, recording who, when and why; throws when the state does not
    /// allow it. Closing needs a rectification first: closure means someone verified the fix.
    public func applying(_ action: HazardAction, at now: Date) throws(HazardActionError) -> Hazard {
        var h = self
        let why = action.note.flatMap { $0.isEmpty ? nil : $0 }
        switch (action.kind, state) {
        case (_, .closed):
            throw .conflict("hazard \(id) is closed; nothing more can be done to it")
        case (.rectify, .rectified):
            throw .conflict("hazard \(id) is already rectified; close it once the fix is verified")
        case (.close, .open):
            throw .conflict("hazard \(id) is not rectified yet; rectify it before closing it")
        case (.rectify, .open):
            h.state = .rectified
            h.rectifiedAt = now
            h.overdue = h.overdue || now > dueAt
            h.history.append(HazardTransition(at: now, to: HazardState.rectified.rawValue, by: action.by, why: why))
        case (.close, .rectified):
            h.close(at: now, by: action.by, why: why ?? "verified")
        }
        return h
    }
}
