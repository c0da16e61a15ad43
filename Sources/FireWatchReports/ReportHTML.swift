import FireWatchCore
import Foundation

/// The report as one HTML document that stands alone: no script, no fetch, charts as inline SVG (drawn
/// with presentation attributes and classes, so the `/reports` page can show the same body under its
/// strict CSP), styles inline, A4 print rules. Chinese first; `english` for the English edition.
public enum ReportHTML {
    public static func render(_ r: Report, english: Bool = false, timeZone: TimeZone) -> String {
        let t = Words(english: english)
        let period = "\(day(r.from, timeZone)) – \(day(r.to.addingTimeInterval(-1), timeZone))"
        return """
            <!doctype html>
            <html lang="\(english ? "en" : "zh-CN")">
            <head><meta charset="utf-8"><title>\(esc(t.title)) \(esc(period))</title>
            <style>\(css)</style></head>
            <body>
            \(body(r, english: english, timeZone: timeZone))
            </body></html>
            """
    }

    /// The report without the document around it (what `/reports` puts in its page).
    public static func body(_ r: Report, english: Bool = false, timeZone: TimeZone) -> String {
        let t = Words(english: english)
        let period = "\(day(r.from, timeZone)) – \(day(r.to.addingTimeInterval(-1), timeZone))"
        var h = "<article class=\"fw-report\">"
        h += "<h1>\(esc(t.title))</h1><p class=\"meta\">\(esc(t.level(r.level))) · \(esc(period)) · \(esc(t.generated)) \(esc(Timestamps.string(r.generatedAt, in: timeZone)))</p>"
        h += "<section><h2>\(esc(t.summary))</h2>\(table(r, t))</section>"
        h += "<section class=\"charts\">"
        h += figure(t.responseChart, ReportCharts.responseHistogram(r.entries))
        if r.level != .station { h += figure(t.arrivalChart, ReportCharts.bars(r.entries.map { ($0.name, $0.arrivalWithinTargetPct ?? 0) }, max: 100, unit: "%")) }
        if !r.indexTrend.isEmpty { h += figure(t.indexChart, ReportCharts.trend(r.indexTrend)) }
        if r.level != .station {
            var kinds: [String: Int] = [:]
            for e in r.entries { for (k, n) in e.hazardsByKind { kinds[k, default: 0] += n } }
            let pairs = kinds.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { (t.hazardKind($0.key), Double($0.value)) }
            h += figure(t.hazardChart, ReportCharts.bars(pairs, max: pairs.map(\.1).max() ?? 1, unit: ""))
        }
        h += "</section>"
        h += "<section><h2>\(esc(t.ranking))</h2><ol class=\"ranking\">"
        for x in r.ranking { h += "<li><span class=\"name\">\(esc(x.name))</span> <span class=\"score\">\(fmt(x.score))</span></li>" }
        h += "</ol><p class=\"dim\">\(esc(t.weights)): " + r.rankingWeights.sorted { $0.key < $1.key }.map { "\(esc($0.key)) × \(fmt($0.value))" }.joined(separator: ", ") + "</p></section>"
        h += "<section><h2>\(esc(t.drills))</h2>"
        h += r.drills.entries.isEmpty ? "<p class=\"dim\">\(esc(t.noDrills))</p>" : table(Report(
            from: r.from, to: r.to, level: .station, generatedAt: r.generatedAt, etaTargetSeconds: r.etaTargetSeconds,
            entries: r.drills.entries, previous: [], drills: .init(entries: []), ranking: [], rankingWeights: [:], measures: [], indexTrend: []), t)
        h += "</section>"
        h += "<section class=\"measures\"><h2>\(esc(t.measures))</h2><dl>"
        for m in r.measures { h += "<dt>\(esc(m.key)) (\(esc(m.unit)))</dt><dd>\(esc(english ? m.en : m.zh))</dd>" }
        h += "</dl><p class=\"dim\">eta_target_s = \(fmt(r.etaTargetSeconds))</p></section></article>"
        return h
    }

