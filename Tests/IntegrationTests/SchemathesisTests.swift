import FireWatchCore
import FireWatchDecoders
import FireWatchTestKit
import Foundation
import Testing

/// schemathesis (PyPI) fuzzes the live API from its OpenAPI document: no input makes it answer 500
/// (issue 12). `.ci/run` installs schemathesis; the test says it was skipped without it.
enum Schemathesis {
    static let installed: Bool = {
        guard let p = try? ChildProcess("/usr/bin/env", ["schemathesis", "--version"]) else { return false }
        return (try? p.waitForExit(seconds: 60)) == 0
    }()
}

extension Integration {
    @Suite struct SchemathesisTests {
        @Test(.enabled(if: Schemathesis.installed, "skipped: needs schemathesis (python3 -m pip install schemathesis; .ci/run does)"))
        func everyAnswerIsAsTheDocumentSaysForEachRole() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, tokens: OperatorAPITests.tokens)
            defer { daemon.stop(); daemon.folder.remove() }
            // Real ids for the operations on one alarm (the document links them from the list).
            try broker.publish(topic: "devices/uitd-t1/up", payload: Fixtures.componentFireAlarm())
            try Wait.until("an alarm") { try daemon.get("/metrics").1.contains("firewatch_alarms_open{kind=\"fire\"} 1") ? true : nil }

            // Every check: no 500, every status, content type and body as the document says, 405 for
            // methods a path does not serve, invalid input refused.
            for token in ["tok-operator", "tok-viewer"] {
                let run = try ChildProcess("/usr/bin/env", [
                    "schemathesis", "run", "\(daemon.baseURL)/api/v1/openapi.json",
                    "-H", "Authorization: Bearer \(token)", "--exclude-path", "/api/v1/events",
                    "--max-examples", "25", "--seed", "1", "--request-timeout", "20",
                ])
                let status = try run.waitForExit(seconds: 600)
                #expect(status == 0, "\(token): \(run.text.suffix(6000))")
                #expect(run.text.contains("passed"), "\(token): \(run.text.suffix(2000))")
            }
            // The event stream is live and never ends by itself: schemathesis reads each answer until 20
            // events or its request timeout, so this run has a short one and a few examples.
            let stream = try ChildProcess("/usr/bin/env", [
                "schemathesis", "run", "\(daemon.baseURL)/api/v1/openapi.json",
                "-H", "Authorization: Bearer tok-viewer", "--include-path", "/api/v1/events", "--phases", "examples,coverage,fuzzing",
                "--max-examples", "10", "--seed", "1", "--request-timeout", "5",
            ])
            let streamStatus = try stream.waitForExit(seconds: 600)
            #expect(streamStatus == 0, "events: \(stream.text.suffix(6000))")
            #expect(stream.text.contains("passed"), "events: \(stream.text.suffix(2000))")
            #expect(!daemon.process.text.contains("request failed"), "a 500 was logged")
        }

        /// Every route the router serves is in the document.
        @Test func theDocumentNamesEveryRoute() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations)
            defer { daemon.stop(); daemon.folder.remove() }
            let (status, body) = try daemon.get("/api/v1/openapi.json")
            #expect(status == 200, "\(body.prefix(300)) daemon: \(daemon.process.text.suffix(1500))")
            let doc = try JSONDecoder().decode(JSONValue.self, from: Data(body.utf8))
            guard case .object(let root) = doc, case .object(let paths)? = root["paths"] else { Issue.record("no paths"); return }
            let routes = ["/healthz", "/readyz", "/metrics", "/api/v1/whoami", "/api/v1/alarms", "/api/v1/alarms/{id}",
                          "/api/v1/alarms/{id}/cap", "/api/v1/alarms/{id}/dispatches", "/api/v1/stations", "/api/v1/devices",
                          "/api/v1/devices/{id}", "/api/v1/hazards", "/api/v1/hazards/{id}", "/api/v1/hazards/{id}/photos/{n}",
                          "/api/v1/hazard-index", "/api/v1/geography", "/api/v1/reports", "/api/v1/drills", "/api/v1/notify", "/api/v1/notify/retry", "/api/v1/dispatches/{id}/answer", "/api/v1/events",
                          "/api/v1/alarms/{id}/acknowledge", "/api/v1/alarms/{id}/confirm", "/api/v1/alarms/{id}/resolve",
                          "/api/v1/hazards/{id}/rectify", "/api/v1/hazards/{id}/close", "/api/v1/stations/{id}/status",
                          "/api/v1/devices/{id}/suppress", "/api/v1/openapi.json"]
            #expect(Set(routes).subtracting(paths.keys).isEmpty, "\(Set(routes).subtracting(paths.keys))")
            #expect(Set(paths.keys).subtracting(routes).isEmpty, "\(Set(paths.keys).subtracting(routes))")
            // docs/openapi.yaml is the same document.
            let file = try #require(try YAMLValue.load(path: (Repository.root as NSString).appendingPathComponent("docs/openapi.yaml")))
            #expect(try file.json() == doc, "docs/openapi.yaml differs from the served document: run scripts/openapi.py")
            #expect(root["openapi"] == .string("3.1.0"))
        }
    }
}
