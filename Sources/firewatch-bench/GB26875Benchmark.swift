import FireWatchDecoders
import FireWatchGB26875Server
import FireWatchTestKit
import Foundation

/// Transmission devices over TCP: `devices` UITDs stay connected to the centre server and heartbeat
/// every `heartbeatSeconds`; once a second one of `alarms` panels sends a component fire alarm over its
/// own connection. Reports the confirm latency (frame sent → confirm received, every frame) and the fire
/// alarm → rank-1 page latency (frame sent → dispatch at a station's subscriber).
struct GB26875Benchmark {
    var devices: Int
    var alarms: Int
    var heartbeatSeconds: Double
    var daemonPath: String

    struct Result {
        var connected: Int
        var frames: Int
        var confirmLatencies: [Double]
        var pageLatencies: [Double]
        var gaveUp: Int
        var rssMiB: Double
    }

    static func address(_ i: Int) -> UInt64 { 0x0200_0000_0000 + UInt64(i) }

    func run() throws -> Result {
        let broker = try TestBroker()
        defer { broker.stop() }
        let folder = try TempFolder("gb26875-bench")
        defer { folder.remove() }
        var csv = "id,model,lat,lon,address,street,community,building,heartbeat_s,gb_address\n"
        let total = devices + alarms
        for i in 0..<total {
            // Alarm panels each in a building of their own, so no alarm joins another's incident.
            let id = i < devices ? String(format: "uitd-bench-%05d", i) : String(format: "alarm-panel-%04d", i - devices)
            let lat = 31.20 + Double(i % 300) * 0.0002, lon = 121.38 + Double(i / 300 % 300) * 0.0002
            csv += "\(id),gb26875/uitd,\(lat),\(lon),bench \(i),changshoulu,changshoulu-c01,b-\(i),\(Int(heartbeatSeconds)),"
                + "\(GB26875Header.addressText(Self.address(i)))\n"
        }
        try folder.write("uitds.csv", csv)
        log("gb26875: \(devices) UITDs heartbeating every \(Int(heartbeatSeconds)) s, \(alarms) fire alarms from panels over TCP")
        let daemon = try LatencyBenchmark.Daemon(
            path: daemonPath, broker: broker, folder: folder, registries: ["uitds.csv"], extraConfig: "gb26875: {listen: \"127.0.0.1:0\"}")
        defer { daemon.stop() }
        guard let line = daemon.process.text.split(separator: "\n").last(where: { $0.contains("centre server listening") }),
              let r = line.range(of: "port="), let port = Int(line[r.upperBound...].prefix { $0.isNumber })
        else { throw BenchError("the daemon did not say where the centre server listens") }

        let listener = try DispatchListener(host: "127.0.0.1", port: broker.port, filter: "firewatch/stations/+/dispatch")
        defer { listener.close() }
        let tz = TimeZone(identifier: "Asia/Shanghai")!
        let fleet = GB26875DeviceFleet(behaviour: .init(dutyNeverShare: 0), timeZone: tz, threads: 1)
        defer { fleet.close() }
        let members = (0..<total).map { i in
            GB26875DeviceFleet.Member(id: "m\(i)", address: Self.address(i), heartbeatSeconds: i < devices ? heartbeatSeconds : 30)
        }
        try fleet.connect(members, host: "127.0.0.1", port: port)
        log("  \(fleet.snapshot.connected) connected; warming up for one heartbeat interval")
        Thread.sleep(forTimeInterval: heartbeatSeconds)
        let warm = fleet.snapshot.confirmLatencies.count
        let builder = GB26875FrameBuilder(timeZone: tz)
        var sent: [(String, Date)] = []
        for k in 0..<alarms {
            let frame = builder.componentStates(
                [.init(componentType: 40, zone: UInt16(k + 1), position: 1, state: GB26875FrameBuilder.StateBit.fireAlarm)], at: Date())
            sent.append((String(format: "alarm-panel-%04d", k), Date()))
            fleet.send("m\(devices + k)", frame)
            Thread.sleep(forTimeInterval: 1)
        }
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, sent.contains(where: { listener.pagedAt($0.0) == nil }) { Thread.sleep(forTimeInterval: 0.01) }
        let s = fleet.snapshot
        return Result(
            connected: s.connected, frames: s.sent, confirmLatencies: Array(s.confirmLatencies.dropFirst(warm)),
            pageLatencies: sent.compactMap { d, at in listener.pagedAt(d).map { $0.timeIntervalSince(at) } }, gaveUp: s.gaveUp,
            rssMiB: daemon.rssMiB())
    }
}