    static func table(_ r: Report, _ t: Words) -> String {
        let previous = Dictionary(r.previous.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let cols: [(String, (ReportEntry) -> Double?)] = [
            ("alarms", { Double($0.alarms) }), ("confirmed", { Double($0.confirmed) }), ("false_alarms", { Double($0.falseAlarms) }),
            ("first_page_p50_s", \.firstPageP50), ("first_page_p90_s", \.firstPageP90), ("accept_p50_s", \.acceptP50),
            ("on_scene_p50_s", \.onSceneP50), ("on_scene_p90_s", \.onSceneP90), ("arrival_within_target_pct", \.arrivalWithinTargetPct),
            ("paged_within_60s_pct", \.pagedWithin60sPct), ("escalations", { Double($0.escalations) }),
            ("hazards_opened", { $0.hazardsOpened.map(Double.init) }), ("hazards_closed", { $0.hazardsClosed.map(Double.init) }),
            ("closed_on_time_pct", \.closedOnTimePct), ("overdue_now", { $0.overdueNow.map(Double.init) }),
            ("online_rate_pct", \.onlineRatePct), ("index_start", \.indexStart), ("index_end", \.indexEnd),
        ]
        var h = "<table><thead><tr><th>\(esc(t.entity))</th>"
        for (k, _) in cols { h += "<th>\(esc(t.column(k)))</th>" }
        h += "</tr></thead><tbody>"
        for e in r.entries {
            h += "<tr><th>\(esc(e.name))</th>"
            for (_, f) in cols {
                let now = f(e), before = previous[e.id].flatMap(f)
                h += "<td>\(now.map(fmt) ?? "–")"
                if let now, let before, now != before { h += "<small class=\"delta\">\(now > before ? "▲" : "▼")\(fmt(abs(now - before)))</small>" }
                h += "</td>"
            }
            h += "</tr>"
        }
        return h + "</tbody></table><p class=\"dim\">\(esc(t.deltaNote))</p>"
    }

    static func figure(_ title: String, _ svg: String) -> String {
        "<figure class=\"chart\"><figcaption>\(esc(title))</figcaption>\(svg)</figure>"
    }

    static func day(_ d: Date, _ tz: TimeZone) -> String { String(Timestamps.string(d, in: tz).prefix(10)) }

    static func fmt(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e12 ? String(Int64(v)) : String(format: "%.2f", v)
    }

    static func esc(_ s: String) -> String { Markup.escape(s) }

    public static let css = """
        body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:16px;color:#111}
        .fw-report h1{font-size:20px;margin:0 0 4px}.fw-report h2{font-size:16px;margin:18px 0 6px}
        .fw-report .meta,.fw-report .dim{color:#555;font-size:12px}
        .fw-report table{border-collapse:collapse;font-size:11px;width:100%}
        .fw-report th,.fw-report td{border:1px solid #ccc;padding:2px 4px;text-align:right;white-space:nowrap}
        .fw-report thead th{background:#f0f0f0;text-align:center;white-space:normal}
        .fw-report tbody th{text-align:left}.fw-report .delta{color:#777;margin-left:3px}
        .fw-report .charts{display:flex;flex-wrap:wrap;gap:12px}
        .fw-report figure.chart{margin:0;border:1px solid #ddd;padding:6px;width:46%;min-width:300px;break-inside:avoid}
        .fw-report figcaption{font-size:13px;font-weight:bold;margin-bottom:4px}
        .fw-report svg{width:100%;height:auto}.fw-report svg text{font-size:10px;fill:#333}
        .fw-report .ranking{font-size:13px}.fw-report .measures dt{font-weight:bold;font-size:12px}
        .fw-report .measures dd{margin:0 0 4px 12px;font-size:12px}
        @page{size:A4;margin:12mm}
        @media print{body{margin:0}.fw-report figure.chart{width:47%}.fw-report section{break-inside:avoid-page}}
        """
}
