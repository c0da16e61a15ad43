import FireWatchCore
import FireWatchDecoders
import FireWatchTestKit
import Foundation
import Testing

extension Integration {
    /// `firewatch broker acl` files in a real mosquitto: each device publishes only as itself, each
    /// station answers only as itself, and the daemon works under its own user (issue 12).
    @Suite struct BrokerACLTests {
        /// The tool run on a config naming the fixtures' registry and stations; returns the folder and
        /// the passwords by username.
        static func generate(in folder: TempFolder) throws -> (dir: String, passwords: [String: String]) {
            try folder.write("registry.yaml", Fixtures.registry)
            try folder.write("stations.yaml", Fixtures.stations)
            let config = try folder.write("tool.yaml", """
                instance: acl
                mqtt:
                  url: mqtt://127.0.0.1:1883
                  client_id: acl-tool
                  subscriptions:
                    - {filter: "devices/+/up", device_level: 2, envelope: raw}
                storage: {sqlite: \(folder.file("unused.sqlite"))}
                devices:
                  definitions: [\((Repository.root as NSString).appendingPathComponent("Devices"))]
                  registry: \(folder.file("registry.yaml"))
                stations: {file: \(folder.file("stations.yaml"))}
                """)
            let dir = folder.file("broker")
            let tool = try ChildProcess(Repository.executable("firewatch"), ["broker", "acl", "--out", dir, "--config", config])
            #expect(try tool.waitForExit() == 0, "\(tool.text)")
            let csv = try String(contentsOfFile: (dir as NSString).appendingPathComponent("credentials.csv"), encoding: .utf8)
            var passwords: [String: String] = [:]
            for line in csv.split(separator: "\n").dropFirst() {
                let parts = line.split(separator: ",", maxSplits: 1)
                passwords[String(parts[0])] = String(parts[1])
            }
            let mode = try FileManager.default.attributesOfItem(atPath: (dir as NSString).appendingPathComponent("credentials.csv"))[.posixPermissions] as? Int
            #expect(mode == 0o600)
            return (dir, passwords)
        }

        static func journalLines(_ daemon: DaemonUnderTest, topic: String) throws -> Int {
            let journal = try ChildProcess(Repository.executable("firewatch"), ["journal", "--db", daemon.databasePath])
            _ = try journal.waitForExit()
            return journal.text.split(separator: "\n").filter { $0.contains("\"topic\":\"\(topic.replacingOccurrences(of: "/", with: "\\/"))\"") || $0.contains("\"topic\":\"\(topic)\"") }.count
        }

