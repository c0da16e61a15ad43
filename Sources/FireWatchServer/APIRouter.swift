import FireWatchCore
import FireWatchStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The HTTP API of INTERFACES.md on Hummingbird.
public enum APIRouter {
    public static func build(_ deps: APIDependencies) -> Router<BasicRequestContext> {
        let router = Router()
        let encoder = Timestamps.encoder(timeZone: deps.timeZone)

        router.get("/healthz") { _, _ in plain("ok\n") }
        router.get("/readyz") { _, _ -> Response in
            deps.isReady() ? plain("ready\n") : plain("not ready: broker not connected or store not writable\n", status: .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            plain(deps.metricsText(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("/api/v1/alarms") { request, _ -> Response in
            let q = request.uri.queryParameters
            let state = q["state"].map(String.init) ?? "open"
            guard state == "open" || state == "all" else { return problem(.badRequest, "state must be open or all") }
            let alarms = try deps.store.alarms(openOnly: state == "open", street: q["street"].map(String.init))
            return try json(alarms, encoder)
        }
        router.get("/api/v1/alarms/:id") { _, context -> Response in
            let id = try context.parameters.require("id")
            guard let alarm = try deps.store.alarm(id: id) else { return problem(.notFound, "no alarm \"\(id)\"") }
            return try json(alarm, encoder)
        }
        router.get("/api/v1/stations") { _, _ -> Response in try json(await deps.stations(), encoder) }
        router.get("/api/v1/devices/:id") { _, context -> Response in
            let id = try context.parameters.require("id")
            guard let device = await deps.device(id) else { return problem(.notFound, "no device \"\(id)\"") }
            return try json(device, encoder)
        }
        EventStream.register(on: router, deps: deps)
        return router
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
        let body = (try? JSONEncoder().encode(["error": message])) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body + [0x0A])))
    }
}
