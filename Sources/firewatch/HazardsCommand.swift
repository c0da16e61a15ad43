import ArgumentParser
import FireWatchClient
import FireWatchCore
import Foundation

/// `firewatch hazards list|index|rectify|close`: a thin client of the HTTP API.
struct Hazards: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hazards (隐患) and the community hazard index.", subcommands: [List.self, Index.self, Rectify.self, Close.self])

    /// Shared by rectify and close: `POST /api/v1/hazards/{id}/rectify|close`.
    struct ActionOptions: ParsableArguments {
        @OptionGroup var api: APIOptions
        @Argument(help: "Hazard id.") var id: String
        @Option(help: "Who acts (default: the token's name).") var by: String?
        @Option(help: "A note for the hazard's history (what was fixed, how it was verified).") var note: String?

        func send(_ kind: HazardAction.Kind) async throws {
            var body: [String: JSONValue] = [:]
            if let by { body["by"] = .string(by) }
            if let note { body["note"] = .string(note) }
            let path = "/api/v1/hazards/\(ServerAddress.segment(id))/\(kind.rawValue)"
            printJSON(try await api.call { client throws(APIClientError) in try await client.post(path, json: body) })
        }
    }

    struct Rectify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The hazard is reported fixed (已整改); it closes once verified.")
        @OptionGroup var action: ActionOptions
        func run() async throws { try await action.send(.rectify) }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The fix is verified (已销项): the hazard is closed.")
        @OptionGroup var action: ActionOptions
        func run() async throws { try await action.send(.close) }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open hazards (or all with --all).")
        @OptionGroup var api: APIOptions
        @OptionGroup var list: ListOptions

        func run() async throws {
            guard let data = try await list.fetch("/api/v1/hazards", api) else { return }
            print(AlarmText(language: api.language).hazardTable(try objects(data)))
        }
    }

    struct Index: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The hazard index (社区安全隐患指数) by street or community.")
        @OptionGroup var api: APIOptions
        @Option(help: "street or community.") var level = "street"
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            guard level == "street" || level == "community" else { throw ValidationError("--level must be street or community") }
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
