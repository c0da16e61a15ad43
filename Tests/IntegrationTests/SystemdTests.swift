import FireWatchCore
import FireWatchTestKit
import Foundation
import Testing

extension Integration {
    /// The daemon as systemd runs it: watchdog pings only while healthy, SIGHUP reloads without a
    /// restart, SIGTERM stops cleanly, and --check-config says exactly what is wrong.
    @Suite(.serialized) struct SystemdTests {
        @Test func watchdogReloadAndStop() throws {
            let run = try NotifiedDaemon(watchdogMicroseconds: 2_000_000)
            defer { run.remove() }
            let (folder, notify, daemon) = (run.folder, run.notify, run.daemon)

            // At least two pings within 3 s of each other (WatchdogSec=2 s: one every second).
            let start = notify.messages.count
            try Wait.until("two WATCHDOG=1", seconds: 3) {
                notify.messages.dropFirst(start).filter { $0.contains("WATCHDOG=1") }.count >= 2 ? true : nil
            }

            // SIGHUP: a station appended to the file appears without a restart.
            let added = """

                - id: ms-added
                  name: 新增站
                  street: changshoulu
                  kind: community
                  location: {lat: 31.2401, lon: 121.4301}
                  status: available
                """
            try folder.write("stations.yaml", Fixtures.stations + added)
            let before = notify.messages.count
            kill(daemon.process.pid, SIGHUP)
            try Wait.until("ms-added in /api/v1/stations") { try daemon.get("/api/v1/stations").1.contains("ms-added") ? true : nil }
            try Wait.until("RELOADING=1 then READY=1") { () -> Bool? in
                let after = Array(notify.messages.dropFirst(before))
                guard let r = after.firstIndex(where: { $0.contains("RELOADING=1") }) else { return nil }
                return after[(r + 1)...].contains { $0.contains("READY=1") } ? true : nil
            }
            #expect(daemon.process.isRunning)

            // A broken stations file: reported with file:line, the running stations stay.
            try folder.write("stations.yaml", "- id: [broken\n")
            kill(daemon.process.pid, SIGHUP)
            try daemon.process.waitFor("reload refused")
            #expect(daemon.process.text.contains("stations.yaml:"))
            #expect(try daemon.get("/api/v1/stations").1.contains("ms-added"))

            let stopStarted = Date()
            #expect(daemon.stop() == 0)
            #expect(Date().timeIntervalSince(stopStarted) < 10)
            try notify.waitFor("STOPPING=1")
        }

        @Test func aDatabaseLockedByAnotherProcessMakesReadyzSayWhyWhileTheWatchdogGoesOn() throws {
            let run = try NotifiedDaemon(watchdogMicroseconds: 2_000_000)
            defer { run.remove() }
            let (notify, daemon) = (run.notify, run.daemon)
            #expect(try daemon.get("/readyz").0 == 200)

            // Another process takes the database's write lock and keeps it.
            let holder = try ChildProcess("/usr/bin/env", ["python3", "-u", "-c", """
                import sqlite3, time
                c = sqlite3.connect(\"\(daemon.databasePath)\", isolation_level=None, timeout=30)
                c.execute("BEGIN IMMEDIATE")
                print("locked")
                time.sleep(120)
                """])
            defer { holder.stop() }
            try holder.waitFor("locked", seconds: 30)
            let pingsBefore = notify.messages.filter { $0.contains("WATCHDOG=1") }.count

            let (status, body) = try Wait.until("/readyz 503 while locked", seconds: 30) { () -> (Int, String)? in
                let r = try daemon.get("/readyz")
                return r.0 == 503 ? r : nil
            }
            #expect(status == 503 && (body.contains("waited") || body.contains("locked")), "\(body)")
            #expect(try daemon.get("/healthz").0 == 200)
            // The daemon is not hung: the watchdog keeps being fed while the lock is held elsewhere.
            try Wait.until("three watchdog pings while locked", seconds: 30) {
                notify.messages.filter { $0.contains("WATCHDOG=1") }.count >= pingsBefore + 3 ? true : nil
            }
            #expect(try daemon.get("/readyz").0 == 503)

            holder.stop()
            try Wait.until("/readyz 200 after the lock is gone", seconds: 30) { try daemon.get("/readyz").0 == 200 ? true : nil }
        }

