import ArgumentParser
import FireWatchCore
import FireWatchDaemon
import FireWatchDecoders
import FireWatchGB26875Server
import FireWatchMQTT
import FireWatchStore
import Foundation

/// `firewatch simulate --broker URL [--registry F] [--rate R] [--duration D] [--scenario F]`:
/// publishes realistic device traffic, each message in its model's own payload format.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Publish device traffic for a fleet: routine reports, plus a scripted scenario.",
        discussion: "Scenarios: seeds/putuo/scenarios/ (quiet-day, kitchen-fire, electrical-leak, street-offline, alarm-flood).")
    @Option(help: "Broker URL (mqtt://host:port).") var broker = "mqtt://127.0.0.1:1883"
    @Option(help: "Device registry (YAML or CSV).") var registry = "seeds/putuo/devices.yaml"
    @Option(help: "Definitions folder.") var devices = "Devices"
    @Option(help: "Routine reports per second across the fleet.") var rate: Double = 20
    @Option(help: "How long to run (e.g. 60s, 5m); default: the scenario's duration, else 60 s.") var duration: String?
    @Option(help: "Scenario file.") var scenario: String?
    @Option(help: "Timezone of device clocks.") var timezone = "Asia/Shanghai"
    @Option(help: "MQTT client id.") var clientID = "firewatch-simulate"
    @Option(help: "GB/T 26875.3 centre server (HOST:PORT): registry entries with a gb_address connect to it over TCP instead.")
    var gb26875: String?
    @Option(help: "Share of duty checks (查岗) the simulated control rooms answer late (over TCP).") var dutyLate = 0.1
    @Option(help: "Share of duty checks never answered (over TCP).") var dutyNever = 0.1
    @Option(help: "Instead of publishing: write this many past days of alarms, hazards and drills into the store of --config.")
    var history: Int?
    @Option(help: "Configuration whose store, registry and stations --history uses.") var config = "Config/firewatch.yaml"
    @Option(help: "Alarms a day for --history (default: one per 100 devices).") var alarmsPerDay: Double?
    @Option(help: "Hazards a day for --history (default: one per 100 devices).") var hazardsPerDay: Double?
    @Option(help: "Seed of --history.") var seed: UInt64 = 1

    func run() throws {
        if let history { return try writeHistory(days: history) }
        guard let tz = TimeZone(identifier: timezone) else { printError("unknown timezone \(timezone)"); throw Exit.usage }
        guard let url = BrokerURL(broker), !url.tls else { printError("--broker must be mqtt://host:port"); throw Exit.usage }
        let catalog = DefinitionCatalog.load(folders: [devices])
        let fleet: DeviceRegistry
        let script: Scenario?
        do {
            fleet = try DeviceRegistry.load(path: registry, catalog: catalog)
            script = try scenario.map { path throws(SourceError) in try Scenario.load(path: path) }
        } catch {
            printError("\(error)")
            throw Exit.badConfig
        }
        for p in catalog.problems + fleet.problems { printError("warning: \(p)") }
        var seconds = script?.durationSeconds ?? 60
        if let duration {
            guard let d = Durations.seconds(duration) else { printError("--duration must look like 60s or 5m"); throw Exit.usage }
            seconds = d
        }
        let publisher: MQTTPublisher
        do { publisher = try MQTTPublisher(host: url.host, port: url.port, clientID: clientID, window: 100) } catch {
            printError("simulate: \(error)")
            throw Exit.unavailable
        }
        defer { publisher.close() }
        let tcp = try gb26875.map { try connectTCP($0, fleet: fleet, catalog: catalog, timeZone: tz) }
        defer { tcp?.fleet.close() }
        var run = SimulationRun(
            traffic: FleetTraffic(catalog: catalog, timeZone: tz), fleet: fleet.devices.values.sorted { $0.id < $1.id },
            publisher: publisher, rate: script?.background == false ? 0 : rate, seconds: seconds, steps: script?.steps ?? [],
            tcp: tcp?.fleet, overTCP: tcp?.ids ?? [])
        if let script { print("scenario: \(script.name) — \(script.description)") }
        try run.execute()
        try publisher.waitForAcks(run.sent, seconds: 60)
        print("simulate: \(run.sent) messages published and acknowledged (\(run.scripted) scripted) in \(Int(seconds)) s")
        if let tcp {
            // Frames still waiting for a confirm get their retries (10 s apart, 3 tries) before the summary.
            let deadline = Date().addingTimeInterval(35)
            while Date() < deadline, tcp.fleet.snapshot.unsettled > 0 { Thread.sleep(forTimeInterval: 0.2) }
            let s = tcp.fleet.snapshot
            print("simulate: GB/T 26875.3 over TCP: \(tcp.ids.count) devices, \(s.sent) frames sent, \(s.confirmed) confirmed, "
                + "\(s.denied) denied, \(s.retransmitted) retransmitted, \(s.gaveUp) never confirmed; \(s.clockSyncs) clock syncs; "
                + "duty checks \(s.dutyChecks), answered \(s.dutyAnswered)")
        }
    }

    /// `--history DAYS`: past days written into the configured store, with progress.
    func writeHistory(days: Int) throws {
        guard (1...800).contains(days) else { printError("--history must be 1 to 800 days"); throw Exit.usage }
        let setup: LoadedSetup
        let store: SQLiteStore
        do {
            setup = try LoadedSetup.load(configPath: config)
            store = try SQLiteStore(path: setup.config.sqlitePath, timeZone: setup.config.timeZone)
        } catch {
            printError("\(error)")
            throw Exit.badConfig
        }
        let fleet = Double(setup.registry.count)
        var generator = HistoryGenerator(
            setup: setup, days: days, random: SeededRandom(seed: seed), alarmsPerDay: alarmsPerDay ?? fleet / 100,
            hazardsPerDay: hazardsPerDay ?? fleet / 100)
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = setup.config.timeZone
        let started = Date()
        let written = try generator.write(into: store, until: cal.startOfDay(for: Date())) { day, w in
            if day % 30 == 0 || day == days { printError("history: day \(day)/\(days): \(w.alarms) alarms, \(w.hazards) hazards, \(w.drills) drills") }
        }
        print(String(format: "history: %d days for %d devices into %@: %d alarms, %d hazards, %d drills in %.1f s",
                     days, setup.registry.count, setup.config.sqlitePath, written.alarms, written.hazards, written.drills, Date().timeIntervalSince(started)))
    }

    /// Connects the registry entries with a `gb_address` to the centre server as simulated UITDs.
    func connectTCP(_ address: String, fleet: DeviceRegistry, catalog: DefinitionCatalog, timeZone: TimeZone) throws
        -> (fleet: GB26875DeviceFleet, ids: Set<String>)
    {
        guard let hp = HostPort(address) else { printError("--gb26875 must be host:port"); throw Exit.usage }
        let members = fleet.devices.values.sorted { $0.id < $1.id }.compactMap { d -> GB26875DeviceFleet.Member? in
            guard let a = d.gbAddress.flatMap(GB26875Header.address) else { return nil }
            let heartbeat = Double(d.heartbeatSeconds ?? catalog[d.model]?.heartbeatSeconds ?? 30)
            return .init(id: d.id, address: a, heartbeatSeconds: heartbeat)
        }
        guard !members.isEmpty else { printError("--gb26875: no registry entry has a gb_address"); throw Exit.usage }
        let tcp = GB26875DeviceFleet(behaviour: .init(dutyLateShare: dutyLate, dutyNeverShare: dutyNever), timeZone: timeZone)
        do { try tcp.connect(members, host: hp.host, port: hp.port) } catch {
            printError("simulate: cannot connect to the centre server at \(address): \(error)")
            throw Exit.unavailable
        }
        print("simulate: \(members.count) GB/T 26875.3 devices connected to \(address)")
        return (tcp, Set(members.map(\.id)))
    }
}

