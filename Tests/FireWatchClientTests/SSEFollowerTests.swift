import FireWatchClient
import FireWatchCore
import Foundation
import Testing

/// `tail`'s follower over real HTTP on loopback: it resumes with `Last-Event-ID` after the last event it
/// saw, or after where the server said the stream started, and reports refusals with their message.
@Suite(.serialized) struct SSEFollowerTests {
    static func frame(_ event: StreamEvent) -> String {
        "id: \(event.seq)\nevent: \(event.event.type.rawValue)\ndata: \(event.json)\n\n"
    }

    @Test func aReconnectResumesAfterTheLastEventSeen() throws {
        let server = try ScriptedHTTPServer(responses: [
            ScriptedHTTPServer.stream("retry: 2000\n: connected at 0\n\n" + Self.frame(Samples.fireRaised) + Self.frame(Samples.otherStreetAlarm)),
            ScriptedHTTPServer.stream(": connected at 2\n\n" + Self.frame(Samples.fireUpdated)),
        ])
        var follower = SSEFollower(server: ServerAddress(base: "http://127.0.0.1:\(server.port)", token: "t-1"))
        var seen: [Int64] = []
        #expect(follower.follow(initialQuery: "since=10m") { seen.append($0.seq); return true } == .ended)
        #expect(follower.lastEventID == 2)
        #expect(follower.follow(initialQuery: "since=10m") { seen.append($0.seq); return true } == .ended)
        #expect(seen == [1, 2, 3])
        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests[0].hasPrefix("GET /api/v1/events?since=10m HTTP/1.1"))
        #expect(requests[0].contains("Authorization: Bearer t-1"))
        #expect(!requests[0].lowercased().contains("last-event-id"))
        #expect(requests[1].hasPrefix("GET /api/v1/events HTTP/1.1"))
        #expect(requests[1].lowercased().contains("last-event-id: 2"))
    }

    @Test func beforeAnyEventItResumesWhereTheStreamStarted() throws {
        let server = try ScriptedHTTPServer(responses: [
            ScriptedHTTPServer.stream(": connected at 41\n\n: keep-alive\n\n"),
            ScriptedHTTPServer.stream(""),
        ])
        var follower = SSEFollower(server: ServerAddress(base: "http://127.0.0.1:\(server.port)", token: nil))
        #expect(follower.follow(initialQuery: "last=10") { _ in true } == .ended)
        #expect(follower.lastEventID == 41)
        _ = follower.follow(initialQuery: "last=10") { _ in true }
        #expect(server.requests.last?.lowercased().contains("last-event-id: 41") == true)
        #expect(server.requests.last?.hasPrefix("GET /api/v1/events HTTP/1.1") == true)
    }

    @Test func stoppingByTheCallerKeepsThePosition() throws {
        let server = try ScriptedHTTPServer(responses: [
            ScriptedHTTPServer.stream(Self.frame(Samples.fireRaised) + Self.frame(Samples.otherStreetAlarm) + Self.frame(Samples.fireUpdated)),
        ])
        var follower = SSEFollower(server: ServerAddress(base: "http://127.0.0.1:\(server.port)", token: nil))
        #expect(follower.follow(initialQuery: nil) { $0.seq < 2 } == .stoppedByCaller)
        #expect(follower.lastEventID == 2)
    }

    @Test func aRefusalCarriesTheStatusAndTheServersMessage() throws {
        let body = #"{"error": "unknown token: it is not in the tokens file"}"#
        let server = try ScriptedHTTPServer(responses: [
            "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)",
        ])
        var follower = SSEFollower(server: ServerAddress(base: "http://127.0.0.1:\(server.port)", token: "bad"))
        let outcome = follower.follow(initialQuery: nil) { _ in true }
        #expect(outcome == .failed("server answered HTTP 401: unknown token: it is not in the tokens file", status: 401))
        #expect(follower.lastEventID == nil)
    }

    @Test func noServerIsAFailureWithoutStatus() {
        var follower = SSEFollower(server: ServerAddress(base: "http://127.0.0.1:1", token: nil))
        guard case .failed(_, let status) = follower.follow(initialQuery: nil, onEvent: { _ in true }) else {
            Issue.record("expected a failure")
            return
        }
        #expect(status == nil)
    }
}
