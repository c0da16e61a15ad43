import FireWatchCore
import Foundation

/// The level a report compares (`--level`, `level=`).
public enum ReportLevel: String, Codable, CaseIterable, Hashable, Sendable {
    case street, station, community
}

/// An assessment report (督导考核) for a period, compared with the period of the same length before it
/// (INTERFACES.md, "Report JSON"): one entry per street, station or community, drills apart, a ranking
/// of the entries, and the measures written out so a reader can check every number.
public struct Report: Codable, Hashable, Sendable {
    public var from: Date
    public var to: Date
    public var level: ReportLevel
    public var generatedAt: Date
    /// Seconds of the arrival target (`stations.eta_target_s`).
    public var etaTargetSeconds: Double
    public var entries: [ReportEntry]
    /// The same measures over the previous period, by entry id.
    public var previous: [ReportEntry]
    public var drills: Drills
    /// The ranking (比对分析): best first, with the weights it used.
    public var ranking: [RankedEntry]
    public var rankingWeights: [String: Double]
    /// Each measure: its key, unit, and how it is computed (zh, en).
    public var measures: [Measure]
    /// The district-wide hazard index per day of the period (daily trend).
    public var indexTrend: [IndexPoint]

    public struct Drills: Codable, Hashable, Sendable {
        public var entries: [ReportEntry]
    }

    public struct RankedEntry: Codable, Hashable, Sendable {
        public var rank: Int
        public var id: String
        public var name: String
        public var score: Double
    }

    public struct Measure: Codable, Hashable, Sendable {
        public var key: String
        public var unit: String
        public var zh: String
        public var en: String
    }

    public struct IndexPoint: Codable, Hashable, Sendable {
        public var day: Date
        public var score: Double
    }

    enum CodingKeys: String, CodingKey {
        case from, to, level, entries, previous, drills, ranking, measures
        case generatedAt = "generated_at", etaTargetSeconds = "eta_target_s", rankingWeights = "ranking_weights", indexTrend = "index_trend"
    }
}

/// One street's, station's or community's figures for a period. Keys are binding (INTERFACES.md);
/// times are seconds from `raised_at`; a figure with nothing to compute it from is null.
public struct ReportEntry: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var alarms = 0
    public var confirmed = 0
    public var falseAlarms = 0
    public var firstPageP50: Double?, firstPageP90: Double?
    public var acceptP50: Double?, acceptP90: Double?
    public var onSceneP50: Double?, onSceneP90: Double?
    public var arrivalWithinTargetPct: Double?
    public var pagedWithin60sPct: Double?
    public var escalations = 0
    public var hazardsOpened: Int?
    public var hazardsClosed: Int?
    public var closedOnTimePct: Double?
    public var overdueNow: Int?
    public var onlineRatePct: Double?
    public var indexStart: Double?
    public var indexEnd: Double?
    // Beyond the binding keys.
    public var devices: Int?
    public var confirmedPct: Double?
    public var falseAlarmsPer100Devices: Double?
    public var repages = 0
    public var alarmsByKind: [String: Int] = [:]
    public var alarmsByResolution: [String: Int] = [:]
    public var hazardsByKind: [String: Int] = [:]
    public var medianCloseHours: Double?
    /// Devices with chronic false alarms (a `chronic_false_alarm` hazard open in the period).
    public var chronicFalseAlarmDevices: [String] = []
    /// Seconds from raise to first page of each alarm (the distribution the chart draws).
    public var firstPageSeconds: [Double] = []
    public var onSceneSeconds: [Double] = []

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case id, name, alarms, confirmed, escalations, devices, repages
        case falseAlarms = "false_alarms"
        case firstPageP50 = "first_page_p50_s", firstPageP90 = "first_page_p90_s"
        case acceptP50 = "accept_p50_s", acceptP90 = "accept_p90_s"
        case onSceneP50 = "on_scene_p50_s", onSceneP90 = "on_scene_p90_s"
        case arrivalWithinTargetPct = "arrival_within_target_pct", pagedWithin60sPct = "paged_within_60s_pct"
        case hazardsOpened = "hazards_opened", hazardsClosed = "hazards_closed", closedOnTimePct = "closed_on_time_pct"
        case overdueNow = "overdue_now", onlineRatePct = "online_rate_pct", indexStart = "index_start", indexEnd = "index_end"
        case confirmedPct = "confirmed_pct", falseAlarmsPer100Devices = "false_alarms_per_100_devices"
        case alarmsByKind = "alarms_by_kind", alarmsByResolution = "alarms_by_resolution", hazardsByKind = "hazards_by_kind"
        case medianCloseHours = "median_close_h", chronicFalseAlarmDevices = "chronic_false_alarm_devices"
        case firstPageSeconds = "first_page_s", onSceneSeconds = "on_scene_s"
    }

    /// Every optional figure written, as null when there is nothing to compute it from.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(alarms, forKey: .alarms)
        try c.encode(confirmed, forKey: .confirmed)
        try c.encode(falseAlarms, forKey: .falseAlarms)
        try c.encode(firstPageP50, forKey: .firstPageP50)
        try c.encode(firstPageP90, forKey: .firstPageP90)
        try c.encode(acceptP50, forKey: .acceptP50)
        try c.encode(acceptP90, forKey: .acceptP90)
        try c.encode(onSceneP50, forKey: .onSceneP50)
        try c.encode(onSceneP90, forKey: .onSceneP90)
        try c.encode(arrivalWithinTargetPct, forKey: .arrivalWithinTargetPct)
        try c.encode(pagedWithin60sPct, forKey: .pagedWithin60sPct)
        try c.encode(escalations, forKey: .escalations)
        try c.encode(hazardsOpened, forKey: .hazardsOpened)
        try c.encode(hazardsClosed, forKey: .hazardsClosed)
        try c.encode(closedOnTimePct, forKey: .closedOnTimePct)
        try c.encode(overdueNow, forKey: .overdueNow)
        try c.encode(onlineRatePct, forKey: .onlineRatePct)
        try c.encode(indexStart, forKey: .indexStart)
        try c.encode(indexEnd, forKey: .indexEnd)
        try c.encode(devices, forKey: .devices)
        try c.encode(confirmedPct, forKey: .confirmedPct)
        try c.encode(falseAlarmsPer100Devices, forKey: .falseAlarmsPer100Devices)
        try c.encode(repages, forKey: .repages)
        try c.encode(alarmsByKind, forKey: .alarmsByKind)
        try c.encode(alarmsByResolution, forKey: .alarmsByResolution)
        try c.encode(hazardsByKind, forKey: .hazardsByKind)
        try c.encode(medianCloseHours, forKey: .medianCloseHours)
        try c.encode(chronicFalseAlarmDevices, forKey: .chronicFalseAlarmDevices)
        try c.encode(firstPageSeconds, forKey: .firstPageSeconds)
        try c.encode(onSceneSeconds, forKey: .onSceneSeconds)
    }
}
