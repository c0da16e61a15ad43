import FireWatchCore
import Foundation

/// The report's charts as inline SVG: presentation attributes only (no `style`), so a strict CSP shows them.
enum ReportCharts {
    static let width = 360.0, height = 180.0

    /// Raise → first page and raise → on scene, counted in 30-second bins (the last bin holds the rest).
    static func responseHistogram(_ entries: [ReportEntry]) -> String {
        let bins = 12, size = 30.0
        func count(_ values: [Double]) -> [Int] {
            var c = [Int](repeating: 0, count: bins)
            for v in values { c[min(bins - 1, max(0, Int(v / size)))] += 1 }
            return c
        }
        let page = count(entries.flatMap(\.firstPageSeconds)), scene = count(entries.flatMap(\.onSceneSeconds))
        let top = Double(max(1, (page + scene).max() ?? 1))
        let w = (width - 40) / Double(bins)
        var s = svgOpen("response-histogram")
        for i in 0..<bins {
            let x = 30 + Double(i) * w
            for (j, c) in [page[i], scene[i]].enumerated() {
                let h = (height - 40) * Double(c) / top
                s += "<rect class=\"bar \(j == 0 ? "page" : "scene")\" x=\"\(f(x + Double(j) * w / 2))\" y=\"\(f(height - 20 - h))\" width=\"\(f(w / 2 - 1))\" height=\"\(f(h))\" fill=\"\(j == 0 ? "#3b73b9" : "#d9534f")\"><title>\(c)</title></rect>"
            }
            if i % 2 == 0 { s += "<text x=\"\(f(x))\" y=\"\(f(height - 6))\">\(Int(Double(i) * size))</text>" }
        }
        s += "<text x=\"\(f(width - 40))\" y=\"\(f(height - 6))\">s</text>"
        s += "<rect x=\"40\" y=\"4\" width=\"8\" height=\"8\" fill=\"#3b73b9\"/><text x=\"52\" y=\"12\">page</text>"
        s += "<rect x=\"90\" y=\"4\" width=\"8\" height=\"8\" fill=\"#d9534f\"/><text x=\"102\" y=\"12\">on scene</text>"
        s += "<text x=\"2\" y=\"24\">\(Int(top))</text>"
        return s + "</svg>"
    }

    /// Horizontal bars, one per label.
    static func bars(_ pairs: [(String, Double)], max top: Double, unit: String) -> String {
        let rows = Array(pairs.prefix(16))
        let rowH = 16.0, h = Double(max(1, rows.count)) * rowH + 10
        var s = "<svg class=\"chart bars\" viewBox=\"0 0 \(f(width)) \(f(h))\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">"
        for (i, (label, value)) in rows.enumerated() {
            let y = 4 + Double(i) * rowH
            let w = (width - 170) * (top > 0 ? value / top : 0)
            s += "<text x=\"2\" y=\"\(f(y + 11))\">\(ReportHTML.esc(String(label.prefix(12))))</text>"
            s += "<rect class=\"bar\" x=\"110\" y=\"\(f(y))\" width=\"\(f(Swift.max(0, w)))\" height=\"\(f(rowH - 4))\" fill=\"#5b9b5b\"/>"
            s += "<text x=\"\(f(114 + Swift.max(0, w)))\" y=\"\(f(y + 11))\">\(ReportHTML.fmt(value))\(unit)</text>"
        }
        return s + "</svg>"
    }

    /// The hazard index day by day.
    static func trend(_ points: [Report.IndexPoint]) -> String {
        let top = Swift.max(1, points.map(\.score).max() ?? 1)
        let n = Swift.max(1, points.count - 1)
        let coords = points.enumerated().map { i, p in
            "\(f(30 + (width - 40) * Double(i) / Double(n))),\(f(height - 20 - (height - 40) * p.score / top))"
        }.joined(separator: " ")
        var s = svgOpen("index-trend")
        s += "<polyline class=\"trend\" points=\"\(coords)\" fill=\"none\" stroke=\"#e08a00\" stroke-width=\"2\"/>"
        s += "<text x=\"2\" y=\"24\">\(ReportHTML.fmt(top))</text><text x=\"2\" y=\"\(f(height - 20))\">0</text>"
        return s + "</svg>"
    }

    static func svgOpen(_ name: String) -> String {
        "<svg class=\"chart \(name)\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<line x1=\"28\" y1=\"\(f(height - 20))\" x2=\"\(f(width - 4))\" y2=\"\(f(height - 20))\" stroke=\"#999\"/>"
    }

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }
}

/// The report's words, Chinese first.
struct Words {
    let english: Bool

    func pick(_ zh: String, _ en: String) -> String { english ? en : zh }
    var title: String { pick("消防安全督导考核报告", "Fire-safety assessment report") }
    var generated: String { pick("生成于", "generated") }
    var summary: String { pick("指标汇总（▲▼ 与上一周期相比）", "Figures (▲▼ against the previous period)") }
    var responseChart: String { pick("响应时间分布（秒）", "Response times (s)") }
    var arrivalChart: String { pick("3 分钟到场率", "3-minute arrival rate") }
    var indexChart: String { pick("隐患指数趋势", "Hazard index trend") }
    var hazardChart: String { pick("隐患类别", "Hazards by kind") }
    var ranking: String { pick("比对排名", "Ranking") }
    var weights: String { pick("权重", "weights") }
    var drills: String { pick("演练（联勤联训，不计入实战指标）", "Drills (kept apart from live figures)") }
    var noDrills: String { pick("本期无演练。", "No drills in the period.") }
    var measures: String { pick("指标说明", "Measures") }
    var entity: String { pick("对象", "entity") }
    var deltaNote: String { pick("– 表示无数据；时间单位为秒，比例为百分比。", "– means no data; times in seconds, rates in percent.") }

    func level(_ l: ReportLevel) -> String {
        switch l {
        case .street: pick("按街镇", "by street")
        case .station: pick("按微型消防站", "by station")
        case .community: pick("按居委", "by community")
        }
    }

    func column(_ key: String) -> String {
        guard !english else { return key.replacingOccurrences(of: "_", with: " ") }
        return [
            "alarms": "报警", "confirmed": "核实", "false_alarms": "误报", "first_page_p50_s": "派警 P50", "first_page_p90_s": "派警 P90",
            "accept_p50_s": "接警 P50", "on_scene_p50_s": "到场 P50", "on_scene_p90_s": "到场 P90", "arrival_within_target_pct": "3分钟到场率",
            "paged_within_60s_pct": "60秒派警率", "escalations": "上报", "hazards_opened": "隐患发现", "hazards_closed": "隐患销号",
            "closed_on_time_pct": "按期销号率", "overdue_now": "当前逾期", "online_rate_pct": "在线率", "index_start": "期初指数", "index_end": "期末指数",
        ][key] ?? key
    }

    func hazardKind(_ raw: String) -> String {
        english ? raw.replacingOccurrences(of: "_", with: " ") : (HazardKindNames.chinese[raw] ?? raw)
    }
}

enum HazardKindNames {
    static let chinese: [String: String] = Dictionary(uniqueKeysWithValues: HazardKind.allCases.map { ($0.rawValue, $0.chinese) })
}
