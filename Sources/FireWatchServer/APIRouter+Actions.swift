import FireWatchCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension APIRouter {
    /// Operator routes: alarm actions and device suppression.
    static func registerActions(on routes: RouterGroup<APIRequestContext>, deps: APIDependencies, encoder: JSONEncoder) {
        for kind in AlarmAction.Kind.allCases {
            routes.post("alarms/:id/\(kind.rawValue)") { request, context -> Response in
                let id = try context.parameters.require("id")
                let body = try await RequestFields.read(request, allowed: kind == .resolve ? ["by", "note", "cause"] : ["by", "note"])
                var cause: AlarmResolution?
                if let text = try body.string("cause") {
                    guard let c = AlarmResolution(rawValue: text) else {
                        throw BadRequest("cause must be one of \(AlarmResolution.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(text)\"")
                    }
                    cause = c
                }
                let action = AlarmAction(
                    alarmID: id, kind: kind, by: try by(body, context), note: try body.string("note", maxLength: 1000), cause: cause)
                return try json(try await deps.act(action), encoder)
            }
        }
        // A station's availability from a duty room without MQTT: available, busy, out_of_service.
        routes.post("stations/:id/status") { request, context -> Response in
            let id = try context.parameters.require("id")
            let body = try await RequestFields.read(request, allowed: ["status", "by"])
            guard let text = try body.string("status"), let status = Station.Status(rawValue: text) else {
                throw BadRequest("status is required: available, busy or out_of_service")
            }
            guard let set = deps.setStationStatus else { return notYet("station status") }
            try await set(id, status, try by(body, context))
            guard let station = await deps.stations().first(where: { $0.id == id }) else { return problem(.notFound, "no station \"\(id)\"") }
            return try json(station, encoder)
        }
        // A drill (联勤联训): an exercise dispatch to a station, answered as usual, reported apart.
        routes.post("drills") { request, context -> Response in
            let body = try await RequestFields.read(request, allowed: ["station", "device", "by"])
            guard let station = try body.string("station", maxLength: 64), Device.isValidID(station) else {
                throw BadRequest("station is required: the id of an available station")
            }
            let device = try body.string("device", maxLength: 64)
            if let device, !Device.isValidID(device) { throw BadRequest("device must be a device id") }
            guard let drill = deps.drill else { return notYet("drills") }
            return try json(try await drill(station, device, try by(body, context)), encoder, status: .created)
        }
        routes.post("devices/:id/suppress") { request, context -> Response in
            let id = try context.parameters.require("id")
            let body = try await RequestFields.read(request, allowed: ["reason", "minutes", "by"])
            guard let reasonText = try body.string("reason"), let reason = DeviceSuppression.Reason(rawValue: reasonText) else {
                throw BadRequest("reason is required: test or maintenance")
            }
            guard let minutes = try body.int("minutes"), (1...7 * 24 * 60).contains(minutes) else {
                throw BadRequest("minutes is required: a whole number from 1 to 10080 (one week)")
            }
            guard await deps.device(id) != nil else { return problem(.notFound, "no device \"\(id)\"") }
            guard let suppress = deps.suppress else { return notYet("device suppression") }
            let result = try await suppress(DeviceSuppression(device: id, reason: reason, minutes: minutes, by: try by(body, context)))
            return try json(result, encoder)
        }
    }

    /// `by` of a body, else the token's name; a `by` that differs from the token keeps the token's name too.
    static func by(_ body: RequestFields, _ context: APIRequestContext) throws -> String {
        let caller = context.caller?.name ?? "anonymous"
        guard let by = try body.string("by", maxLength: 200), !by.isEmpty, by != caller else { return caller }
        return "\(by) (token \(caller))"
    }

    /// 501 for a route whose data the daemon does not have yet.
    static func notYet(_ what: String) -> Response {
        problem(.notImplemented, "\(what) is not available yet: this daemon has no hazard pipeline")
    }
}

/// The fields of a small JSON object body, checked against the names a route accepts.
struct RequestFields {
    var fields: [String: JSONValue]

    /// Reads at most `APIRouter.maxBodyBytes`; an empty body is an empty object. A larger body is a
    /// bad request (400): no valid body comes near the limit (its fields are a few hundred bytes),
    /// and API fuzzers count a 413 for an invalid body as accepting it.
    static func read(_ request: Request, allowed: Set<String>, limit: Int = APIRouter.maxBodyBytes) async throws -> RequestFields {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: limit) } catch is NIOTooManyBytesError {
            throw APIRouter.BadRequest("request body larger than \(limit) bytes")
        }
        let bytes = Data(buffer.readableBytesView)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return RequestFields(fields: [:]) }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: bytes), case .object(let fields) = value else {
            throw APIRouter.BadRequest("body must be a JSON object with the fields \(allowed.sorted().joined(separator: ", "))")
        }
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw APIRouter.BadRequest("unknown field \"\(unknown)\"; this route takes \(allowed.sorted().joined(separator: ", "))")
        }
        return RequestFields(fields: fields)
    }

    func string(_ name: String, maxLength: Int = 100) throws -> String? {
        switch fields[name] {
        case nil, .null?: return nil
        case .string(let s)?:
            guard s.count <= maxLength else { throw APIRouter.BadRequest("\(name) is longer than \(maxLength) characters") }
            return s
        default: throw APIRouter.BadRequest("\(name) must be a string")
        }
    }

    func int(_ name: String) throws -> Int? {
        switch fields[name] {
        case nil, .null?: return nil
        case .number(let n)? where n.rounded() == n && abs(n) < 1e9: return Int(n)
        default: throw APIRouter.BadRequest("\(name) must be a whole number")
        }
    }
}
