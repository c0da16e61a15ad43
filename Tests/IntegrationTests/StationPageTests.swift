import FireWatchCore
import FireWatchTestKit
import Foundation
import Testing

extension Integration {
    /// A station's own answers from its page (`/station`, `POST /api/v1/dispatches/{id}/answer`): only its
    /// own dispatches, through the MQTT answer's checks; the page on a phone-sized screen in Chromium.
    @Suite(.serialized) struct StationPageTests {
        static let tokens = """
            tok-near: {name: 最近可用值班, role: station, station: ms-near}
            tok-far: {name: 较远可用值班, role: station, station: ms-far}
            tok-inspector: {name: 巡查员, role: inspector}
            tok-viewer: {name: office, role: viewer}
            tok-operator: {name: duty-officer, role: operator}
            """

        static func alarms(_ daemon: DaemonUnderTest) throws -> [Alarm] {
            let body = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/alarms?state=all", token: "tok-viewer").body
            return try Timestamps.decoder().decode([Alarm].self, from: Data(body.utf8))
        }

        /// A daemon with one fire alarm paged to ms-near; returns it and that dispatch.
        static func paged(_ broker: TestBroker) throws -> (DaemonUnderTest, DispatchOrder) {
            let daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, tokens: tokens)
            try broker.publish(topic: "devices/\(Fixtures.device)/up", payload: Fixtures.componentFireAlarm())
            let order = try Wait.until("a dispatch to ms-near", seconds: 30) { () -> DispatchOrder? in
                guard let alarm = try alarms(daemon).first else { return nil }
                let body = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/alarms/\(alarm.id)/dispatches", token: "tok-viewer").body
                return try? Timestamps.decoder().decode([DispatchOrder].self, from: Data(body.utf8)).first { $0.stationID == "ms-near" }
            }
            return (daemon, order)
        }

        @Test func aStationAnswersOnlyItsOwnDispatchesThroughTheSameChecks() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let (daemon, order) = try Self.paged(broker)
            defer { daemon.stop(); daemon.folder.remove() }
            let url = "\(daemon.baseURL)/api/v1/dispatches/\(order.dispatchID)/answer"
            let other = try HTTPCall.run("POST", url, token: "tok-far", body: #"{"status": "accepted"}"#)
            #expect(other.status == 403 && other.body.contains("ms-near"), "\(other.body)")
            #expect(try HTTPCall.run("POST", url, token: "tok-viewer", body: #"{"status": "accepted"}"#).status == 403)
            #expect(try HTTPCall.run("POST", url, token: "tok-inspector", body: #"{"status": "accepted"}"#).status == 403)
            #expect(try HTTPCall.run("POST", "\(daemon.baseURL)/api/v1/dispatches/dsp-none/answer", token: "tok-near", body: #"{"status": "accepted"}"#).status == 404)
            // The MQTT answer's checks: on scene before accepting is refused (409), and on the stream.
            let early = try HTTPCall.run("POST", url, token: "tok-near", body: #"{"status": "on_scene"}"#)
            #expect(early.status == 409, "\(early.body)")
            let accepted = try HTTPCall.run("POST", url, token: "tok-near", body: #"{"status": "accepted", "note": "出动 4 人"}"#)
            #expect(accepted.status == 200, "\(accepted.body)")
            let alarm = try Timestamps.decoder().decode(Alarm.self, from: Data(accepted.body.utf8))
            #expect(alarm.state == .accepted && alarm.station == "ms-near")
            let resolved = try HTTPCall.run("POST", url, token: "tok-near", body: #"{"status": "resolved", "cause": "false_alarm"}"#)
            #expect(resolved.status == 200, "\(resolved.body)")
            #expect(try Timestamps.decoder().decode(Alarm.self, from: Data(resolved.body.utf8)).resolution == .falseAlarm)
            let who = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/whoami", token: "tok-near")
            #expect(who.body.contains("\"station\":\"ms-near\""), "\(who.body)")
        }

        @Test(.enabled(if: Browser.available, "skipped: needs chromium, chromium-driver and Python selenium (.ci/run installs them)"))
        func thePhonePageShowsTheDispatchAndAcceptsIt() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, tokens: Self.tokens)
            defer { daemon.stop(); daemon.folder.remove() }
            let script = (Repository.root as NSString).appendingPathComponent("Tests/IntegrationTests/browser/station.py")
            let page = try ChildProcess("/usr/bin/env", [
                "python3", script, "--url", "\(daemon.baseURL)/station#token=tok-near", "--expect", "长寿路 100 号",
                "--timeout", "30", "--chromium", Browser.chromium!, "--chromedriver", Browser.driver!,
            ])
            defer { page.stop(signal: SIGKILL) }
            try page.waitFor("connected", seconds: 60)
            try broker.publish(topic: "devices/\(Fixtures.device)/up", payload: Fixtures.componentFireAlarm())
            #expect(try page.waitForExit(seconds: 90) == 0, "\(page.text)")
            #expect(page.text.contains("dispatch shown") && page.text.contains("accepted:"), "\(page.text)")
            let alarm = try #require(try Self.alarms(daemon).first)
            #expect(alarm.state == .accepted && alarm.station == "ms-near" && alarm.history.contains { $0.to.rawValue == "accepted" })
        }
    }
}
