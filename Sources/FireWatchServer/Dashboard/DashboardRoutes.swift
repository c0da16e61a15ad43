import HTTPTypes
import Hummingbird
import NIOCore

/// `GET /` and its assets, served from strings compiled into the binary. The page needs no token; its
/// data comes through the API with the token from `#token=` (or a prompt).
enum DashboardRoutes {
    /// Scripts and styles only from this server: nothing from outside, nothing inline.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'"

    static func register(on router: Router<APIRequestContext>, deps: APIDependencies) {
        let page = ByteBuffer(string: DashboardPage.html(language: deps.dashboardLanguage))
        let assets: [String: (String, ByteBuffer)] = [
            "common.js": ("text/javascript; charset=utf-8", ByteBuffer(string: PageCommonScript.js)),
            "app.js": ("text/javascript; charset=utf-8", ByteBuffer(string: DashboardScript.js)),
            "map.js": ("text/javascript; charset=utf-8", ByteBuffer(string: DashboardMapScript.js)),
            "hazards.js": ("text/javascript; charset=utf-8", ByteBuffer(string: DashboardHazardsScript.js)),
            "station.js": ("text/javascript; charset=utf-8", ByteBuffer(string: StationScript.js)),
            "station.css": ("text/css; charset=utf-8", ByteBuffer(string: StationPage.css)),
            "labels.js": ("text/javascript; charset=utf-8", ByteBuffer(string: DashboardLabels.script)),
            "app.css": ("text/css; charset=utf-8", ByteBuffer(string: DashboardPage.css)),
            "reports.js": ("text/javascript; charset=utf-8", ByteBuffer(string: ReportsPage.js)),
            "report.css": ("text/css; charset=utf-8", ByteBuffer(string: ReportsPage.css)),
        ]
        router.get("/") { _, _ in
            Response(status: .ok, headers: headers("text/html; charset=utf-8"), body: ResponseBody(byteBuffer: page))
        }
        let stationPage = ByteBuffer(string: StationPage.html(language: deps.dashboardLanguage))
        router.get("/station") { _, _ in
            Response(status: .ok, headers: headers("text/html; charset=utf-8"), body: ResponseBody(byteBuffer: stationPage))
        }
        let reportsPage = ByteBuffer(string: ReportsPage.html(language: deps.dashboardLanguage))
        router.get("/reports") { _, _ in
            Response(status: .ok, headers: headers("text/html; charset=utf-8"), body: ResponseBody(byteBuffer: reportsPage))
        }
        router.get("/dashboard/:asset") { _, context -> Response in
            let name = try context.parameters.require("asset")
            guard let (type, body) = assets[name] else { return APIRouter.problem(.notFound, "no dashboard asset \"\(name)\"") }
            return Response(status: .ok, headers: headers(type), body: ResponseBody(byteBuffer: body))
        }
    }

    static func headers(_ contentType: String) -> HTTPFields {
        [
            .contentType: contentType, .cacheControl: "no-cache",
            HTTPField.Name("Content-Security-Policy")!: contentSecurityPolicy,
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        ]
    }
}
