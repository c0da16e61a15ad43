import FireWatchCore
import FireWatchTestKit
import Foundation
import Testing

extension Integration {
    /// A drill through the real daemon: `firewatch drill` sends the station an exercise dispatch over
    /// MQTT (`drill: true`), its CAP says `Exercise`, the station answers as usual, and the report keeps
    /// it apart from the live figures.
    @Suite(.serialized) struct DrillTests {
        @Test func aDrillIsPagedAnsweredAndReportedApart() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, tokens: StationPageTests.tokens)
            defer { daemon.stop(); daemon.folder.remove() }
            let pages = try broker.subscribe("firewatch/stations/ms-far/dispatch")
            defer { pages.stop() }
            let cli = try ChildProcess(Repository.executable("firewatch"), [
                "drill", "--station", "ms-far", "--device", Fixtures.device, "--lang", "zh", "--server", daemon.baseURL, "--token", "tok-operator"])
            #expect(try cli.waitForExit(seconds: 20) == 0, "\(cli.text)")
            #expect(cli.text.contains("演练已派出"), "\(cli.text)")
            let line = try pages.waitFor("\"drill\":true", seconds: 20)
            let json = try #require(line.split(separator: "\n").first { $0.contains("\"drill\":true") }.map { String($0.drop { $0 != "{" }) })
            let order = try Timestamps.decoder().decode(DispatchOrder.self, from: Data(json.utf8))
            #expect(order.stationID == "ms-far" && order.drill == true)

            let cap = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/alarms/\(order.alarmID)/cap", token: "tok-viewer")
            #expect(cap.body.contains("<status>Exercise</status>"), "\(cap.body.prefix(400))")
            for status in ["accepted", "on_scene"] {
                let r = try HTTPCall.run("POST", "\(daemon.baseURL)/api/v1/dispatches/\(order.dispatchID)/answer", token: "tok-far", body: #"{"status": "\#(status)"}"#)
                #expect(r.status == 200, "\(status): \(r.body)")
            }
            let wrong = try HTTPCall.run("POST", "\(daemon.baseURL)/api/v1/drills", token: "tok-operator", body: #"{"station": "ms-none"}"#)
            #expect(wrong.status == 404 && wrong.body.contains("no station"))
            let viewer = try HTTPCall.run("POST", "\(daemon.baseURL)/api/v1/drills", token: "tok-viewer", body: #"{"station": "ms-far"}"#)
            #expect(viewer.status == 403)

            let from = ReportTests.time(Date().addingTimeInterval(-3600)), to = ReportTests.time(Date().addingTimeInterval(3600))
            let report = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/reports?from=\(from)&to=\(to)&level=station", token: "tok-viewer")
            guard case .object(let r)? = try? JSONDecoder().decode(JSONValue.self, from: Data(report.body.utf8)),
                  case .array(let live)? = r["entries"], case .object(let drills)? = r["drills"], case .array(let exercised)? = drills["entries"]
            else { Issue.record("not a report: \(report.body.prefix(300))"); return }
            let far = live.compactMap { e -> [String: JSONValue]? in if case .object(let o) = e, o["id"] == .string("ms-far") { o } else { nil } }.first
            #expect(far?["alarms"] == .number(0), "the drill is in the live figures")
            guard case .object(let d)? = exercised.first else { Issue.record("no drill entry: \(exercised)"); return }
            #expect(d["id"] == .string("ms-far") && d["alarms"] == .number(1) && d["on_scene_p50_s"] != .null)
        }
    }
}
