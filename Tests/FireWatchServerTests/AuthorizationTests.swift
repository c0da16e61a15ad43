import FireWatchCore
import FireWatchServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Roles from the tokens file over real HTTP on loopback: 401 without a known token, 403 when the role
/// is too low, 409 for a transition the state does not allow, JSON errors that say what is wrong.
@Suite struct AuthorizationTests {
    @Test func theRoleMatrix() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let alarm = try f.raise()
        try await f.serve(f.dependencies(tokens: ServerFixture.tokens)) { client in
            let ack = "/api/v1/alarms/\(alarm.id)/acknowledge"
            var r = try await client.execute(uri: "/api/v1/alarms", method: .get)
            #expect(r.status == .unauthorized)
            #expect(r.headers[.wwwAuthenticate] == "Bearer realm=\"firewatch\"")
            #expect(r.error?.contains("Authorization: Bearer") == true)
            r = try await client.execute(uri: "/api/v1/alarms", method: .get, headers: bearer("nope"))
            #expect(r.status == .unauthorized)
            #expect(r.error == "unknown token: it is not in the tokens file")
            r = try await client.execute(uri: "/api/v1/alarms", method: .get, headers: bearer("tok-viewer"))
            #expect(r.status == .ok)
            #expect(r.text.contains(alarm.id))
            #expect(r.headers[APIRouter.eventSeqHeader] == "1")

            r = try await client.execute(uri: ack, method: .post)
            #expect(r.status == .unauthorized)
            r = try await client.execute(uri: ack, method: .post, headers: bearer("nope"))
            #expect(r.status == .unauthorized)
            r = try await client.execute(uri: ack, method: .post, headers: bearer("tok-viewer"))
            #expect(r.status == .forbidden)
            #expect(r.error == "token \"street-office\" has role viewer; this needs operator")
            r = try await client.execute(uri: ack, method: .post, headers: bearer("tok-operator"))
            #expect(r.status == .ok)
            let acked = try Timestamps.decoder().decode(Alarm.self, from: Data(buffer: r.body))
            #expect(acked.acknowledged)
            #expect(acked.history.last?.by == "duty-officer")
            r = try await client.execute(uri: ack, method: .post, headers: bearer("tok-operator"))
            #expect(r.status == .conflict)
            #expect(r.error == "alarm \(alarm.id) is already acknowledged")

            let resolve = "/api/v1/alarms/\(alarm.id)/resolve"
            let body = json(#"{"by": "王班长", "note": "烟雾来自厨房", "cause": "false_alarm"}"#)
            r = try await client.execute(uri: resolve, method: .post, headers: bearer("tok-operator"), body: body)
            #expect(r.status == .ok)
            let resolved = try Timestamps.decoder().decode(Alarm.self, from: Data(buffer: r.body))
            #expect(resolved.state == .resolved && resolved.resolution == .falseAlarm)
            #expect(resolved.history.last?.by == "王班长 (token duty-officer)")
            #expect(resolved.history.last?.why == "cause false_alarm; 烟雾来自厨房")
            r = try await client.execute(uri: resolve, method: .post, headers: bearer("tok-operator"))
            #expect(r.status == .conflict)
            r = try await client.execute(uri: "/api/v1/alarms/alm-nope/resolve", method: .post, headers: bearer("tok-operator"))
            #expect(r.status == .notFound)
            #expect(r.error == "no alarm \"alm-nope\"")
        }
    }

    @Test func aQueryTokenOpensOnlyTheEventStream() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let alarm = try f.raise()
        try await f.serve(f.dependencies(tokens: ServerFixture.tokens)) { client in
            let read = try await client.execute(uri: "/api/v1/alarms?token=tok-viewer", method: .get)
            let act = try await client.execute(uri: "/api/v1/alarms/\(alarm.id)/acknowledge?token=tok-operator", method: .post)
            #expect(read.status == .unauthorized, "a token in the URL of anything but the stream")
            #expect(act.status == .unauthorized)
        }
    }

    @Test func withoutATokensFileLoopbackReadsAndEveryPostIsRefused() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let alarm = try f.raise()
        try await f.serve(f.dependencies(tokens: nil)) { client in
            let r = try await client.execute(uri: "/api/v1/alarms/\(alarm.id)", method: .get)
            #expect(r.status == .ok)
            let who = try await client.execute(uri: "/api/v1/whoami", method: .get)
            #expect(who.text == "{\"name\":\"loopback\",\"role\":\"viewer\"}\n")
            let post = try await client.execute(uri: "/api/v1/alarms/\(alarm.id)/acknowledge", method: .post, headers: bearer("tok-operator"))
            #expect(post.status == .forbidden)
            #expect(post.error?.contains("read-only") == true)
        }
    }

    @Test(arguments: [
        (#"{"note": 5}"#, "note must be a string"),
        (#"{"cause": "false_alarm"}"#, "unknown field \"cause\"; this route takes by, note"),
        ("not json", "body must be a JSON object with the fields by, note"),
        (#"["by"]"#, "body must be a JSON object with the fields by, note"),
    ])
    func badBodiesSayWhatIsWrong(body: String, error: String) async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let alarm = try f.raise()
        try await f.serve(f.dependencies(tokens: ServerFixture.tokens)) { client in
            let r = try await client.execute(
                uri: "/api/v1/alarms/\(alarm.id)/confirm", method: .post, headers: bearer("tok-operator"), body: json(body))
            #expect(r.status == .badRequest)
            #expect(r.error == error)
        }
    }

    @Test func bodiesAreLimitedAndCausesChecked() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let alarm = try f.raise()
        try await f.serve(f.dependencies(tokens: ServerFixture.tokens)) { client in
            let big = json("{\"note\": \"" + String(repeating: "x", count: APIRouter.maxBodyBytes) + "\"}")
            var r = try await client.execute(uri: "/api/v1/alarms/\(alarm.id)/confirm", method: .post, headers: bearer("tok-operator"), body: big)
            #expect(r.status == .badRequest)
            #expect(r.error == "request body larger than \(APIRouter.maxBodyBytes) bytes")
            r = try await client.execute(
                uri: "/api/v1/alarms/\(alarm.id)/resolve", method: .post, headers: bearer("tok-operator"), body: json(#"{"cause": "arson"}"#))
            #expect(r.status == .badRequest)
            #expect(r.error == "cause must be one of fire, false_alarm, test, nuisance, device_fault, not \"arson\"")
        }
    }
}
