import FireWatchCore
import Foundation
import Hummingbird

extension APIRouter {
    /// Reading hazards, their photos, the index and the geography (viewer); answered by the hazard
    /// pipeline's closures, 501 until it provides them.
    static func registerHazards(on routes: RouterGroup<APIRequestContext>, deps: APIDependencies, encoder: JSONEncoder) {
        routes.get("hazards") { request, _ -> Response in
            guard let hazards = deps.hazards else { return notYet("the hazard list") }
            let head = deps.store.eventSignal.position
            var response = try json(try await hazards(try hazardQuery(request.uri.queryParameters)), encoder)
            response.headers[eventSeqHeader] = String(head)
            return response
        }
        routes.get("hazards/:id") { _, context -> Response in
            let id = try context.parameters.require("id")
            guard let find = deps.hazard else { return notYet("hazards") }
            guard let hazard = try find(id) else { throw HazardActionError.notFound(id) }
            return try json(hazard, encoder)
        }
        routes.get("hazards/:id/photos/:n") { _, context -> Response in
            let id = try context.parameters.require("id")
            let text = try context.parameters.require("n")
            guard let n = Int(text), n >= 0, n < HazardPhoto.maxCount else {
                throw BadRequest("photo number must be 0 to \(HazardPhoto.maxCount - 1), not \"\(text)\"")
            }
            guard let find = deps.photo else { return notYet("hazard photos") }
            guard let photo = try find(id, n) else { return problem(.notFound, "hazard \"\(id)\" has no photo \(n)") }
            return Response(
                status: .ok,
                headers: [.contentType: photo.contentType.rawValue, .cacheControl: "private, max-age=86400", .contentDisposition: "inline"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: photo.data)))
        }
        routes.get("hazard-index") { request, _ -> Response in
            let text = request.uri.queryParameters["level"].map(String.init) ?? "street"
            guard let level = HazardIndexLevel(rawValue: text) else { throw BadRequest("level must be street, community or unit, not \"\(text)\"") }
            guard let index = deps.hazardIndex else { return notYet("the hazard index") }
            return try json(try await index(level), encoder)
        }
        routes.get("geography") { _, _ -> Response in
            guard let geography = deps.geography else { return notYet("the geography") }
            return try json(GeographyView(await geography()), encoder)
        }
    }

    /// Opening patrol hazards and moving hazards on (inspector and above). Who acts is the token's
    /// name, never a body field: the four-eyes rule (rectify and close by different people) rests on it.
    static func registerInspection(on routes: RouterGroup<APIRequestContext>, deps: APIDependencies, encoder: JSONEncoder) {
        routes.post("hazards") { request, context -> Response in
            let body = try await RequestFields.read(
                request, allowed: ["kind", "street", "community", "unit", "device", "location", "address", "description", "photos", "assignee"],
                limit: HazardPhoto.maxRequestBytes)
            guard let open = deps.openPatrol else { return notYet("patrol hazards") }
            let hazard = try await open(try patrolReport(body), try actor(context))
            return try json(hazard, encoder, status: .created)
        }
        // Hazards to verified closure (隐患动态清零): rectify = reported fixed (a note, maybe photos), close = fix verified.
        for kind in HazardAction.Kind.allCases {
            routes.post("hazards/:id/\(kind.rawValue)") { request, context -> Response in
                let id = try context.parameters.require("id")
                let body = kind == .rectify
                    ? try await RequestFields.read(request, allowed: ["note", "photos"], limit: HazardPhoto.maxRequestBytes)
                    : try await RequestFields.read(request, allowed: ["note"])
                guard let act = deps.hazardAct else { return notYet("hazard \(kind.rawValue)") }
                let action = HazardAction(
                    hazardID: id, kind: kind, by: try actor(context), note: try body.string("note", maxLength: 1000),
                    photos: try photos(body))
                return try json(try await act(action), encoder)
            }
        }
    }

    /// The person acting: the token's name (`loopback` cannot act: POSTs need a tokens file).
    static func actor(_ context: APIRequestContext) throws -> String {
        guard let name = context.caller?.name, !name.isEmpty else { throw BadRequest("no caller: send a token") }
        return name
    }

    static func hazardQuery(_ q: Parameters) throws -> HazardQuery {
        let state = q["state"].map(String.init) ?? "open"
        var query: HazardQuery
        switch state {
        case "open", "all": query = HazardQuery(openOnly: state == "open")
        case "rectified", "closed":
            query = HazardQuery(openOnly: false)
            query.state = HazardState(rawValue: state)
        default: throw BadRequest("state must be open, rectified, closed or all, not \"\(state)\"")
        }
        query.street = q["street"].map(String.init)
        query.community = q["community"].map(String.init)
        query.unit = q["unit"].map(String.init)
        if let kinds = q["kind"], kinds.isEmpty { throw BadRequest("kind must name at least one hazard kind") }
        for name in q["kind"].map({ String($0).split(separator: ",", omittingEmptySubsequences: false) }) ?? [] {
            guard let kind = HazardKind(rawValue: String(name)) else { throw BadRequest("no hazard kind \"\(name)\"") }
            query.kinds.insert(kind)
        }
        if let text = q["overdue"].map(String.init) {
            guard text == "true" || text == "false" else { throw BadRequest("overdue must be true or false, not \"\(text)\"") }
            query.overdue = text == "true"
        }
        if let text = q["source"].map(String.init) {
            guard let source = Hazard.Source(rawValue: text) else { throw BadRequest("source must be sensor or patrol, not \"\(text)\"") }
            query.source = source
        }
        return query
    }

    /// `POST /api/v1/hazards`'s body (INTERFACES.md).
    static func patrolReport(_ body: RequestFields) throws -> PatrolReport {
        guard let kindText = try body.string("kind") else {
            throw BadRequest("kind is required: one of \(HazardKind.patrolKinds.map(\.rawValue).joined(separator: ", "))")
        }
        guard let kind = HazardKind(rawValue: kindText) else { throw BadRequest("no hazard kind \"\(kindText)\"") }
        guard let street = try body.string("street"), !street.isEmpty else { throw BadRequest("street is required") }
        guard Device.isValidID(street) else { throw BadRequest("street must be a street id ([A-Za-z0-9_.-], at most 64)") }
        let blank = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}"))
        guard let description = try body.string("description", maxLength: 2000), !description.trimmingCharacters(in: blank).isEmpty else {
            throw BadRequest("description is required: what the patrol saw")
        }
        var location: GeoPoint?
        if let value = body.fields["location"], value != .null {
            guard case .object(let o) = value, case .number(let lat)? = o["lat"], case .number(let lon)? = o["lon"], o.count == 2,
                  GeoPoint(lat: lat, lon: lon).isValid
            else { throw BadRequest("location must be {\"lat\": number, \"lon\": number} on the globe") }
            location = GeoPoint(lat: lat, lon: lon)
        }
        var assignee: Contact?
        if let value = body.fields["assignee"], value != .null {
            guard case .object(let o) = value, case .string(let name)? = o["name"], !name.isEmpty, name.count <= 100,
                  Set(o.keys).isSubset(of: ["name", "phone"])
            else { throw BadRequest("assignee must be {\"name\": text, \"phone\"?: text}") }
            var phone: String?
            if let p = o["phone"], p != .null {
                guard case .string(let text) = p, text.count <= 30 else { throw BadRequest("assignee.phone must be text of at most 30 characters") }
                phone = text
            }
            assignee = Contact(name: name, phone: phone)
        }
        func given(_ name: String, maxLength: Int = 100) throws -> String? {
            try body.string(name, maxLength: maxLength).flatMap { $0.isEmpty ? nil : $0 }
        }
        /// An id the registry or the geography could hold: never control characters or spaces.
        func id(_ name: String) throws -> String? {
            let value = try given(name)
            if let value, !Device.isValidID(value) { throw BadRequest("\(name) must be an id ([A-Za-z0-9_.-], at most 64)") }
            return value
        }
        return PatrolReport(
            kind: kind, street: street, community: try id("community"), unit: try id("unit"),
            device: try id("device"), location: location, address: try given("address", maxLength: 500),
            description: description, photos: try photos(body), assignee: assignee)
    }

    /// `photos: [{content_type, data_base64}]`, each checked (type, signature, size).
    static func photos(_ body: RequestFields) throws -> [PhotoUpload] {
        guard let value = body.fields["photos"], value != .null else { return [] }
        guard case .array(let items) = value else { throw BadRequest("photos must be a list of {content_type, data_base64}") }
        guard items.count <= HazardPhoto.maxPerRequest else { throw BadRequest("at most \(HazardPhoto.maxPerRequest) photos per request, not \(items.count)") }
        return try items.enumerated().map { i, item in
            guard case .object(let o) = item, case .string(let type)? = o["content_type"], case .string(let data)? = o["data_base64"],
                  o.count == 2
            else { throw BadRequest("photo \(i): must be {\"content_type\": \"image/jpeg|image/png\", \"data_base64\": ...}") }
            do { return try HazardPhoto.validated(declared: type, base64: data, position: i) } catch let error as PhotoError { throw BadRequest(error.description) }
        }
    }
}

/// `GET /api/v1/geography`: streets with their communities, and the units.
struct GeographyView: Encodable {
    var streets: [Geography.Place]
    var units: [BaselineUnit]

    init(_ g: Geography) {
        streets = g.streets
        units = g.units.values.sorted { $0.id < $1.id }
    }
}
