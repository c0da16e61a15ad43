import Foundation
import Hummingbird

extension APIRouter {
    /// `GET /api/v1/hazards?state=open|all&street=S` and `GET /api/v1/hazard-index?level=street|community`:
    /// answered by the hazard pipeline's closures, 501 until it provides them.
    static func registerHazards(on routes: RouterGroup<APIRequestContext>, deps: APIDependencies, encoder: JSONEncoder) {
        routes.get("hazards") { request, _ -> Response in
            let q = request.uri.queryParameters
            let state = q["state"].map(String.init) ?? "open"
            guard state == "open" || state == "all" else { throw BadRequest("state must be open or all, not \"\(state)\"") }
            guard let hazards = deps.hazards else { return notYet("the hazard list") }
            let head = deps.store.eventSignal.position
            var response = try json(try await hazards(HazardQuery(openOnly: state == "open", street: q["street"].map(String.init))), encoder)
            response.headers[eventSeqHeader] = String(head)
            return response
        }
        routes.get("hazard-index") { request, _ -> Response in
            let text = request.uri.queryParameters["level"].map(String.init) ?? "street"
            guard let level = HazardIndexLevel(rawValue: text) else { throw BadRequest("level must be street or community, not \"\(text)\"") }
            guard let index = deps.hazardIndex else { return notYet("the hazard index") }
            return try json(try await index(level), encoder)
        }
    }
}