/// The running simulation: routine traffic round-robin over the fleet, scripted steps at their times.
struct SimulationRun {
    let traffic: FleetTraffic
    let fleet: [Device]
    let publisher: MQTTPublisher
    let rate: Double
    let seconds: Double
    let steps: [Scenario.Step]
    /// Devices that speak over TCP to the centre server: they heartbeat by themselves; what the
    /// scenario has them say goes over their connection.
    var tcp: GB26875DeviceFleet? = nil
    var overTCP: Set<String> = []
    var sent = 0
    var scripted = 0
    var silenced: [String: Double] = [:]   // street → until (seconds from start; .infinity when open-ended)

    mutating func execute() throws {
        let start = Date()
        var pending = steps[...]
        var floods: [(street: String, left: Int, every: Double, next: Double, events: [EventType], index: Int)] = []
        var nextRoutine = 0.0, routineIndex = 0, lastProgress = 0.0
        while true {
            let t = Date().timeIntervalSince(start)
            if t >= seconds { break }
            while let step = pending.first, step.atSeconds <= t {
                pending = pending.dropFirst()
                switch step.action {
                case .report(let id, let events, let metrics, let point):
                    guard let device = fleet.first(where: { $0.id == id }) else { throw SimulationError("scenario names unknown device \(id)") }
                    try send(device, DeviceSample(metrics: metrics, events: events, point: point, at: Date()))
                    scripted += 1
                case .silence(let street, let until):
                    silenced[street] = until ?? .infinity
                    print("simulate: \(Int(t)) s: street \(street) goes silent")
                case .flood(let street, let count, let every, let events):
                    floods.append((street, count, every, t, events, 0))
                }
            }
            for i in floods.indices where floods[i].left > 0 && floods[i].next <= t {
                let members = fleet.filter { $0.street == floods[i].street }
                guard !members.isEmpty else { floods[i].left = 0; continue }
                try send(members[floods[i].index % members.count], DeviceSample(events: floods[i].events, at: Date()))
                scripted += 1
                floods[i].index += 1
                floods[i].left -= 1
                floods[i].next += floods[i].every
            }
            if rate > 0, t >= nextRoutine, !fleet.isEmpty {
                let device = fleet[routineIndex % fleet.count]
                routineIndex += 1
                nextRoutine += 1 / rate
                if (silenced[device.street] ?? -1) < t, !overTCP.contains(device.id) { try publish(traffic.routine(device, at: Date())) }
            }
            if t - lastProgress >= 5 {
                lastProgress = t
                FileHandle.standardError.write(Data("simulate: \(Int(t)) s, \(sent) sent (\(scripted) scripted), \(publisher.acknowledged) acknowledged\n".utf8))
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
    }

    mutating func send(_ device: Device, _ sample: DeviceSample) throws {
        if let tcp, overTCP.contains(device.id) {
            tcp.send(device.id, try traffic.message(device, sample).payload)
            return
        }
        try publish(traffic.message(device, sample))
    }

    mutating func publish(_ message: (topic: String, payload: [UInt8])) throws {
        try publisher.publish(topic: message.topic, payload: message.payload)
        sent += 1
    }
}
