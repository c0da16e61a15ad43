import FireWatchCore
import FireWatchServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Routes beside the role matrix: CAP, hazards before the hazard pipeline, devices, errors, dashboard.
@Suite struct RoutesTests {
    @Test func capIsTheAlarmAsCAP12() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let alarm = try f.raise()
        try await f.serve(f.dependencies(tokens: ServerFixture.tokens)) { client in
            let r = try await client.execute(uri: "/api/v1/alarms/\(alarm.id)/cap", method: .get, headers: bearer("tok-viewer"))
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "application/cap+xml; charset=utf-8")
            #expect(r.text.contains("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"))
            #expect(r.text.contains("<sender>firewatch@test</sender>"))
            #expect(r.text.contains("<category>Fire</category>"))
            let missing = try await client.execute(uri: "/api/v1/alarms/alm-x/cap", method: .get, headers: bearer("tok-viewer"))
            #expect(missing.status == .notFound)
        }
    }

    @Test func hazardRoutesSayTheyAreNotAvailableYetUntilProvided() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        var deps = f.dependencies(tokens: nil)
        try await f.serve(deps) { client in
            let r = try await client.execute(uri: "/api/v1/hazard-index?level=street", method: .get)
            #expect(r.status == .notImplemented)
            #expect(r.error == "the hazard index is not available yet: this daemon has no hazard pipeline")
            #expect(try await client.execute(uri: "/api/v1/hazards", method: .get).status == .notImplemented)
            let bad = try await client.execute(uri: "/api/v1/hazard-index?level=city", method: .get)
            #expect(bad.error == "level must be street, community or unit, not \"city\"")
        }
        deps.hazardIndex = { level in [["level": level.rawValue, "id": "changshoulu", "score": "0"]] }
        deps.hazards = { query in [["state": query.openOnly ? "open" : "all"]] }
        try await f.serve(deps) { client in
            let r = try await client.execute(uri: "/api/v1/hazard-index?level=community", method: .get)
            #expect(r.status == .ok)
            #expect(r.text == "[{\"id\":\"changshoulu\",\"level\":\"community\",\"score\":\"0\"}]\n")
            #expect(try await client.execute(uri: "/api/v1/hazards?state=all", method: .get).text == "[{\"state\":\"all\"}]\n")
        }
    }

    @Test func suppressChecksItsBodyAndTheDevice() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await f.serve(f.dependencies(tokens: ServerFixture.tokens)) { client in
            let op = bearer("tok-operator")
            var r = try await client.execute(uri: "/api/v1/devices/uitd-t1/suppress", method: .post, headers: op, body: json(#"{"reason": "test"}"#))
            #expect(r.error == "minutes is required: a whole number from 1 to 10080 (one week)")
            r = try await client.execute(uri: "/api/v1/devices/nope/suppress", method: .post, headers: op, body: json(#"{"reason": "test", "minutes": 30}"#))
            #expect(r.status == .notFound)
            r = try await client.execute(uri: "/api/v1/devices/uitd-t1/suppress", method: .post, headers: op, body: json(#"{"reason": "test", "minutes": 30}"#))
            #expect(r.status == .notImplemented)
            r = try await client.execute(uri: "/api/v1/devices/uitd-t1/suppress", method: .post, headers: bearer("tok-viewer"), body: json("{}"))
            #expect(r.status == .forbidden)
        }
    }

    @Test func listsDevicesStationsAndValidatesQueries() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await f.serve(f.dependencies(tokens: nil)) { client in
            let devices = try await client.execute(uri: "/api/v1/devices", method: .get)
            #expect(try Timestamps.decoder().decode([Device].self, from: Data(buffer: devices.body)).map(\.id) == ["uitd-t1"])
            #expect(try await client.execute(uri: "/api/v1/devices?street=other", method: .get).text == "[]\n")
            #expect(try await client.execute(uri: "/api/v1/devices/nope", method: .get).error == "no device \"nope\"")
            #expect(try await client.execute(uri: "/api/v1/alarms?state=closed", method: .get).error == "state must be open or all, not \"closed\"")
            let unknown = try await client.execute(uri: "/api/v2/nothing", method: .get)
            #expect(unknown.status == .notFound)
            #expect(unknown.error == "no route GET /api/v2/nothing")
        }
    }

    @Test func theDashboardAndItsAssetsNeedNoTokenAndLoadNothingFromOutside() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await f.serve(f.dependencies(tokens: ServerFixture.tokens)) { client in
            let page = try await client.execute(uri: "/", method: .get)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("default-src 'self'") == true)
            #expect(page.text.contains("<body data-lang=\"zh\">"))
            for asset in ["app.js", "map.js", "labels.js", "app.css"] {
                let r = try await client.execute(uri: "/dashboard/\(asset)", method: .get)
                #expect(r.status == .ok, "\(asset)")
                #expect(!r.text.contains("http://") || asset == "map.js", "\(asset) must not load anything from outside")
                #expect(!r.text.contains("https://"), "\(asset)")
            }
            let labels = try await client.execute(uri: "/dashboard/labels.js", method: .get).text
            #expect(labels.contains("\"fire\":{\"en\":\"fire\",\"zh\":\"火警\"}"))
            #expect(try await client.execute(uri: "/dashboard/nope.js", method: .get).status == .notFound)
        }
    }

    @Test func healthAndMetricsNeedNoToken() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await f.serve(f.dependencies(tokens: ServerFixture.tokens)) { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            let ready = try await client.execute(uri: "/readyz", method: .get)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(health.text == "ok\n")
            #expect(ready.status == .ok)
            #expect(metrics.text.contains("firewatch_ingest_messages_total"))
        }
    }
}
