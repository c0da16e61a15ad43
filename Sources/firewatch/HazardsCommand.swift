import ArgumentParser
import FireWatchClient
import FireWatchCore
import Foundation

/// `firewatch hazards list|index|open|rectify|close`: a thin client of the HTTP API.
struct Hazards: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hazards (隐患) and the community hazard index.", subcommands: [List.self, Index.self, Open.self, Rectify.self, Close.self])

    /// Shared by rectify and close: `POST /api/v1/hazards/{id}/rectify|close`. Who acts is the token's name.
    struct ActionOptions: ParsableArguments {
        @OptionGroup var api: APIOptions
        @Argument(help: "Hazard id.") var id: String
        @Option(help: "A note for the hazard's history (what was fixed, how it was verified); rectify needs one.") var note: String?
        @Option(name: .customLong("photo"), help: "A JPEG or PNG of the fix (rectify; repeatable, at most 4).") var photos: [String] = []

        func send(_ kind: HazardAction.Kind) async throws {
            var body: [String: JSONValue] = [:]
            if let note { body["note"] = .string(note) }
            if !photos.isEmpty { body["photos"] = .array(try photos.map(PhotoFile.read)) }
            let path = "/api/v1/hazards/\(ServerAddress.segment(id))/\(kind.rawValue)"
            printJSON(try await api.call { client throws(APIClientError) in try await client.post(path, json: body) })
        }
    }

    struct Rectify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The hazard is reported fixed (已整改); someone else verifies and closes it.")
        @OptionGroup var action: ActionOptions
        func run() async throws { try await action.send(.rectify) }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The fix is verified (已销项): the hazard is closed (not by whoever rectified it).")
        @OptionGroup var action: ActionOptions
        func run() async throws { try await action.send(.close) }
    }

    /// `POST /api/v1/hazards`: a hazard found on patrol (防火巡查), by the token's holder (role inspector+).
    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a hazard found on patrol (防火巡查).")
        @OptionGroup var api: APIOptions
        @Option(help: "Patrol kind: \(HazardKind.patrolKinds.map(\.rawValue).joined(separator: ", ")).") var kind: String
        @Option(help: "Street id.") var street: String
        @Option(help: "Community id.") var community: String?
        @Option(help: "Unit id of the baseline register.") var unit: String?
        @Option(help: "A registered device it concerns.") var device: String?
        @Option(help: "Where exactly (free text).") var address: String?
        @Option(help: "Latitude (WGS84).") var lat: Double?
        @Option(help: "Longitude (WGS84).") var lon: Double?
        @Option(help: "What the patrol saw.") var description: String
        @Option(help: "Who must rectify it (default: the unit's responsible person).") var assignee: String?
        @Option(help: "The assignee's phone.") var assigneePhone: String?
        @Option(name: .customLong("photo"), help: "A JPEG or PNG (repeatable, at most 4).") var photos: [String] = []

        func validate() throws {
            guard let k = HazardKind(rawValue: kind), k.isPatrol else {
                throw ValidationError("--kind must be one of \(HazardKind.patrolKinds.map(\.rawValue).joined(separator: ", "))")
            }
            guard (lat == nil) == (lon == nil) else { throw ValidationError("--lat and --lon go together") }
            guard photos.count <= HazardPhoto.maxPerRequest else { throw ValidationError("at most \(HazardPhoto.maxPerRequest) --photo") }
        }

        func run() async throws {
            var body: [String: JSONValue] = ["kind": .string(kind), "street": .string(street), "description": .string(description)]
            for (key, value) in [("community", community), ("unit", unit), ("device", device), ("address", address)] {
                if let value { body[key] = .string(value) }
            }
            if let lat, let lon { body["location"] = .object(["lat": .number(lat), "lon": .number(lon)]) }
            if let assignee {
                var a: [String: JSONValue] = ["name": .string(assignee)]
                if let assigneePhone { a["phone"] = .string(assigneePhone) }
                body["assignee"] = .object(a)
            }
            if !photos.isEmpty { body["photos"] = .array(try photos.map(PhotoFile.read)) }
            printJSON(try await api.call { client throws(APIClientError) in try await client.post("/api/v1/hazards", json: body) })
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open hazards (or all with --all).")
        @OptionGroup var api: APIOptions
        @OptionGroup var list: ListOptions
        @Option(help: "Only this community id.") var community: String?
        @Option(help: "Only this unit id.") var unit: String?
        @Option(help: "Only these kinds (comma-separated).") var kind: String?
        @Option(help: "Only this state: open, rectified, closed, all.") var state: String?
        @Flag(help: "Only those past their deadline.") var overdue = false

        func validate() throws {
            if let state, !["open", "rectified", "closed", "all"].contains(state) { throw ValidationError("--state must be open, rectified, closed or all") }
            for k in (kind ?? "").split(separator: ",") where HazardKind(rawValue: String(k)) == nil { throw ValidationError("--kind: no hazard kind \"\(k)\"") }
        }

        func run() async throws {
            var query = list.query
            if let state { query = query.replacingOccurrences(of: list.all ? "state=all" : "state=open", with: "state=\(state)") }
            for (key, value) in [("community", community), ("unit", unit), ("kind", kind)] {
                if let value { query += "&\(key)=\(ServerAddress.segment(value))" }
            }
            if overdue { query += "&overdue=true" }
            let data = try await api.call { client throws(APIClientError) in try await client.get("/api/v1/hazards", query: query) }
            if list.json { return printJSON(data) }
            let names = await PlaceNames.fetch(try api.address())
            print(AlarmText(language: api.language, names: names).hazardTable(try objects(data)))
        }
    }

    struct Index: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The hazard index (社区安全隐患指数) by street or community.")
        @OptionGroup var api: APIOptions
        @Option(help: "street, community or unit.") var level = "street"
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            guard ["street", "community", "unit"].contains(level) else { throw ValidationError("--level must be street, community or unit") }
        }

        func run() async throws {
            let data = try await api.call { client throws(APIClientError) in try await client.get("/api/v1/hazard-index", query: "level=\(level)") }
            if json { return printJSON(data) }
            print(AlarmText(language: api.language).indexTable(try objects(data)))
        }
    }
}

/// A JSON array of objects, or exit 1.
func objects(_ data: Data) throws -> [[String: JSONValue]] {
    guard case .array(let items)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
        printError("firewatch: the server's answer is not a JSON array")
        throw Exit.failure
    }
    return items.compactMap { if case .object(let o) = $0 { o } else { nil } }
}

/// A photo file for the API: `{content_type, data_base64}` by its bytes' signature.
enum PhotoFile {
    static func read(_ path: String) throws -> JSONValue {
        guard let data = FileManager.default.contents(atPath: path) else {
            printError("firewatch: cannot read \(path)")
            throw Exit.failure
        }
        guard let type = HazardPhoto.ContentType(sniffing: data) else {
            printError("firewatch: \(path) is not a JPEG or PNG image")
            throw Exit.usage
        }
        return .object(["content_type": .string(type.rawValue), "data_base64": .string(data.base64EncodedString())])
    }
}
