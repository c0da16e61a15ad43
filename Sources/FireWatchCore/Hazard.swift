import Foundation

/// A hazard (隐患): a condition to rectify, tracked until verified closed (动态隐患清零, VOCABULARY.md).
/// A device finds one (one open hazard per device, point and kind) or a patrol does (防火巡查: each
/// report its own hazard); it moves open → rectified → closed and records every move.
public struct Hazard: Codable, Hashable, Sendable {
    public var id: String
    /// The device it concerns; empty for a patrol hazard that names none.
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
    /// `sensor` (a device reported it) or `patrol` (a person found it).
    public var source: Source = .sensor
    /// The baseline-register unit (底数清册) it belongs to.
    public var unit: String?
    /// What the patrol saw (patrol hazards), or nil.
    public var description: String?
    public var location: GeoPoint?
    /// Who must rectify it: the unit's responsible person unless someone else is named.
    public var assignee: Contact?
    /// Ids of its photos (`GET /api/v1/hazards/{id}/photos/{n}` serves photo `n`), in order.
    public var photos: [String] = []
    /// Who opened it: the token name of the patrol, or the rule that found it.
    public var openedBy: String?
    /// The token name of whoever reported it fixed; the same person may not verify it (four eyes).
    public var rectifiedBy: String?
    /// A reminder went out before the deadline (`hazard.reminder`, once).
    public var reminded: Bool = false

    /// Who found it.
    public enum Source: String, Codable, CaseIterable, Hashable, Sendable {
        case sensor, patrol
    }

    public init(
        id: String, device: Device, point: Point?, kind: HazardKind, openedAt: Date, by: String, why: String?,
        allowance: TimeInterval? = nil
    ) {
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
        self.dueAt = openedAt.addingTimeInterval(allowance ?? kind.allowanceSeconds)
        self.overdue = false
        self.history = [HazardTransition(at: openedAt, to: HazardState.open.rawValue, by: by, why: why)]
        self.unit = device.unit
        self.openedBy = by
    }

    /// A hazard found on patrol (防火巡查) at a place, not by a device.
    public init(
        patrol id: String, kind: HazardKind, street: String, community: String, unit: String?, device: Device?,
        location: GeoPoint?, address: String, description: String, assignee: Contact?, photos: [String],
        openedAt: Date, by: String, allowance: TimeInterval
    ) {
        self.id = id
        self.device = device?.id ?? ""
        self.model = device?.model ?? ""
        self.point = nil
        self.kind = kind
        self.state = .open
        self.street = street
        self.community = community
        self.building = device?.building
        self.address = address
        self.openedAt = openedAt
        self.dueAt = openedAt.addingTimeInterval(allowance)
        self.overdue = false
        self.history = [HazardTransition(at: openedAt, to: HazardState.open.rawValue, by: by, why: description)]
        self.source = .patrol
        self.unit = unit
        self.description = description
        self.location = location ?? device?.location
        self.assignee = assignee
        self.photos = photos
        self.openedBy = by
    }

    enum CodingKeys: String, CodingKey {
        case id, device, model, point, kind, state, street, community, building, address, overdue, history
        case openedAt = "opened_at", dueAt = "due_at", rectifiedAt = "rectified_at", closedAt = "closed_at"
        case closedBy = "closed_by"
        case source, unit, description, location, assignee, photos, reminded
        case openedBy = "opened_by", rectifiedBy = "rectified_by"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        device = try c.decodeIfPresent(String.self, forKey: .device) ?? ""
        model = try c.decodeIfPresent(String.self, forKey: .model) ?? ""
        point = try c.decodeIfPresent(Point.self, forKey: .point)
        kind = try c.decode(HazardKind.self, forKey: .kind)
        state = try c.decode(HazardState.self, forKey: .state)
        street = try c.decode(String.self, forKey: .street)
        community = try c.decodeIfPresent(String.self, forKey: .community) ?? ""
        building = try c.decodeIfPresent(String.self, forKey: .building)
        address = try c.decodeIfPresent(String.self, forKey: .address) ?? ""
        openedAt = try c.decode(Date.self, forKey: .openedAt)
        dueAt = try c.decode(Date.self, forKey: .dueAt)
        overdue = try c.decodeIfPresent(Bool.self, forKey: .overdue) ?? false
        rectifiedAt = try c.decodeIfPresent(Date.self, forKey: .rectifiedAt)
        closedAt = try c.decodeIfPresent(Date.self, forKey: .closedAt)
        closedBy = try c.decodeIfPresent(String.self, forKey: .closedBy)
        history = try c.decodeIfPresent([HazardTransition].self, forKey: .history) ?? []
        source = try c.decodeIfPresent(Source.self, forKey: .source) ?? .sensor
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        location = try c.decodeIfPresent(GeoPoint.self, forKey: .location)
        assignee = try c.decodeIfPresent(Contact.self, forKey: .assignee)
        photos = try c.decodeIfPresent([String].self, forKey: .photos) ?? []
        openedBy = try c.decodeIfPresent(String.self, forKey: .openedBy)
        rectifiedBy = try c.decodeIfPresent(String.self, forKey: .rectifiedBy)
        reminded = try c.decodeIfPresent(Bool.self, forKey: .reminded) ?? false
    }