        @Test func devicesAndStationsPublishOnlyAsThemselves() throws {
            let folder = try TempFolder("acl")
            defer { folder.remove() }
            let (dir, pw) = try Self.generate(in: folder)
            let aclPort = try FreePort.find()
            let broker = try TestBroker(extraConfig: """
                listener \(aclPort) 127.0.0.1
                allow_anonymous false
                password_file \((dir as NSString).appendingPathComponent("passwords"))
                acl_file \((dir as NSString).appendingPathComponent("acl"))
                """)
            defer { broker.stop() }
            try folder.write("daemon-password", pw["firewatchd"]! + "\n")
            let daemon = try DaemonUnderTest(
                broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, brokerURL: "mqtt://127.0.0.1:\(aclPort)",
                mqttExtra: ["username: firewatchd", "password_file: \(folder.file("daemon-password"))"])
            defer { daemon.stop(); daemon.folder.remove() }

            // A wrong password does not connect.
            #expect(try broker.publish(topic: "devices/uitd-t1/up", payload: Fixtures.componentFireAlarm(), port: aclPort, credentials: ("uitd-t1", "guess")).0 != 0)
            // uitd-t2 sends a fire alarm as uitd-t1, then a heartbeat as itself: only its own arrives.
            try broker.publish(topic: "devices/uitd-t1/up", payload: Fixtures.componentFireAlarm(), port: aclPort, credentials: ("uitd-t2", pw["uitd-t2"]!))
            let heartbeat = GB26875FrameBuilder(timeZone: TimeZone(identifier: "Asia/Shanghai")!).heartbeat(at: Date())
            #expect(try broker.publish(topic: "devices/uitd-t2/up", payload: heartbeat, port: aclPort, credentials: ("uitd-t2", pw["uitd-t2"]!)).0 == 0)
            try Wait.until("uitd-t2's own message journaled") { try Self.journalLines(daemon, topic: "devices/uitd-t2/up") == 1 ? true : nil }
            #expect(try Self.journalLines(daemon, topic: "devices/uitd-t1/up") == 0, "the forged alarm reached the daemon")

            // uitd-t1's own alarm is paged to ms-near, which reads its page under its own user.
            let pages = try ChildProcess("/usr/bin/stdbuf", ["-oL", "/usr/bin/mosquitto_sub", "-h", "127.0.0.1", "-p", "\(aclPort)", "-q", "1",
                                                              "-v", "-d", "-u", "ms-near", "-P", pw["ms-near"]!, "-t", "firewatch/stations/ms-near/dispatch"])
            defer { pages.stop() }
            try pages.waitFor("SUBACK")
            #expect(try broker.publish(topic: "devices/uitd-t1/up", payload: Fixtures.componentFireAlarm(), port: aclPort, credentials: ("uitd-t1", pw["uitd-t1"]!)).0 == 0)
            try pages.waitFor("firewatch/stations/ms-near/dispatch {")
            let order = try #require(pages.text.split(separator: "\n").first { $0.hasPrefix("firewatch/stations/ms-near/dispatch {") })
            let dispatchID = try #require(order.firstRange(of: "\"dispatch_id\":\"").map { order[$0.upperBound...].prefix { $0 != "\"" } })

            // ms-far answers for ms-near: refused at the broker. ms-near's own accept goes through.
            let accept = Array(#"{"dispatch_id": "\#(dispatchID)", "status": "accepted", "cause": "fire"}"#.utf8)
            try broker.publish(topic: "firewatch/stations/ms-near/ack", payload: accept, port: aclPort, credentials: ("ms-far", pw["ms-far"]!))
            #expect(try broker.publish(topic: "firewatch/stations/ms-near/ack", payload: accept, port: aclPort, credentials: ("ms-near", pw["ms-near"]!)).0 == 0)
            try Wait.until("accepted") { try daemon.get("/api/v1/alarms").1.contains("\"accepted\"") ? true : nil }
            #expect(try Self.journalLines(daemon, topic: "firewatch/stations/ms-near/ack") == 1, "ms-far's forged answer reached the daemon")
        }

        @Test func aSecondRunKeepsPasswordsAndRotatesOnlyWhatItIsTold() throws {
            let folder = try TempFolder("acl")
            defer { folder.remove() }
            let first = try Self.generate(in: folder).passwords
            let tool = try ChildProcess(Repository.executable("firewatch"), [
                "broker", "acl", "--out", folder.file("broker"), "--config", folder.file("tool.yaml"), "--rotate", "ms-near",
            ])
            #expect(try tool.waitForExit() == 0, "\(tool.text)")
            let csv = try String(contentsOfFile: folder.file("broker/credentials.csv"), encoding: .utf8)
            let second = Dictionary(uniqueKeysWithValues: csv.split(separator: "\n").dropFirst().map { line in
                let p = line.split(separator: ",", maxSplits: 1)
                return (String(p[0]), String(p[1]))
            })
            #expect(Set(first.keys) == Set(second.keys) && first.count == 5 + 4 + 1 + 1, "\(first.keys.sorted())")
            #expect(first["ms-near"] != second["ms-near"])
            #expect(first.filter { $0.key != "ms-near" } == second.filter { $0.key != "ms-near" })
        }
    }
}
