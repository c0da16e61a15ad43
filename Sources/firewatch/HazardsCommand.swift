import ArgumentParser
import FireWatchClient
import FireWatchCore
import Foundation

/// `firewatch hazards list|index`: a thin client of the HTTP API.
struct Hazards: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hazards (隐患) and the community hazard index.", subcommands: [List.self, Index.self])

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
