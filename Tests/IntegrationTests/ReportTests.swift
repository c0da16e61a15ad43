import FireWatchCore
import FireWatchTestKit
import Foundation
import Testing

extension Integration {
    /// Reports over a history the daemon itself recorded: an alarm paged, accepted, on scene and resolved
    /// by a station over MQTT; the JSON figures equal what the alarm's own timestamps give, the CSV has
    /// the binding header, the HTML stands alone with its charts, and `/reports` shows them in Chromium.
    @Suite(.serialized) struct ReportTests {
        static func answer(_ broker: TestBroker, _ alarm: String, _ status: String, cause: String? = nil) throws {
            let json = #"{"alarm_id": "\#(alarm)", "status": "\#(status)""# + (cause.map { #", "cause": "\#($0)""# } ?? "") + "}"
            try broker.publish(topic: "firewatch/stations/ms-near/ack", payload: Array(json.utf8))
        }

        /// A daemon whose one fire alarm went all the way: returns it and the alarm as stored at the end.
        static func history(_ broker: TestBroker) throws -> (DaemonUnderTest, Alarm) {
            let daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, tokens: StationPageTests.tokens)
            try broker.publish(topic: "devices/\(Fixtures.device)/up", payload: Fixtures.componentFireAlarm())
            func alarm(_ state: AlarmState) throws -> Alarm? {
                let (status, body) = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/alarms", token: "tok-viewer")
                guard status == 200 else { return nil }
                return try Timestamps.decoder().decode([Alarm].self, from: Data(body.utf8)).first { $0.state == state }
            }
            let paged = try Wait.until("a dispatched alarm") { try alarm(.dispatched) }
            try answer(broker, paged.id, "accepted")
            _ = try Wait.until("accepted") { try alarm(.accepted) }
            try answer(broker, paged.id, "on_scene")
            _ = try Wait.until("on scene") { try alarm(.onScene) }
            try answer(broker, paged.id, "resolved", cause: "false_alarm")
            let done = try Wait.until("resolved") { () -> Alarm? in
                let (status, body) = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/alarms/\(paged.id)", token: "tok-viewer")
                guard status == 200 else { return nil }
                let a = try Timestamps.decoder().decode(Alarm.self, from: Data(body.utf8))
                return a.state == .resolved ? a : nil
            }
            return (daemon, done)
        }

        /// An RFC 3339 time (for a query: `+` encoded).
        static func time(_ d: Date) -> String {
            Timestamps.string(d, in: TimeZone(identifier: "Asia/Shanghai")!).replacingOccurrences(of: "+", with: "%2B")
        }

        /// The local day of `d` (`2026-12-01`), for a report of whole days.
        static func day(_ d: Date) -> String { String(Timestamps.string(d, in: TimeZone(identifier: "Asia/Shanghai")!).prefix(10)) }

