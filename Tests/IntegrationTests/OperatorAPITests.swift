import FireWatchCore
import FireWatchTestKit
import Foundation
import Testing

extension Integration {
    /// The operator surfaces against a real daemon on a real broker, as an outside check sees them: roles
    /// over HTTP, a stream resumed after a disconnect, CAP, metrics, and the CLI's thin clients.
    @Suite(.serialized) struct OperatorAPITests {
        static let tokens = """
            tok-viewer: {name: street-office, role: viewer}
            tok-operator:
              name: duty-officer
              role: operator
            """

        /// A daemon with tokens and one open fire alarm; returns it and the alarm's id.
        static func daemonWithAlarm(_ broker: TestBroker) throws -> (DaemonUnderTest, String) {
            let daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, tokens: tokens)
            try broker.publish(topic: "devices/\(Fixtures.device)/up", payload: Fixtures.componentFireAlarm())
            let id = try Wait.until("an open alarm\n--- daemon:\n\(daemon.process.text.suffix(3000))") { () -> String? in
                let (status, body) = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/alarms", token: "tok-viewer")
                guard status == 200 else { return nil }
                return try Timestamps.decoder().decode([Alarm].self, from: Data(body.utf8)).first?.id
            }
            return (daemon, id)
        }

        @Test func theRoleMatrixOverRealHTTP() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let (daemon, id) = try Self.daemonWithAlarm(broker)
            defer { daemon.stop(); daemon.folder.remove() }
            let base = daemon.baseURL
            let ack = "\(base)/api/v1/alarms/\(id)/acknowledge"
            let anonymousRead = try HTTPCall.run("GET", "\(base)/api/v1/alarms")
            let anonymous = try HTTPCall.run("POST", ack)
            let unknown = try HTTPCall.run("POST", ack, token: "tok-unknown")
            #expect(anonymousRead.status == 401)
            #expect(anonymous.status == 401, "\(anonymous.body)")
            #expect(unknown.status == 401, "\(unknown.body)")
            let viewer = try HTTPCall.run("POST", ack, token: "tok-viewer")
            #expect(viewer.status == 403)
            #expect(viewer.body.contains("\"error\""))
            let op = try HTTPCall.run("POST", ack, token: "tok-operator", body: "{}")
            #expect(op.status == 200)
            #expect(op.body.contains("\"acknowledged\":true"))

            let resolve = "\(base)/api/v1/alarms/\(id)/resolve"
            #expect(try HTTPCall.run("POST", resolve, token: "tok-operator", body: #"{"cause":"false_alarm","note":"kitchen"}"#).status == 200)
            let again = try HTTPCall.run("POST", resolve, token: "tok-operator")
            #expect(again.status == 409)
            #expect(again.body.contains("is resolved"))
            #expect(try HTTPCall.run("POST", "\(base)/api/v1/alarms/alm-none/confirm", token: "tok-operator").status == 404)

