import FireWatchCore
import FireWatchTestKit
import Foundation
import Testing

extension Integration {
    /// The MQTT outbox against a real daemon, a real mosquitto and a real SQLite file: what the daemon
    /// decided while the broker was away, and was killed before it could send, is published after the
    /// restart, in the order it was decided.
    @Suite(.serialized) struct MQTTOutboxTests {
        /// The `mqtt` row of `GET /api/v1/notify`: messages committed and not yet acknowledged by the broker.
        static func pending(_ daemon: DaemonUnderTest) throws -> Int? {
            let (status, body) = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/notify", token: "tok-operator")
            guard status == 200, case .object(let o)? = try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)),
                  case .array(let targets)? = o["targets"] else { return nil }
            for case .object(let t) in targets where t["name"] == .string("mqtt") {
                if case .number(let n)? = t["pending"] { return Int(n) }
            }
            return nil
        }

        @Test func whatWasDecidedWhileTheBrokerWasAwayIsPublishedAfterASIGKILLAndRestart() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let (daemon, id) = try OperatorAPITests.daemonWithAlarm(broker)
            defer { daemon.folder.remove() }
            try Wait.until("the alarm's messages acknowledged by the broker") { try Self.pending(daemon) == 0 ? true : nil }

            broker.pause()
            let base = "\(daemon.baseURL)/api/v1/alarms/\(id)"
            #expect(try HTTPCall.run("POST", "\(base)/acknowledge", token: "tok-operator", body: "{}").status == 200)
            #expect(try HTTPCall.run("POST", "\(base)/resolve", token: "tok-operator", body: #"{"cause":"false_alarm"}"#).status == 200)
            // Both retained-topic updates are committed and wait for a broker.
            try Wait.until("two messages pending in the MQTT outbox") { try Self.pending(daemon) == 2 ? true : nil }
            daemon.process.stop(signal: SIGKILL)

            try broker.resume()
            let watcher = try broker.subscribe("firewatch/alarms/#")
            defer { watcher.stop() }
            let again = try DaemonUnderTest(
                broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, folder: daemon.folder, tokens: OperatorAPITests.tokens)
            defer { again.stop() }
            // mosquitto_sub -v prints "(null)" for the empty payload that clears a retained topic.
            let text = try watcher.waitFor("firewatch/alarms/\(id) (null)", seconds: 20)
            let lines = text.split(separator: "\n").filter { $0.hasPrefix("firewatch/alarms/\(id) ") }
            #expect(lines.count == 2, "\(lines)")
            #expect(lines.first?.contains(#""acknowledged":true"#) == true, "the acknowledgement first: \(lines)")
            try Wait.until("the outbox emptied by the broker's PUBACKs") { try Self.pending(again) == 0 ? true : nil }
        }
    }
}
