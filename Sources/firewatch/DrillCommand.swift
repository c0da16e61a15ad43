import ArgumentParser
import FireWatchClient
import FireWatchCore
import Foundation

/// `firewatch drill --station S [--device D]`: an exercise dispatch (联勤联训) the station answers as
/// usual; reported apart from live figures (`POST /api/v1/drills`).
struct Drill: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Send a station an exercise dispatch (演练) it answers as usual.")
    @OptionGroup var api: APIOptions
    @Option(help: "The station to test.") var station: String
    @Option(help: "Where the exercise fire is (a device id); default: at the station.") var device: String?
    @Option(help: "Who runs the drill (default: the token's name).") var by: String?

    func run() async throws {
        var body: [String: JSONValue] = ["station": .string(station)]
        if let device { body["device"] = .string(device) }
        if let by { body["by"] = .string(by) }
        let data = try await api.call { client throws(APIClientError) in try await client.post("/api/v1/drills", json: body) }
        guard api.language == .zh, let alarm = try? Timestamps.decoder().decode(Alarm.self, from: data) else { return printJSON(data) }
        print("演练已派出：警情 \(alarm.id)，站点 \(station)，地址 \(alarm.address)")
    }
}
