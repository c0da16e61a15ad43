import ArgumentParser
import FireWatchDaemon
import Foundation

/// `firewatchd [--config PATH] [--check-config] [--version]`
@main
struct FirewatchDaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "firewatchd",
        abstract: "FireWatch daemon: MQTT fire-safety sensors in, alarms and micro-station dispatch out.",
        version: FireWatchVersion.current)

    @Option(name: .long, help: "Config file (default: $FIREWATCH_CONFIG, /etc/firewatch/firewatch.yaml, Config/firewatch.yaml).")
    var config: String?

    @Flag(name: .long, help: "Load config, definitions, registry and stations; print problems with file:line; exit 78 if any.")
    var checkConfig = false

    func run() async throws {
        let path = Configuration.locate(explicit: config)
        if checkConfig {
            throw ExitCode(Daemon.checkConfig(path: path))
        }
        do {
            try await Daemon.run(configPath: path)
        } catch let error as any SourceErrorDescribing {
            FileHandle.standardError.write(Data("firewatchd: \(error.describedForUser)\n".utf8))
            throw ExitCode(78)
        }
    }
}
