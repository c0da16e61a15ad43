import FireWatchCore
import FireWatchReports
import Foundation
import Hummingbird
import Synchronization

/// Reports being computed now (at most two).
let reportsInFlight = Mutex(0)

extension APIRouter {
    /// `GET /api/v1/reports` (viewer): JSON, CSV or a stand-alone HTML report; `fragment=1` gives the
    /// HTML body alone (the `/reports` page shows it).
    static func registerReports(on routes: RouterGroup<APIRequestContext>, deps: APIDependencies, encoder: JSONEncoder) {
        routes.get("reports") { request, _ -> Response in
            let q = request.uri.queryParameters
            let query: ReportQuery
            do throws(ReportQueryError) {
                query = try ReportQuery.parse(from: q["from"].map(String.init), to: q["to"].map(String.init), level: q["level"].map(String.init),
                                              street: q["street"].map(String.init), timeZone: deps.timeZone)
            } catch { throw BadRequest(error.description) }
            let format = q["format"].map(String.init) ?? "json"
            guard ["json", "csv", "html"].contains(format) else { throw BadRequest("format must be json, csv or html, not \"\(format)\"") }
            let lang = q["lang"].map(String.init) ?? "zh"
            guard lang == "zh" || lang == "en" else { throw BadRequest("lang must be zh or en") }
            let fragment = q["fragment"].map(String.init)
            guard fragment == nil || fragment == "1" else { throw BadRequest("fragment must be 1 or absent") }
            guard let report = deps.report else { return notYet("reports") }
            // A report reads a period's records: two at a time, so viewers cannot take the daemon's threads.
            guard reportsInFlight.withLock({ n -> Bool in
                guard n < 2 else { return false }
                n += 1
                return true
            }) else { return problem(.tooManyRequests, "two reports are being computed; try again in a few seconds") }
            defer { reportsInFlight.withLock { $0 -= 1 } }
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
}