        @Test func checkConfigNamesFileLineAndKey() throws {
            let folder = try TempFolder("config")
            defer { folder.remove() }
            let original = try String(contentsOfFile: (Repository.root as NSString).appendingPathComponent("Config/firewatch.yaml"), encoding: .utf8)
            let text = original.replacingOccurrences(of: "  ack_timeout_s: 60", with: "  ack_timeout_s: 60\n  ack_timout_s: 30")
            let path = try folder.write("firewatch.yaml", text)
            let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("ack_timout_s") }! + 1
            let check = try ChildProcess(Repository.executable("firewatchd"), ["--config", path, "--check-config"])
            #expect(try check.waitForExit() == 78)
            #expect(check.text.contains("\(path):\(line):"))
            #expect(check.text.contains("ack_timout_s"))

            let good = try ChildProcess(
                Repository.executable("firewatchd"),
                ["--config", (Repository.root as NSString).appendingPathComponent("Config/firewatch.yaml"), "--check-config"])
            #expect(try good.waitForExit() == 0, "\(good.text)")
            #expect(good.text.hasPrefix("ok: "))
        }

        @Test func checkConfigRefusesHostileYAMLAtOnce() throws {
            let folder = try TempFolder("config")
            defer { folder.remove() }
            let original = try String(contentsOfFile: (Repository.root as NSString).appendingPathComponent("Config/firewatch.yaml"), encoding: .utf8)
            try FileManager.default.createDirectory(atPath: folder.file("Devices/evil"), withIntermediateDirectories: true)
            try folder.write("Devices/evil/laughs.yaml", "model: evil/laughs\n" + YAMLLaughs.text)
            try FileManager.default.createSymbolicLink(atPath: folder.file("seeds"), withDestinationPath: (Repository.root as NSString).appendingPathComponent("seeds"))
            let devices = (Repository.root as NSString).appendingPathComponent("Devices")
            let path = try folder.write("firewatch.yaml", original.replacingOccurrences(of: "definitions: [Devices]", with: "definitions: [\(devices), \(folder.file("Devices"))]"))
            let check = try ChildProcess(Repository.executable("firewatchd"), ["--config", path, "--check-config"])
            #expect(try check.waitForExit(seconds: 30) == 78, "\(check.text)")
            #expect(check.text.contains("laughs.yaml:2:") && check.text.contains("anchors and aliases"), "\(check.text)")
        }

        @Test func checkConfigReadsTheTokensFileAsTheDaemonWould() throws {
            let folder = try TempFolder("config")
            defer { folder.remove() }
            let original = try String(contentsOfFile: (Repository.root as NSString).appendingPathComponent("Config/firewatch.yaml"), encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: folder.file("seeds"), withDestinationPath: (Repository.root as NSString).appendingPathComponent("seeds"))
            try FileManager.default.createSymbolicLink(atPath: folder.file("Devices"), withDestinationPath: (Repository.root as NSString).appendingPathComponent("Devices"))
            let tokens = try folder.write("tokens.yaml", "t-1: {name: duty-wang, role: operator}\nt-2: {name: eve, role: root}\n")
            let text = original.replacingOccurrences(of: "tokens_file: /etc/firewatch/tokens.yaml", with: "tokens_file: \(tokens)")
            #expect(text != original)
            let path = try folder.write("firewatch.yaml", text)
            let check = try ChildProcess(Repository.executable("firewatchd"), ["--config", path, "--check-config"])
            #expect(try check.waitForExit(seconds: 30) == 78, "\(check.text)")
            #expect(check.text.contains("tokens.yaml:2:") && check.text.contains("root"), "\(check.text)")
        }

        @Test func anOnlineBackupWhileTheDaemonRuns() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations)
            defer { daemon.stop(); daemon.folder.remove() }
            try broker.publish(topic: "devices/uitd-t1/up", payload: Fixtures.componentFireAlarm())
            try Wait.until("alarm stored") { try daemon.get("/api/v1/alarms").1.contains("uitd-t1") ? true : nil }
            let copy = daemon.folder.file("backup.sqlite")
            let backup = try ChildProcess(Repository.executable("firewatch"), ["db", "backup", copy, "--db", daemon.databasePath])
            #expect(try backup.waitForExit() == 0, "\(backup.text)")
            let count = try ChildProcess(Repository.executable("firewatch"), ["journal", "--db", copy, "--count"])
            #expect(try count.waitForExit() == 0)
            #expect(count.text.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        }
    }
}

/// Nine levels of nine aliases: 9⁹ strings once expanded.
enum YAMLLaughs {
    static let text = (0..<9).map { level -> String in
        let name = String(UnicodeScalar(UInt8(97 + level)))
        let items = level == 0 ? Array(repeating: "\"lol\"", count: 9) : Array(repeating: "*" + String(UnicodeScalar(UInt8(96 + level))), count: 9)
        return "\(name): &\(name) [\(items.joined(separator: ","))]"
    }.joined(separator: "\n") + "\n"
}
