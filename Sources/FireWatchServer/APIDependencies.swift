import FireWatchCore
import FireWatchReports
import FireWatchStore
import Foundation

/// What the HTTP API reads from the running daemon.
public struct APIDependencies: Sendable {
    public var store: SQLiteStore
    /// Broker connected and store writable.
    /// Nil when ready, else why not (`/readyz`); answers at once, never waiting on the store.
    public var readiness: @Sendable () -> String?
    /// Stations with their current status.
    public var stations: @Sendable () async -> [Station]
    /// A registered device by id.
    public var device: @Sendable (String) async -> Device?
    /// Every registered device (the dashboard's map).
    public var devices: @Sendable () async -> [Device]
    /// Applies an operator action (acknowledge, confirm, resolve); throws `AlarmActionError`.
    public var act: @Sendable (AlarmAction) async throws -> Alarm
    /// Prometheus text exposition of every metric.
    public var metricsText: @Sendable () -> String
    /// Timezone of the offsets in JSON timestamps.
    public var timeZone: TimeZone
    /// The daemon's `instance` (CAP sender `firewatch@<instance>`).
    public var instance: String
    /// The tokens file's contents as loaded now; nil when it does not exist (read-only API for loopback clients).
    public var tokens: @Sendable () -> APITokens?
    /// Hazards; nil until the hazard pipeline provides them (the routes answer 501 until then).
    public var hazards: (@Sendable (HazardQuery) async throws -> any Encodable & Sendable)?
    /// The community hazard index; nil until the hazard pipeline provides it.
    public var hazardIndex: (@Sendable (HazardIndexLevel) async throws -> any Encodable & Sendable)?
    /// Sets a station's availability (`POST /api/v1/stations/{id}/status`); nil without dispatch.
    public var setStationStatus: (@Sendable (_ station: String, _ status: Station.Status, _ by: String) async throws -> Void)?
    /// Stations with open dispatches and coverage for `GET /api/v1/stations`; nil lists plain stations.
    public var stationViews: (@Sendable () async -> [StationView])?
    /// An operator's rectify or close of a hazard (throws `HazardActionError`); nil without a hazard pipeline.
    public var hazardAct: (@Sendable (HazardAction) async throws -> Hazard)?
    /// Opens a hazard found on patrol as the named person (throws `HazardActionError`); nil without a hazard pipeline.
    public var openPatrol: (@Sendable (PatrolReport, String) async throws -> Hazard)?
    /// One stored hazard, open or closed.
    public var hazard: (@Sendable (String) throws -> Hazard?)?
    /// Photo `n` of a hazard.
    public var photo: (@Sendable (String, Int) throws -> HazardPhoto?)?
    /// Streets, communities and units with their names.
    public var geography: (@Sendable () async -> Geography)?
    /// Starts a drill: station, device (optional), who; answers the drill's alarm.
    public var drill: (@Sendable (_ station: String, _ device: String?, _ by: String) async throws -> Alarm)?
    /// Builds an assessment report from the store (`GET /api/v1/reports`); nil: not wired.
    public var report: (@Sendable (ReportQuery) async throws -> Report)?
    /// A station's answer to a dispatch (`POST /api/v1/dispatches/{id}/answer`): why it was refused, or nil.
    public var answer: (@Sendable (DispatchAnswer) async throws -> String?)?
    /// The station a dispatch in progress was sent to; nil when it is not in progress.
    public var dispatchStation: (@Sendable (String) async -> String?)?
    /// The outbound targets (`notify.targets`) as configured now; nil: none.
    public var notifyTargets: (@Sendable () -> [NotifyTargetView])?
    /// Suppresses a device's alarms from dispatch; nil until the hazard pipeline provides it.
    public var suppress: (@Sendable (DeviceSuppression) async throws -> any Encodable & Sendable)?
    /// When the event stream gives up on a client that does not keep up.
    public var streamLimits: EventStreamLimits
    /// Language the dashboard starts in (`zh` or `en`); the page has a switch.
    public var dashboardLanguage: String
    /// Host header values answered (`HostCheckMiddleware`); nil answers any (tests on a client
    /// without a Host header).
    public var allowedHosts: [String]?

