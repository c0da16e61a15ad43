import ArgumentParser
import FireWatchClient
import FireWatchCore
import Foundation

/// `firewatch stations list`: a thin client of the HTTP API.
struct Stations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Micro fire stations (微型消防站).", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stations: status, open dispatches, and whether their street is covered.")
        @OptionGroup var api: APIOptions
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let data = try await api.call { client throws(APIClientError) in try await client.get("/api/v1/stations") }
            if json { return printJSON(data) }
            guard let stations = try? Timestamps.decoder().decode([Station].self, from: data) else {
                printError("firewatch: the server's station list is not the API's shape")
                throw Exit.failure
            }
            var extras: [String: [String: JSONValue]] = [:]
            for o in try objects(data) { if case .string(let id)? = o["id"] { extras[id] = o } }
            print(AlarmText(language: api.language).stationTable(stations, extras: extras))
        }
    }
}
