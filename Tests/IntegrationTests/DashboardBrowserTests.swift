import FireWatchCore
import FireWatchTestKit
import Foundation
import Testing

/// What the browser test needs: Debian's chromium and chromium-driver, and Python's selenium
/// (`.ci/run` installs all three).
enum Browser {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let driver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let script = (Repository.root as NSString).appendingPathComponent("Tests/IntegrationTests/browser/dashboard.py")

    static let seleniumInstalled: Bool = {
        guard let p = try? ChildProcess("/usr/bin/env", ["python3", "-c", "import selenium"]) else { return false }
        return (try? p.waitForExit(seconds: 20)) == 0
    }()

    static var available: Bool { chromium != nil && driver != nil && seleniumInstalled }
}

extension Integration {
    /// The dashboard in a real headless Chromium, driven through WebDriver: a fire alarm raised after the
    /// page has loaded appears live, and an operator acknowledges it with the page's button.
    @Suite(.serialized) struct DashboardBrowserTests {
        @Test(.enabled(if: Browser.available, "skipped: needs chromium, chromium-driver and Python selenium (.ci/run installs them)"))
        func aLiveAlarmAppearsAndIsAcknowledgedFromThePage() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(
                broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, tokens: OperatorAPITests.tokens)
            defer { daemon.stop(); daemon.folder.remove() }

            let page = try ChildProcess("/usr/bin/env", [
                "python3", Browser.script, "--url", "\(daemon.baseURL)/#token=tok-operator", "--expect", Fixtures.device,
                "--acknowledge", Fixtures.device, "--timeout", "15", "--chromium", Browser.chromium!, "--chromedriver", Browser.driver!,
            ])
            defer { page.stop(signal: SIGKILL) }
            try page.waitFor("connected", seconds: 60)
            try broker.publish(topic: "devices/\(Fixtures.device)/up", payload: Fixtures.componentFireAlarm())
            #expect(try page.waitForExit(seconds: 60) == 0, "\(page.text)")
            #expect(page.text.contains("found \(Fixtures.device)"))
            #expect(page.text.contains("acknowledged \(Fixtures.device)"))

            let alarms = try Timestamps.decoder().decode(
                [Alarm].self, from: Data(HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/alarms", token: "tok-viewer").body.utf8))
            #expect(alarms.first?.acknowledged == true)
            #expect(alarms.first?.history.last?.by == "duty-officer")
        }

        /// Chinese names on the page (street, community, station) from the daemon's own geography, a
        /// sensor hazard listed with them, and a patrol hazard reported through the page's form with a
        /// photo that shows in the list.
        @Test(.enabled(if: Browser.available, "skipped: needs chromium, chromium-driver and Python selenium (.ci/run installs them)"))
        func thePageShowsNamesAndAPatrolReportWithAPhoto() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try PatrolHazardTests.daemon(broker)
            defer { daemon.stop(); daemon.folder.remove() }
            let photo = daemon.folder.file("door.png")
            #expect(FileManager.default.createFile(atPath: photo, contents: Data(base64Encoded: PatrolHazardTests.png)))
            let opened = try HTTPCall.run("POST", "\(daemon.baseURL)/api/v1/hazards", token: "tok-a", body: """
                {"kind": "fire_door", "street": "changshoulu", "community": "changshoulu-c01", "description": "三楼防火门常开"}
                """)
            #expect(opened.status == 201, "\(opened.body)")
            let page = try ChildProcess("/usr/bin/env", [
                "python3", Browser.script, "--url", "\(daemon.baseURL)/#token=tok-b", "--expect", "长寿路街道 · 曹家渡居委会",
                "--expect", "三楼防火门常开", "--expect", "巡查员", "--patrol", "楼道堆放纸箱", "--patrol-kind", "storage", "--photo", photo,
                "--timeout", "20", "--chromium", Browser.chromium!, "--chromedriver", Browser.driver!,
            ])
            defer { page.stop(signal: SIGKILL) }
            #expect(try page.waitForExit(seconds: 90) == 0, "\(page.text)")
            #expect(page.text.contains("reported 楼道堆放纸箱") && page.text.contains("易燃物堆放"), "\(page.text)")
            let listed = try Timestamps.decoder().decode(
                [Hazard].self, from: Data(HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/hazards", token: "tok-viewer").body.utf8))
            let reported = try #require(listed.first { $0.description == "楼道堆放纸箱" })
            #expect(reported.kind == .storage && reported.openedBy == "巡查员乙" && reported.photos.count == 1)
        }
    }
}