            // The retained alarm topic is cleared once resolved.
            let cap = try HTTPCall.run("GET", "\(base)/api/v1/alarms/\(id)/cap", token: "tok-viewer")
            #expect(cap.status == 200)
            #expect(cap.body.contains("<msgType>Cancel</msgType>"))
            #expect(cap.body.contains("<sender>firewatch@test</sender>"))
        }

        @Test func aBadTokensFileStopsTheDaemonWithFileAndLine() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(
                broker: broker, registry: Fixtures.registry, stations: Fixtures.stations,
                tokens: "tok-a: {name: a, role: viewer}\ntok-b: {name: b, role: admin}\n", waitUntilReady: false)
            defer { daemon.stop(); daemon.folder.remove() }
            #expect(try daemon.process.waitForExit(seconds: 20) == 78)
            #expect(daemon.process.text.contains("tokens.yaml:2"))
            #expect(daemon.process.text.contains("role must be viewer, inspector, operator or station, not \"admin\""))
        }

        @Test func theStreamResumesWithStrictlyLaterIDsAfterADisconnect() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let (daemon, _) = try Self.daemonWithAlarm(broker)
            defer { daemon.stop(); daemon.folder.remove() }
            let first = try SSE.read(daemon.baseURL, query: "?after=0&token=tok-viewer", until: { !$0.isEmpty })
            let last = try #require(first.last?.id)
            try broker.publish(topic: "devices/uitd-t2/up", payload: Fixtures.componentFireAlarm(zone: 7, position: 1))
            try broker.publish(topic: "devices/uitd-t2/up", payload: Fixtures.componentFireAlarm(zone: 8, position: 1))
            let resumed = try SSE.read(daemon.baseURL, query: "?token=tok-viewer", lastEventID: last) { frames in
                frames.filter { $0.type == "alarm.raised" }.count >= 2
            }
            let ids = resumed.map(\.id)
            #expect(ids.allSatisfy { $0 > last })
            #expect(ids == ids.sorted() && Set(ids).count == ids.count)
            #expect(ids.first == last + 1)
        }

        @Test func metricsCarryTheInterfaceNames() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let (daemon, _) = try Self.daemonWithAlarm(broker)
            defer { daemon.stop(); daemon.folder.remove() }
            let metrics = try Wait.until("dispatch latency recorded") { () -> String? in
                let (_, body) = try daemon.get("/metrics")
                return body.contains("firewatch_dispatch_latency_seconds") ? body : nil
            }
            for name in ["firewatch_ingest_messages_total", "firewatch_alarms_open", "firewatch_dispatch_latency_seconds"] {
                #expect(metrics.contains(name), "\(name) missing from /metrics")
            }
            #expect(metrics.contains("firewatch_alarms_open{kind=\"fire\"} 1"))
        }

        @Test func theCLIClientsSpeakTheAPIAndExitAsTheInterfaceSays() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let (daemon, id) = try Self.daemonWithAlarm(broker)
            defer { daemon.stop(); daemon.folder.remove() }
            let env = ["FIREWATCH_SERVER": daemon.baseURL, "FIREWATCH_TOKEN": "tok-operator", "LANG": "zh_CN.UTF-8"]
            func firewatch(_ args: [String], env extra: [String: String] = [:]) throws -> (Int32, String) {
                let p = try ChildProcess(Repository.executable("firewatch"), args, environment: env.merging(extra) { $1 })
                return (try p.waitForExit(seconds: 20), p.text)
            }
            var (code, out) = try firewatch(["alarms", "list"])
            #expect(code == 0)
            #expect(out.contains(id) && out.contains("火警(fire)") && out.contains("uitd-t1"))
            (code, out) = try firewatch(["alarms", "acknowledge", id, "--note", "on my way"])
            #expect(code == 0)
            (code, out) = try firewatch(["alarms", "acknowledge", id])
            #expect(code == 1)
            #expect(out.contains("HTTP 409: alarm \(id) is already acknowledged"))
            (code, out) = try firewatch(["alarms", "show", id, "--lang", "en"])
            #expect(code == 0)
            #expect(out.contains("duty-officer") && out.contains("on my way") && out.contains("ms-near"))
            (code, out) = try firewatch(["alarms", "confirm", id], env: ["FIREWATCH_TOKEN": "tok-viewer"])
            #expect(code == 1)
            #expect(out.contains("HTTP 403"))
            (code, out) = try firewatch(["stations", "list", "--json"])
            #expect(code == 0 && out.contains("\"ms-near\""))
            (code, out) = try firewatch(["hazards", "index"])
            #expect(code == 0)
            #expect(out.contains("changshoulu"))
            (code, out) = try firewatch(["tail", "--json", "--since", "10m", "--kind", "fire", "--street", "changshoulu", "--count", "1"])
            #expect(code == 0)
            #expect(try Timestamps.decoder().decode(FeedEvent.self, from: Data(out.utf8)).alarm?.id == id)

            let closed = try FreePort.find()
            (code, out) = try firewatch(["alarms", "list", "--server", "http://127.0.0.1:\(closed)"])
            #expect(code == 69)
            (code, _) = try firewatch(["alarms", "list", "--server", "127.0.0.1:8080"])
            #expect(code == 64)
            (code, _) = try firewatch(["tail", "--kind", "smoke"])
            #expect(code == 64)
        }
    }
}
