import FireWatchCore
import Foundation
import Hummingbird

extension APIRouter {
    /// `POST /api/v1/dispatches/{id}/answer` (INTERFACES.md): a `station` token for its own station's
    /// dispatches (403 for any other), an operator for any; the checks and effects of an answer over MQTT.
    static func registerAnswer(on routes: RouterGroup<APIRequestContext>, deps: APIDependencies, encoder: JSONEncoder) {
        routes.post("dispatches/:id/answer") { request, context -> Response in
            let id = try context.parameters.require("id")
            let body = try await RequestFields.read(request, allowed: ["status", "cause", "note"])
            guard let text = try body.string("status"), let status = DispatchAnswer.Status(rawValue: text) else {
                throw BadRequest("status is required: accepted, declined, on_scene or resolved")
            }
            var cause: AlarmResolution?
            if let c = try body.string("cause") {
                guard let r = AlarmResolution(rawValue: c) else {
                    throw BadRequest("cause must be one of \(AlarmResolution.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(c)\"")
                }
                cause = r
            }
            guard let answer = deps.answer, let stationOf = deps.dispatchStation else { return notYet("dispatch answers") }
            let caller = context.caller ?? APICaller(name: "anonymous", role: .viewer)
            guard caller.role == .station || caller.role == .operator else {
                return problem(.forbidden, "token \"\(caller.name)\" has role \(caller.role.rawValue); answering a dispatch needs a station token or operator")
            }
            guard let order = try deps.store.dispatch(id: id) else { return problem(.notFound, "no dispatch \"\(id)\"") }
            if caller.role == .station, caller.station != order.stationID {
                return problem(.forbidden, "dispatch \(id) was sent to \(order.stationID); token \"\(caller.name)\" answers for \(caller.station ?? "no station")")
            }
            guard await stationOf(id) != nil else { throw AlarmActionError.conflict("dispatch \(id) is no longer awaiting an answer") }
            if let refusal = try await answer(DispatchAnswer(
                dispatchID: id, status: status, cause: cause, note: try body.string("note", maxLength: 1000), by: caller.name)) {
                throw AlarmActionError.conflict(refusal)
            }
            guard let alarm = try deps.store.alarm(id: order.alarmID) else { throw AlarmActionError.notFound(order.alarmID) }
            return try json(alarm, encoder)
        }
    }
}
