import ArgumentParser
import FireWatchClient
import FireWatchCore
import FireWatchDaemon
import FireWatchReports
import FireWatchStore
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
    @Option(help: "Compute here from the store, registry and stations this configuration names, without a daemon.") var config: String?

    func validate() throws {
        guard ["street", "station", "community"].contains(level) else { throw ValidationError("--level must be street, station or community") }
        guard ["html", "csv", "json"].contains(format) else { throw ValidationError("--format must be html, csv or json") }
        // Dates compare as text; the server clamps what it is given, so say it here.
        if from.count == 10, to.count == 10, to < from { throw ValidationError("--to (\(to)) is before --from (\(from))") }
    }

    func run() async throws {
        let data: Data
        if let config { data = try local(config) } else { data = try await remote() }
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

    /// From the daemon's API.
    func remote() async throws -> Data {
        var query = "from=\(ServerAddress.segment(from))&to=\(ServerAddress.segment(to))&level=\(level)&format=\(format)"
        if let street { query += "&street=\(ServerAddress.segment(street))" }
        if format == "html" { query += "&lang=\(api.language == .zh ? "zh" : "en")" }
        let q = query
        return try await api.call { client throws(APIClientError) in try await client.get("/api/v1/reports", query: q) }
    }

    /// From the store the configuration names (read-only), as the daemon computes it; the time it took on stderr.
    func local(_ path: String) throws -> Data {
        let started = Date()
        let setup: LoadedSetup
        let store: SQLiteStore
        let q: ReportQuery
        do {
            setup = try LoadedSetup.load(configPath: path)
            store = try SQLiteStore(path: setup.config.sqlitePath, timeZone: setup.config.timeZone)
            q = try ReportQuery.parse(from: from, to: to, level: level, street: street, timeZone: setup.config.timeZone)
        } catch {
            printError("firewatch: \(error)")
            throw Exit.badConfig
        }
        let report = try ReportSource.report(
            q, store: store, devices: Array(setup.registry.devices.values), stations: setup.stations.stations,
            geography: setup.geography.geography, etaTargetSeconds: setup.config.dispatch.etaTargetSeconds, timeZone: setup.config.timeZone)
        let built = Date()
        let data: Data
        switch format {
        case "csv": data = Data(ReportCSV.render(report).utf8)
        case "html": data = Data(ReportHTML.render(report, english: api.language == .en, timeZone: setup.config.timeZone).utf8)
        default:
            let encoder = Timestamps.encoder(timeZone: setup.config.timeZone)
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            data = try encoder.encode(report)
        }
        printError(String(format: "report: %d entries from %d alarms read and built in %.3f s, rendered in %.3f s",
                          report.entries.count, report.entries.reduce(0) { $0 + $1.alarms }, built.timeIntervalSince(started), Date().timeIntervalSince(built)))
        return data
    }
}
