import ArgumentParser

/// `firewatch`: the operator, vendor and tooling CLI.
@main
struct Firewatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "firewatch",
        abstract: "FireWatch operator, vendor and tooling CLI.",
        subcommands: [Tail.self, Alarms.self, Hazards.self, Stations.self, Devices.self, Decode.self, Journal.self, Database.self, Simulate.self, Suppress.self, Notify.self, Report.self, Drill.self, BenchDecode.self, Broker.self])
}
