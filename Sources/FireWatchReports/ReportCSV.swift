import Foundation

/// The report as CSV: one row per entry, the JSON keys as the header (units in their names: `_s`
/// seconds, `_pct` percent, `_h` hours), empty where the JSON has null. Drills stay in the JSON and HTML.
public enum ReportCSV {
    public static let columns = [
        "id", "name", "alarms", "confirmed", "false_alarms", "first_page_p50_s", "first_page_p90_s", "accept_p50_s", "accept_p90_s",
        "on_scene_p50_s", "on_scene_p90_s", "arrival_within_target_pct", "paged_within_60s_pct", "escalations", "hazards_opened",
        "hazards_closed", "closed_on_time_pct", "overdue_now", "online_rate_pct", "index_start", "index_end",
        // Beyond the binding keys.
        "devices", "confirmed_pct", "false_alarms_per_100_devices", "repages", "median_close_h",
    ]

    public static func render(_ report: Report) -> String {
        var out = columns.joined(separator: ",") + "\r\n"
        for e in report.entries {
            let cells: [String] = [
                field(e.id), field(e.name), "\(e.alarms)", "\(e.confirmed)", "\(e.falseAlarms)", num(e.firstPageP50), num(e.firstPageP90),
                num(e.acceptP50), num(e.acceptP90), num(e.onSceneP50), num(e.onSceneP90), num(e.arrivalWithinTargetPct),
                num(e.pagedWithin60sPct), "\(e.escalations)", int(e.hazardsOpened), int(e.hazardsClosed), num(e.closedOnTimePct),
                int(e.overdueNow), num(e.onlineRatePct), num(e.indexStart), num(e.indexEnd),
                int(e.devices), num(e.confirmedPct), num(e.falseAlarmsPer100Devices), "\(e.repages)", num(e.medianCloseHours),
            ]
            out += cells.joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func num(_ v: Double?) -> String {
        guard let v else { return "" }
        return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }

    static func int(_ v: Int?) -> String { v.map(String.init) ?? "" }

    /// RFC 4180: quoted when it holds a comma, quote or line break; a leading = + - @ is prefixed with '
    /// so a spreadsheet does not run it as a formula.
    static func field(_ s: String) -> String {
        var s = s
        if let first = s.first, "=+-@\t\r".contains(first) { s = "'" + s }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
