import FireWatchCore
import FireWatchStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The HTTP API of INTERFACES.md on Hummingbird.
///
/// | routes | role |
/// | --- | --- |
/// | `/`, `/dashboard/*`, `/healthz`, `/readyz`, `/metrics`, `/api/v1/openapi.json` | none |
/// | GET `/api/v1/...` (events, alarms, cap, dispatches, hazards, hazard-index, stations, devices, whoami) | viewer |
/// | POST `/api/v1/hazards`, `/api/v1/hazards/{id}/rectify\|close` | inspector |
/// | POST `/api/v1/alarms/{id}/acknowledge\|confirm\|resolve`, `/api/v1/devices/{id}/suppress` | operator |
public enum APIRouter {
    /// Largest request body accepted (413 above): bodies are small JSON objects.
    public static let maxBodyBytes = 16 * 1024
    /// The newest event `seq` when a list was read: open the stream with `?after=` it to miss nothing.
    public static let eventSeqHeader = HTTPField.Name("X-Event-Seq")!

    public static func build(_ deps: APIDependencies) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        if let hosts = deps.allowedHosts { router.add(middleware: HostCheckMiddleware(allowed: hosts)) }
        router.add(middleware: APIErrorMiddleware())
        let encoder = Timestamps.encoder(timeZone: deps.timeZone)

        router.get("/healthz") { _, _ in plain("ok\n") }
        router.get("/readyz") { _, _ -> Response in
            guard let why = deps.readiness() else { return plain("ready\n") }
            return plain("not ready: \(why)\n", status: .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            plain(deps.metricsText(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("/api/v1/openapi.json") { _, _ in plain(OpenAPIDocument.json, contentType: "application/json; charset=utf-8") }
        DashboardRoutes.register(on: router, deps: deps)

        let viewer = router.group("/api/v1").add(middleware: APIAuthMiddleware(tokens: deps.tokens, minimum: .viewer))
        viewer.get("whoami") { _, context -> Response in
            let caller = context.caller ?? APICaller(name: "anonymous", role: .viewer)
            var who = ["name": caller.name, "role": caller.role.rawValue]
            if let station = caller.station { who["station"] = station }
            return try json(who, encoder)
        }
        viewer.get("alarms") { request, _ -> Response in
            let q = request.uri.queryParameters
            let state = q["state"].map(String.init) ?? "open"
            guard state == "open" || state == "all" else { throw BadRequest("state must be open or all, not \"\(state)\"") }
            let head = deps.store.eventSignal.position
            let alarms = try deps.store.alarms(openOnly: state == "open", street: q["street"].map(String.init))
            var response = try json(alarms, encoder)
            response.headers[eventSeqHeader] = String(head)
            return response
        }
        viewer.get("alarms/:id") { _, context -> Response in
            try json(try alarm(context, deps), encoder)
        }
        viewer.get("alarms/:id/cap") { _, context -> Response in
            let cap = CAPAlert(alarm: try alarm(context, deps), instance: deps.instance, timeZone: deps.timeZone)
            return plain(cap.xml, contentType: "application/cap+xml; charset=utf-8")
        }
        viewer.get("alarms/:id/dispatches") { _, context -> Response in
            let a = try alarm(context, deps)
            return try json(try deps.store.dispatches(alarmID: a.id), encoder)
        }
        viewer.get("stations") { _, _ -> Response in
            if let views = deps.stationViews { return try json(await views(), encoder) }
            return try json(await deps.stations(), encoder)
        }
        viewer.get("devices") { request, _ -> Response in
            let street = request.uri.queryParameters["street"].map(String.init)
            let devices = await deps.devices().filter { street == nil || $0.street == street }.sorted { $0.id < $1.id }
            return try json(devices, encoder)
        }
        viewer.get("devices/:id") { _, context -> Response in
            let id = try context.parameters.require("id")
            guard let device = await deps.device(id) else { return problem(.notFound, "no device \"\(id)\"") }
            return try json(device, encoder)
        }
        registerHazards(on: viewer, deps: deps, encoder: encoder)
        registerReports(on: viewer, deps: deps, encoder: encoder)
        EventStream.register(on: viewer, deps: deps)

        let stationsAndUp = router.group("/api/v1").add(middleware: APIAuthMiddleware(tokens: deps.tokens, minimum: .station))
        registerAnswer(on: stationsAndUp, deps: deps, encoder: encoder)

        let inspectors = router.group("/api/v1").add(middleware: APIAuthMiddleware(tokens: deps.tokens, minimum: .inspector))
        registerInspection(on: inspectors, deps: deps, encoder: encoder)

        let operators = router.group("/api/v1").add(middleware: APIAuthMiddleware(tokens: deps.tokens, minimum: .operator))
        registerActions(on: operators, deps: deps, encoder: encoder)
        registerNotify(on: operators, deps: deps, encoder: encoder)
        return router
    }

    /// The alarm named by the `:id` parameter, or a 404 that names it.
    static func alarm(_ context: APIRequestContext, _ deps: APIDependencies) throws -> Alarm {
        let id = try context.parameters.require("id")
        guard let alarm = try deps.store.alarm(id: id) else { throw AlarmActionError.notFound(id) }
        return alarm
    }

    /// A request the API cannot act on, with what to fix (400).
    struct BadRequest: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    static func json(_ value: some Encodable, _ encoder: JSONEncoder, status: HTTPResponse.Status = .ok) throws -> Response {
        var data = try encoder.encode(value)
        data.append(0x0A)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func plain(_ text: String, status: HTTPResponse.Status = .ok, contentType: String = "text/plain; charset=utf-8") -> Response {
        Response(status: status, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A JSON error that says what is wrong: `{"error": "..."}`.
    static func problem(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let body = (try? encoder.encode(["error": message])) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body + [0x0A])))
    }
}
