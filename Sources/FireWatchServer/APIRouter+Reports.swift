import FireWatchCore
import FireWatchReports
import Foundation
import Hummingbird

/// What a report asks for (`GET /api/v1/reports?from=&to=&level=&street=&format=&lang=`).
public struct ReportQuery: Sendable {
    public var from: Date
    public var to: Date
    public var level: ReportLevel
    public var street: String?
}

extension APIRouter {
    /// `GET /api/v1/reports` (viewer): JSON, CSV or a stand-alone HTML report; `fragment=1` gives the
    /// HTML body alone (the `/reports` page shows it).
    static func registerReports(on routes: RouterGroup<APIRequestContext>, deps: APIDependencies, encoder: JSONEncoder) {
        routes.get("reports") { request, _ -> Response in
            let q = request.uri.queryParameters
            let query = try reportQuery(from: q["from"].map(String.init), to: q["to"].map(String.init), level: q["level"].map(String.init),
                                        street: q["street"].map(String.init), timeZone: deps.timeZone)
            let format = q["format"].map(String.init) ?? "json"
            guard ["json", "csv", "html"].contains(format) else { throw BadRequest("format must be json, csv or html, not \"\(format)\"") }
            let lang = q["lang"].map(String.init) ?? "zh"
            guard lang == "zh" || lang == "en" else { throw BadRequest("lang must be zh or en") }
            let fragment = q["fragment"].map(String.init)
            guard fragment == nil || fragment == "1" else { throw BadRequest("fragment must be 1 or absent") }
            guard let report = deps.report else { return notYet("reports") }
            let r = try await report(query)
            switch format {
            case "csv":
                return plain(ReportCSV.render(r), contentType: "text/csv; charset=utf-8")
            case "html":
                let english = lang == "en"
                let html = fragment == "1" ? ReportHTML.body(r, english: english, timeZone: deps.timeZone)
                    : ReportHTML.render(r, english: english, timeZone: deps.timeZone)
                return plain(html, contentType: "text/html; charset=utf-8")
            default:
                return try json(r, encoder)
            }
        }
    }

    static let maxReportDays = 400.0

    /// `from` and `to` as dates (`2026-11-01`, local midnight; a date `to` includes that day) or RFC 3339
    /// times (`to` exclusive).
    static func reportQuery(from: String?, to: String?, level: String?, street: String?, timeZone: TimeZone) throws -> ReportQuery {
        func date(_ text: String?, _ name: String, endOfDay: Bool) throws -> Date {
            guard let text, !text.isEmpty else { throw BadRequest("\(name) is required: a date (2026-11-01) or an RFC 3339 time") }
            if let t = Timestamps.parse(text) { return t }
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard text.count == 10, parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else {
                throw BadRequest("\(name) must be a date (2026-11-01) or an RFC 3339 time, not \"\(text.prefix(40))\"")
            }
            let days = Timestamps.daysFromCivil(year: parts[0], month: parts[1], day: parts[2]) + (endOfDay ? 1 : 0)
            let utc = Date(timeIntervalSince1970: Double(days) * 86_400)
            return utc.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: utc)))
        }
        var start = try date(from, "from", endOfDay: false)
        let end = try date(to, "to", endOfDay: true)
        // What is computed is in the report's own from and to: a period ending before it starts is empty,
        // and one longer than 400 days is its last 400 (the CLI refuses both before asking).
        if end < start { start = end }
        if end.timeIntervalSince(start) > maxReportDays * 86_400 { start = end.addingTimeInterval(-maxReportDays * 86_400) }
        let levelText = level ?? "street"
        guard let l = ReportLevel(rawValue: levelText) else { throw BadRequest("level must be street, station or community, not \"\(levelText)\"") }
        if let street, !Device.isValidID(street) { throw BadRequest("street must be a street id") }
        return ReportQuery(from: start, to: end, level: l, street: street.flatMap { $0.isEmpty ? nil : $0 })
    }
}
