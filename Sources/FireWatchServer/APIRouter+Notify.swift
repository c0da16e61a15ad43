import FireWatchCore
import Foundation
import Hummingbird

/// One outbound target as `GET /api/v1/notify` shows it (never its secret).
public struct NotifyTargetView: Encodable, Sendable {
    public var name: String
    public var format: String
    public var url: String
    public var pending = 0, delivered = 0, dead = 0

    public init(name: String, format: String, url: String) {
        self.name = name
        self.format = format
        self.url = url
    }
}

extension APIRouter {
    /// `GET /api/v1/notify` (deliveries and dead letters) and `POST /api/v1/notify/retry` (operator).
    static func registerNotify(on routes: RouterGroup<APIRequestContext>, deps: APIDependencies, encoder: JSONEncoder) {
        routes.get("notify") { request, _ -> Response in
            let q = request.uri.queryParameters
            var state: OutboxDelivery.State?
            if let text = q["state"].map(String.init) {
                guard let s = OutboxDelivery.State(rawValue: text) else { throw BadRequest("state must be pending, delivered or dead, not \"\(text)\"") }
                state = s
            }
            let limit = try q["limit"].map { text -> Int in
                guard let n = Int(text), (1...10_000).contains(n) else { throw BadRequest("limit must be 1 to 10000") }
                return n
            } ?? 200
            let counts = try deps.store.outboxCounts()
            var targets = deps.notifyTargets?() ?? []
            for i in targets.indices {
                let c = counts[targets[i].name] ?? [:]
                targets[i].pending = c[.pending] ?? 0
                targets[i].delivered = c[.delivered] ?? 0
                targets[i].dead = c[.dead] ?? 0
                // The MQTT outbox keeps a message only until the broker's PUBACK: pending is all it has.
                if targets[i].format == "mqtt" { targets[i].pending = try deps.store.outboundBacklog().count }
            }
            let deliveries = try deps.store.deliveries(state: state, target: q["target"].map(String.init), limit: limit)
            return try json(NotifyView(targets: targets, deliveries: deliveries), encoder)
        }
        routes.post("notify/retry") { request, _ -> Response in
            let body = try await RequestFields.read(request, allowed: ["target", "delivery_ids"])
            var ids: [String] = []
            if let value = body.fields["delivery_ids"], value != .null {
                guard case .array(let items) = value, items.count <= 100 else { throw BadRequest("delivery_ids must be a list of at most 100 delivery ids") }
                ids = try items.map { item in
                    guard case .string(let s) = item, !s.isEmpty, s.count <= 100 else { throw BadRequest("delivery_ids must be a list of delivery ids") }
                    return s
                }
            }
            let n = try deps.store.retryDead(target: try body.string("target").flatMap { $0.isEmpty ? nil : $0 }, deliveryIDs: ids)
            return try json(["requeued": n], encoder)
        }
    }
}

struct NotifyView: Encodable {
    var targets: [NotifyTargetView]
    var deliveries: [OutboxDelivery]
}
