import FireWatchCore
import FireWatchTestKit
import Foundation
import Testing

extension Integration {
    /// What district IT installs and watches with: the Debian package, the Grafana dashboard and the
    /// Prometheus alert rules (issue 18).
    @Suite struct PackagingTests {
        static func run(_ executable: String, _ arguments: [String], seconds: Double = 120, environment: [String: String]? = nil) throws -> (Int32, String) {
            let p = try ChildProcess(executable, arguments, environment: environment)
            let status = try p.waitForExit(seconds: seconds)
            return (status, p.text)
        }

        /// The package built from this build's executables (`make deb` uses a static release build).
        @Test func theDebianPackageHoldsWhatItShouldAndItsConfigChecks() throws {
            let folder = try TempFolder("deb")
            defer { folder.remove() }
            let bin = (Repository.executable("firewatchd") as NSString).deletingLastPathComponent
            let (built, out) = try Self.run((Repository.root as NSString).appendingPathComponent("scripts/make-deb.sh"), [bin, folder.path],
                                          environment: ["DEB_COMPRESSION": "gzip", "DEB_LEVEL": "1"])
            #expect(built == 0, "\(out)")
            let deb = out.split(separator: "\n").last.map(String.init) ?? ""
            #expect(deb.hasSuffix(".deb") && (deb as NSString).lastPathComponent.hasPrefix("firewatch_"), "\(deb)")

            let (_, fields) = try Self.run("/usr/bin/dpkg-deb", ["-f", deb, "Package", "Version", "Architecture", "Depends"])
            #expect(fields.contains("Package: firewatch"))
            #expect(fields.contains("Depends:") && fields.contains("libmosquitto1"), "\(fields)")
            let (_, version) = try Self.run(Repository.executable("firewatchd"), ["--version"])
            #expect(fields.contains("Version: \(version.split(separator: " ").last.map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "?")"),
                    "\(fields) / \(version)")

            let root = folder.file("root")
            #expect(try Self.run("/usr/bin/dpkg", ["-x", deb, root]).0 == 0)
            for path in ["usr/bin/firewatchd", "usr/bin/firewatch", "lib/systemd/system/firewatchd.service",
                         "usr/lib/sysusers.d/firewatch.conf", "usr/lib/tmpfiles.d/firewatch.conf", "etc/firewatch/firewatch.yaml",
                         "usr/share/firewatch/Devices/netvox/ra02a.yaml", "usr/share/firewatch/seeds/putuo/stations.yaml"] {
                #expect(FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent(path)), "\(path)")
            }
            let unit = try String(contentsOfFile: (root as NSString).appendingPathComponent("lib/systemd/system/firewatchd.service"), encoding: .utf8)
            #expect(unit.contains("ExecStart=/usr/bin/firewatchd --config /etc/firewatch/firewatch.yaml"))
            let control = folder.file("control")
            #expect(try Self.run("/usr/bin/dpkg-deb", ["-e", deb, control]).0 == 0)
            #expect(try String(contentsOfFile: control + "/conffiles", encoding: .utf8) == "/etc/firewatch/firewatch.yaml\n")
            let postinst = try String(contentsOfFile: control + "/postinst", encoding: .utf8)
            #expect(postinst.contains("if [ -d /run/systemd/system ]"), "the service is started only where systemd runs")

            // The installed config names the installed files: checked with the unpacked ones in their place.
            let installed = try String(contentsOfFile: (root as NSString).appendingPathComponent("etc/firewatch/firewatch.yaml"), encoding: .utf8)
            #expect(installed.contains("/usr/share/firewatch/Devices") && installed.contains("/var/lib/firewatch/firewatch.sqlite"))
            let relocated = try folder.write("relocated.yaml", installed
                .replacingOccurrences(of: "/usr/share/firewatch", with: (root as NSString).appendingPathComponent("usr/share/firewatch"))
                .replacingOccurrences(of: "/var/lib/firewatch", with: folder.file("state")))
            let (checked, says) = try Self.run((root as NSString).appendingPathComponent("usr/bin/firewatchd"), ["--config", relocated, "--check-config"])
            #expect(checked == 0, "\(says)")
        }

        static let promtool: String? = {
            let candidates = ["/usr/bin/promtool", "/opt/promtool/usr/bin/promtool"]
            return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
        }()

        @Test(.enabled(if: promtool != nil, "skipped: needs promtool (Debian's prometheus package; .ci/run unpacks it)"))
        func theAlertRulesLoad() throws {
            let (status, out) = try Self.run(Self.promtool!, ["check", "rules", (Repository.root as NSString).appendingPathComponent("contrib/prometheus/alerts.yml")])
            #expect(status == 0, "\(out)")
            #expect(out.contains("SUCCESS"))
        }

        /// Every metric the dashboard and the rules read is one the daemon serves, or one INTERFACES.md
        /// names for a later issue (the notify metrics).
        @Test func theDashboardAndRulesReadMetricsTheDaemonServes() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            // With the centre server, whose metrics the dashboard reads too.
            let daemon = try DaemonUnderTest(
                broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, extraConfig: "gb26875:\n  listen: 127.0.0.1:0")
            defer { daemon.stop(); daemon.folder.remove() }
            try broker.publish(topic: "devices/uitd-t1/up", payload: Fixtures.componentFireAlarm())
            try broker.publish(topic: "devices/uitd-t2/up", payload: [0x40, 0x40, 0x00])
            let pages = try Wait.until("a page and a decode error counted") { () -> String? in
                let m = try daemon.get("/metrics").1
                return m.contains("firewatch_dispatch_eta_target_total") && m.contains("firewatch_decode_errors_total")
                    && m.contains("firewatch_ready 1") ? m : nil
            }
            let served = Set(pages.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
                line.split(whereSeparator: { $0 == "{" || $0 == " " }).first.map(String.init)
            }.map { $0.replacingOccurrences(of: "_bucket", with: "").replacingOccurrences(of: "_count", with: "").replacingOccurrences(of: "_sum", with: "") })
            let later: Set = ["firewatch_notify_deliveries_total", "firewatch_notify_pending"]
            let dashboard = try String(contentsOfFile: (Repository.root as NSString).appendingPathComponent("contrib/grafana/firewatch.json"), encoding: .utf8)
            _ = try JSONDecoder().decode(JSONValue.self, from: Data(dashboard.utf8))
            let rules = try String(contentsOfFile: (Repository.root as NSString).appendingPathComponent("contrib/prometheus/alerts.yml"), encoding: .utf8)
            let used = Set((dashboard + rules).matches(of: /firewatch_[a-z0-9_]+/).map { String($0.output) }
                .map { $0.replacingOccurrences(of: "_bucket", with: "") })
            #expect(used.subtracting(served).subtracting(later).isEmpty, "not served: \(used.subtracting(served).subtracting(later).sorted())")
        }
    }
}