    public init(
        store: SQLiteStore, readiness: @escaping @Sendable () -> String?, stations: @escaping @Sendable () async -> [Station],
        device: @escaping @Sendable (String) async -> Device?, devices: @escaping @Sendable () async -> [Device] = { [] },
        act: @escaping @Sendable (AlarmAction) async throws -> Alarm,
        metricsText: @escaping @Sendable () -> String,
        timeZone: TimeZone, instance: String = "firewatch", tokens: @escaping @Sendable () -> APITokens? = { nil },
        hazards: (@Sendable (HazardQuery) async throws -> any Encodable & Sendable)? = nil,
        hazardIndex: (@Sendable (HazardIndexLevel) async throws -> any Encodable & Sendable)? = nil,
        suppress: (@Sendable (DeviceSuppression) async throws -> any Encodable & Sendable)? = nil,
        hazardAct: (@Sendable (HazardAction) async throws -> Hazard)? = nil,
        openPatrol: (@Sendable (PatrolReport, String) async throws -> Hazard)? = nil,
        hazard: (@Sendable (String) throws -> Hazard?)? = nil,
        photo: (@Sendable (String, Int) throws -> HazardPhoto?)? = nil,
        geography: (@Sendable () async -> Geography)? = nil,
        stationViews: (@Sendable () async -> [StationView])? = nil,
        setStationStatus: (@Sendable (String, Station.Status, String) async throws -> Void)? = nil,
        streamLimits: EventStreamLimits = EventStreamLimits(), dashboardLanguage: String = "zh"
    ) {
        self.store = store
        self.readiness = readiness
        self.stations = stations
        self.device = device
        self.devices = devices
        self.act = act
        self.metricsText = metricsText
        self.timeZone = timeZone
        self.instance = instance
        self.tokens = tokens
        self.hazards = hazards
        self.hazardIndex = hazardIndex
        self.suppress = suppress
        self.hazardAct = hazardAct
        self.openPatrol = openPatrol
        self.hazard = hazard
        self.photo = photo
        self.geography = geography
        self.stationViews = stationViews
        self.setStationStatus = setStationStatus
        self.streamLimits = streamLimits
        self.dashboardLanguage = dashboardLanguage
    }
}

/// `GET /api/v1/hazards?state=open|rectified|closed|all&street=&community=&unit=&kind=&overdue=&source=`.
public struct HazardQuery: Hashable, Sendable {
    public var openOnly: Bool
    public var street: String?
    public var community: String?
    public var unit: String?
    public var kinds: Set<HazardKind> = []
    /// One state only (`rectified`, `closed`); nil: as `openOnly` says.
    public var state: HazardState?
    /// Only those late now (true) or on time (false).
    public var overdue: Bool?
    public var source: Hazard.Source?

    public init(openOnly: Bool, street: String? = nil) {
        self.openOnly = openOnly
        self.street = street
    }

    /// The hazards of `all` that match (street is filtered by the store already).
    public func filter(_ all: [Hazard], now: Date) -> [Hazard] {
        all.filter { h in
            (street == nil || h.street == street) && (community == nil || h.community == community) && (unit == nil || h.unit == unit)
                && (kinds.isEmpty || kinds.contains(h.kind)) && (state == nil || h.state == state)
                && (overdue == nil || (h.overdue || h.isLate(at: now)) == overdue) && (source == nil || h.source == source)
        }
    }
}

/// `POST /api/v1/dispatches/{id}/answer`: what a station answers to its page.
public struct DispatchAnswer: Hashable, Sendable {
    public enum Status: String, CaseIterable, Hashable, Sendable {
        case accepted, declined, onScene = "on_scene", resolved
    }

    public var dispatchID: String
    public var status: Status
    public var cause: AlarmResolution?
    public var note: String?
    /// The token's name.
    public var by: String

    public init(dispatchID: String, status: Status, cause: AlarmResolution?, note: String?, by: String) {
        self.dispatchID = dispatchID
        self.status = status
        self.cause = cause
        self.note = note
        self.by = by
    }
}

/// `GET /api/v1/hazard-index?level=street|community|unit`.
public enum HazardIndexLevel: String, CaseIterable, Hashable, Sendable {
    case street, community, unit
}

/// `POST /api/v1/devices/{id}/suppress`: alarms from the device are recorded, never dispatched, until `until`.
public struct DeviceSuppression: Hashable, Sendable {
    public enum Reason: String, CaseIterable, Hashable, Sendable {
        case test, maintenance
    }

    public var device: String
    public var reason: Reason
    public var minutes: Int
    /// Who asks (the body's `by`, else the token's name).
    public var by: String

    public init(device: String, reason: Reason, minutes: Int, by: String) {
        self.device = device
        self.reason = reason
        self.minutes = minutes
        self.by = by
    }
}