    /// The folding identity: (device, point, kind) for what a device reports; a patrol report is its own.
    public var episodeKey: String {
        source == .patrol ? "patrol|\(id)" : Hazard.episodeKey(device: device, point: point, kind: kind)
    }

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
    /// Found by people on patrol (防火巡查, VOCABULARY.md second wave).
    case blockedExit = "blocked_exit", ebikeCharging = "ebike_charging", fireDoor = "fire_door", extinguisher, hydrant
    case wiring, storage, otherPatrol = "other_patrol"

    /// The kinds a patrol opens through the API; no device reports them.
    public static let patrolKinds: [HazardKind] = [.blockedExit, .ebikeCharging, .fireDoor, .extinguisher, .hydrant, .wiring, .storage, .otherPatrol]

    public var isPatrol: Bool { HazardKind.patrolKinds.contains(self) }

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
        case .blockedExit: "疏散通道堵塞"
        case .ebikeCharging: "电动自行车违规停放充电"
        case .fireDoor: "防火门常开/损坏"
        case .extinguisher: "灭火器失效/缺失"
        case .hydrant: "消火栓遮挡/无水"
        case .wiring: "私拉乱接电线"
        case .storage: "易燃物堆放"
        case .otherPatrol: "其他巡查隐患"
        }
    }
}

/// Where a hazard stands: `open` → `rectified` (reported fixed) → `closed` (verified).
public enum HazardState: String, Codable, CaseIterable, Hashable, Sendable {
    case open, rectified, closed
}

/// An operator's move on a hazard, from the API or the CLI.
public struct HazardAction: Hashable, Sendable {
    /// Rectify: reported fixed. Close: the fix verified.
    public enum Kind: String, Codable, CaseIterable, Hashable, Sendable {
        case rectify, close
    }

    public var hazardID: String
    public var kind: Kind
    /// Who asks (token name, operator name).
    public var by: String
    public var note: String?
    /// Photos of the fix (rectify only).
    public var photos: [PhotoUpload]

    public init(hazardID: String, kind: Kind, by: String, note: String? = nil, photos: [PhotoUpload] = []) {
        self.hazardID = hazardID
        self.kind = kind
        self.by = by
        self.note = note
        self.photos = photos
    }
}

/// Why a hazard action was refused.
public enum HazardActionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No hazard with that id.
    case notFound(String)
    /// The hazard's state does not allow it, or the same person would verify their own fix (HTTP 409).
    case conflict(String)
    /// The request lacks what the action needs (HTTP 400).
    case badRequest(String)
    /// The request names a street, community, unit or device nobody registered (HTTP 404).
    case unknown(String)

    public var description: String {
        switch self {
        case .notFound(let id): "no hazard \"\(id)\""
        case .conflict(let why), .badRequest(let why), .unknown(let why): why
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
            guard why != nil else { throw .badRequest("rectifying hazard \(id) needs a note saying what was done") }
            h.state = .rectified
            h.rectifiedBy = action.by
            h.rectifiedAt = now
            h.overdue = h.overdue || now > dueAt
            h.history.append(HazardTransition(at: now, to: HazardState.rectified.rawValue, by: action.by, why: why))
        case (.close, .rectified):
            if let fixer = rectifiedBy ?? history.last(where: { $0.to == HazardState.rectified.rawValue })?.by, fixer == action.by {
                throw .conflict("hazard \(id) was rectified by \(fixer); someone else must verify and close it (four eyes)")
            }
            h.close(at: now, by: action.by, why: why ?? "verified")
        }
        return h
    }
}
