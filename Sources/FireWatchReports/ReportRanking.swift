import Foundation

/// 比对分析: entries ranked by a weighted score of measures where higher is better, each 0–100. A
/// measure an entry has no figure for is left out and the others' weights are scaled up, so a street
/// without alarms is ranked on its hazards and online rate alone.
enum ReportRanking {
    static let weights: [String: Double] = [
        "arrival_within_target_pct": 0.30,
        "paged_within_60s_pct": 0.15,
        "closed_on_time_pct": 0.25,
        "online_rate_pct": 0.15,
        // 100 minus ten points per false alarm per 100 devices (at most 100 off).
        "false_alarm_score": 0.15,
    ]

    static func values(_ e: ReportEntry) -> [String: Double] {
        var v: [String: Double] = [:]
        v["arrival_within_target_pct"] = e.arrivalWithinTargetPct
        v["paged_within_60s_pct"] = e.pagedWithin60sPct
        v["closed_on_time_pct"] = e.closedOnTimePct
        v["online_rate_pct"] = e.onlineRatePct
        v["false_alarm_score"] = e.falseAlarmsPer100Devices.map { max(0, 100 - 10 * $0) }
        return v
    }

    static func rank(_ entries: [ReportEntry]) -> [Report.RankedEntry] {
        let scored = entries.compactMap { e -> (ReportEntry, Double)? in
            let v = values(e)
            let used = weights.filter { v[$0.key] != nil }
            let total = used.values.reduce(0, +)
            guard total > 0 else { return nil }
            let score = used.reduce(0) { $0 + $1.value * v[$1.key]! } / total
            return (e, Percentile.round2(score))
        }.sorted { ($0.1, $1.0.id) > ($1.1, $0.0.id) }
        return scored.enumerated().map { i, s in Report.RankedEntry(rank: i + 1, id: s.0.id, name: s.0.name, score: s.1) }
    }
}

/// What each figure means, in the report itself (zh first).
enum ReportMeasures {
    static let all: [Report.Measure] = [
        .init(key: "alarms", unit: "count", zh: "期内报警数（不含演练）", en: "alarms raised in the period (drills apart)"),
        .init(key: "confirmed", unit: "count", zh: "经核实的报警数", en: "alarms confirmed"),
        .init(key: "false_alarms", unit: "count", zh: "处置结果为误报的报警数", en: "alarms resolved as false_alarm"),
        .init(key: "false_alarms_per_100_devices", unit: "per 100 devices", zh: "每百台设备误报数", en: "false alarms per 100 registered devices"),
        .init(key: "first_page_p50_s", unit: "s", zh: "报警到首次派警，中位数（最近秩）", en: "raised → first page, p50 (nearest rank over the period's alarms)"),
        .init(key: "first_page_p90_s", unit: "s", zh: "报警到首次派警，90 分位", en: "raised → first page, p90"),
        .init(key: "accept_p50_s", unit: "s", zh: "报警到接警，中位数", en: "raised → accepted, p50"),
        .init(key: "accept_p90_s", unit: "s", zh: "报警到接警，90 分位", en: "raised → accepted, p90"),
        .init(key: "on_scene_p50_s", unit: "s", zh: "报警到到场，中位数", en: "raised → on scene, p50"),
        .init(key: "on_scene_p90_s", unit: "s", zh: "报警到到场，90 分位", en: "raised → on scene, p90"),
        .init(key: "arrival_within_target_pct", unit: "%", zh: "3 分钟到场率：火警、手动报警中报警到到场不超过 eta_target_s 的比例", en: "fire and manual alarms with raised → on scene ≤ eta_target_s"),
        .init(key: "paged_within_60s_pct", unit: "%", zh: "火警、手动报警中 60 秒内派警的比例", en: "fire and manual alarms paged within 60 s of the raise"),
        .init(key: "escalations", unit: "count", zh: "上报支队的报警数", en: "alarms escalated to the brigade"),
        .init(key: "repages", unit: "count", zh: "改派次数（首派之后的派警）", en: "pages after the first (decline or silence)"),
        .init(key: "hazards_opened", unit: "count", zh: "期内发现的隐患", en: "hazards opened in the period"),
        .init(key: "hazards_closed", unit: "count", zh: "期内销号的隐患", en: "hazards closed in the period"),
        .init(key: "closed_on_time_pct", unit: "%", zh: "期内销号隐患中按期销号的比例", en: "of those closed, closed by their due time"),
        .init(key: "median_close_h", unit: "h", zh: "期内销号隐患从发现到销号的中位时长", en: "median time from opened to closed"),
        .init(key: "overdue_now", unit: "count", zh: "当前逾期未销号的隐患", en: "hazards open and past due now"),
        .init(key: "online_rate_pct", unit: "%", zh: "在线率：设备在期内未处于离线隐患的时间占比", en: "device-time in the period not covered by an offline hazard"),
        .init(key: "index_start", unit: "score", zh: "期初隐患指数", en: "hazard index at the start"),
        .init(key: "index_end", unit: "score", zh: "期末隐患指数", en: "hazard index at the end"),
    ]
}
