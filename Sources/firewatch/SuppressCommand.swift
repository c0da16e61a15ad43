import ArgumentParser
import FireWatchClient
import FireWatchCore
import Foundation

/// `firewatch suppress DEVICE --reason test|maintenance --minutes N`: the device's alarms are recorded,
/// never dispatched, until then (`POST /api/v1/devices/{id}/suppress`).
struct Suppress: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Suppress a device's alarms from dispatch for a test or maintenance (测试/维保).")
    @OptionGroup var api: APIOptions
    @Argument(help: "Device id.") var device: String
    @Option(help: "test or maintenance.") var reason = "maintenance"
    @Option(help: "Minutes from now (1 to 10080).") var minutes: Int = 60
    @Option(help: "Who asks (default: the token's name).") var by: String?

    func validate() throws {
        guard reason == "test" || reason == "maintenance" else { throw ValidationError("--reason must be test or maintenance") }
        guard (1...10_080).contains(minutes) else { throw ValidationError("--minutes must be 1 to 10080") }
    }

    func run() async throws {
        var body: [String: JSONValue] = ["reason": .string(reason), "minutes": .number(Double(minutes))]
        if let by { body["by"] = .string(by) }
        let path = "/api/v1/devices/\(ServerAddress.segment(device))/suppress"
        printJSON(try await api.call { client throws(APIClientError) in try await client.post(path, json: body) })
    }
}
