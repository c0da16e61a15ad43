import ArgumentParser
import FireWatchClient
import FireWatchCore
import Foundation

/// `firewatch report --from --to [--level] [--street] [--format html|csv|json] [--out F]`: the
/// assessment report from a running daemon (`GET /api/v1/reports`), to stdout or a file.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Assessment report (督导考核) per street, station or community for a period, compared with the one before.")
    @OptionGroup var api: APIOptions
    @Option(help: "First day (2026-11-01) or an RFC 3339 time.") var from: String
    @Option(help: "Last day, included (2026-11-30), or an RFC 3339 time (excluded).") var to: String
    @Option(help: "street, station or community.") var level = "street"
    @Option(help: "Only this street's entries.") var street: String?
    @Option(help: "html, csv or json.") var format = "html"
    @Option(help: "Write to this file instead of stdout.") var out: String?

    func validate() throws {
        guard ["street", "station", "community"].contains(level) else { throw ValidationError("--level must be street, station or community") }
        guard ["html", "csv", "json"].contains(format) else { throw ValidationError("--format must be html, csv or json") }
        // Dates compare as text; the server clamps what it is given, so say it here.
        if from.count == 10, to.count == 10, to < from { throw ValidationError("--to (\(to)) is before --from (\(from))") }
    }

    func run() async throws {
        var query = "from=\(ServerAddress.segment(from))&to=\(ServerAddress.segment(to))&level=\(level)&format=\(format)"
        if let street { query += "&street=\(ServerAddress.segment(street))" }
        if format == "html" { query += "&lang=\(api.language == .zh ? "zh" : "en")" }
        let q = query
        let data = try await api.call { client throws(APIClientError) in try await client.get("/api/v1/reports", query: q) }
        guard let out else {
            FileHandle.standardOutput.write(data)
            return
        }
        do { try data.write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
            printError("firewatch: cannot write \(out): \(error.localizedDescription)")
            throw Exit.failure
        }
        printError(api.language == .zh ? "已写入 \(out)（\(data.count) 字节）" : "wrote \(out) (\(data.count) bytes)")
    }
}