        @Test func jsonCSVAndHTMLCarryTheFiguresOfTheRecordedHistory() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let (daemon, alarm) = try Self.history(broker)
            defer { daemon.stop(); daemon.folder.remove() }
            // From an hour before the alarm to an hour from now: a period that holds it whatever the hour.
            let query = "from=\(Self.time(alarm.raisedAt.addingTimeInterval(-3600)))&to=\(Self.time(Date().addingTimeInterval(3600)))"
            let (status, body) = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/reports?\(query)&format=json", token: "tok-viewer")
            #expect(status == 200, "\(body)")
            guard case .object(let report)? = try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)),
                  case .array(let entries)? = report["entries"] else { Issue.record("not a report: \(body.prefix(300))"); return }
            #expect(report["level"] == .string("street"))
            let street = entries.compactMap { e -> [String: JSONValue]? in if case .object(let o) = e, o["id"] == .string("changshoulu") { o } else { nil } }.first
            let s = try #require(street)
            // The figures, worked out from the alarm's own timestamps (one alarm: every percentile is its time).
            func seconds(_ t: Date?) -> JSONValue { t.map { .number((($0.timeIntervalSince(alarm.raisedAt)) * 100).rounded() / 100) } ?? .null }
            #expect(s["alarms"] == .number(1) && s["false_alarms"] == .number(1))
            #expect(s["first_page_p50_s"] == seconds(alarm.dispatchedAt) && s["first_page_p90_s"] == seconds(alarm.dispatchedAt))
            #expect(s["accept_p50_s"] == seconds(alarm.acceptedAt) && s["on_scene_p90_s"] == seconds(alarm.onSceneAt))
            let arrived = alarm.onSceneAt!.timeIntervalSince(alarm.raisedAt) <= 180
            #expect(s["arrival_within_target_pct"] == .number(arrived ? 100 : 0) && s["paged_within_60s_pct"] == .number(100))
            #expect(s["online_rate_pct"] == .number(100))
            guard case .object(let drills)? = report["drills"], case .array(let drillEntries)? = drills["entries"] else {
                Issue.record("no drills section"); return
            }
            #expect(drillEntries.isEmpty)

            let csv = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/reports?\(query)&format=csv&level=station", token: "tok-viewer")
            #expect(csv.status == 200)
            let lines = csv.body.split(separator: "\r\n").map(String.init)
            #expect(lines.first?.hasPrefix("id,name,alarms,confirmed,false_alarms,first_page_p50_s") == true, "\(lines.first ?? "")")
            #expect(lines.contains { $0.hasPrefix("ms-near,") && $0.split(separator: ",")[2] == "1" }, "\(lines)")

            let html = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/reports?\(query)&format=html", token: "tok-viewer")
            #expect(html.status == 200 && html.body.hasPrefix("<!doctype html>") && html.body.contains("<svg class=\"chart response-histogram\""))
            #expect(html.body.contains("3 分钟到场率") && !html.body.contains("<script"))
            let bad = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/reports?from=2026-13-01&to=2026-12-01", token: "tok-viewer")
            #expect(bad.status == 400 && bad.body.contains("from must be a date"))

            // The CLI writes the same report to a file.
            let out = daemon.folder.file("report.csv")
            let (first, last) = (Self.day(alarm.raisedAt), Self.day(Date()))
            let cli = try ChildProcess(Repository.executable("firewatch"), [
                "report", "--from", first, "--to", last, "--format", "csv", "--out", out, "--server", daemon.baseURL, "--token", "tok-viewer"])
            #expect(try cli.waitForExit(seconds: 20) == 0, "\(cli.text)")
            #expect((try? String(contentsOfFile: out, encoding: .utf8))?.hasPrefix("id,name,alarms") == true)
        }

        @Test(.enabled(if: Browser.available, "skipped: needs chromium, chromium-driver and Python selenium (.ci/run installs them)"))
        func theReportsPageShowsTheCharts() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let (daemon, alarm) = try Self.history(broker)
            defer { daemon.stop(); daemon.folder.remove() }
            let script = (Repository.root as NSString).appendingPathComponent("Tests/IntegrationTests/browser/reports.py")
            let page = try ChildProcess("/usr/bin/env", [
                "python3", script, "--url", "\(daemon.baseURL)/reports#token=tok-viewer&from=\(Self.day(alarm.raisedAt))&to=\(Self.day(Date()))", "--expect", "changshoulu",
                "--expect", "消防安全督导考核报告", "--timeout", "30", "--chromium", Browser.chromium!, "--chromedriver", Browser.driver!,
            ])
            defer { page.stop(signal: SIGKILL) }
            #expect(try page.waitForExit(seconds: 90) == 0, "\(page.text)")
            #expect(page.text.contains("charts drawn"), "\(page.text)")
        }
    }
}

extension Integration.ReportTests {
    /// `firewatch simulate --history` writes past days into a running daemon's store; the daemon's
    /// report and `firewatch report --config` (computed without it) then give the same entries.
    @Test func aGeneratedHistoryReportsTheSameThroughTheDaemonAndWithout() throws {
        let broker = try TestBroker()
        defer { broker.stop() }
        let daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, tokens: Integration.StationPageTests.tokens)
        defer { daemon.stop(); daemon.folder.remove() }
        let gen = try ChildProcess(Repository.executable("firewatch"), [
            "simulate", "--history", "30", "--alarms-per-day", "4", "--hazards-per-day", "2", "--config", daemon.configPath])
        #expect(try gen.waitForExit(seconds: 60) == 0, "\(gen.text)")
        #expect(gen.text.contains("history: 30 days for 4 devices"), "\(gen.text)")
        let last = Self.day(Date().addingTimeInterval(-86_400)), first = Self.day(Date().addingTimeInterval(-30 * 86_400))
        let (status, body) = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/reports?from=\(first)&to=\(last)&format=json", token: "tok-viewer")
        #expect(status == 200)
        let local = try ChildProcess(Repository.executable("firewatch"), [
            "report", "--config", daemon.configPath, "--from", first, "--to", last, "--format", "json"])
        #expect(try local.waitForExit(seconds: 60) == 0, "\(local.text.suffix(500))")
        func entries(_ text: String) -> JSONValue? {
            guard let start = text.firstIndex(of: "{") else { return nil }
            let json = Data(String(text[start...]).utf8)
            guard case .object(let o)? = try? JSONDecoder().decode(JSONValue.self, from: json) else { return nil }
            return o["entries"]
        }
        guard let served = entries(body) else { Issue.record("no report: \(body.prefix(300))"); return }
        #expect(entries(local.text) == served)
        guard case .array(let list) = served else { Issue.record("entries \(served)"); return }
        let alarms = list.reduce(0.0) { sum, e in if case .object(let o) = e, case .number(let n)? = o["alarms"] { sum + n } else { sum } }
        #expect(alarms >= 30, "only \(alarms) alarms in 30 days at about 4 a day")
    }
}
