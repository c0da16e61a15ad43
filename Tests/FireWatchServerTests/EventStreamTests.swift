import FireWatchCore
import FireWatchStore
import FireWatchTestKit
import Foundation
import Testing

@testable import FireWatchServer

/// The stream reads the store by `seq`: resumes exactly, and drops a client that stops reading or
/// stays too far behind, without ever holding up the writer.
@Suite(.serialized) struct EventStreamTests {
    @Test func resumesAfterLastEventIDWithoutGapOrRepeat() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        for _ in 0..<5 { try f.raise() }
        try await f.serve(f.dependencies(tokens: ServerFixture.tokens)) { client in
            let c = try RawHTTPConnection(port: client.port!)
            c.get("/api/v1/events?token=tok-viewer", headers: ["Last-Event-ID": "2"])
            var text = ""
            try await eventually("ids 3...5 in \(text)") {
                text += c.read(seconds: 0)
                return RawHTTPConnection.ids(text) == [3, 4, 5]
            }
            #expect(text.contains(": connected at 2"))
            #expect(text.contains("event: alarm.raised\ndata: {"))
            try f.raise()
            try await eventually("id 6 live") {
                text += c.read(seconds: 0)
                return RawHTTPConnection.ids(text) == [3, 4, 5, 6]
            }
        }
    }

    @Test func badStartPositionsAreRefused() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await f.serve(f.dependencies(tokens: nil)) { client in
            let r = try await client.execute(uri: "/api/v1/events?after=-1", method: .get)
            #expect(r.status == .badRequest)
            #expect(r.error == "after must be a sequence number")
            let s = try await client.execute(uri: "/api/v1/events?since=yesterday", method: .get)
            #expect(s.error == "since must be a duration like 10m or an RFC 3339 time")
        }
    }

    @Test func aClientThatStopsReadingIsDisconnectedWhileWritesGoOn() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let limits = EventStreamLimits(maxWriteSeconds: 1, keepAliveSeconds: 60)
        try await f.serve(f.dependencies(tokens: nil, limits: limits)) { client in
            let stalled = try RawHTTPConnection(port: client.port!, receiveBuffer: 4096)
            stalled.get("/api/v1/events?after=0")
            // About 9 MB of events: more than the kernel buffers on both sides (4 MB send at most); every
            // commit still goes through at once.
            var slowest = 0.0
            for _ in 0..<150 {
                let start = Date()
                var step = PipelineCommit(cursor: 0)
                for _ in 0..<100 {
                    let a = ServerFixture.alarm()
                    step.alarms.append(a)
                    step.events.append(FeedEvent(at: Date(), type: .alarmRaised, alarm: a))
                }
                try f.store.commit(step)
                slowest = max(slowest, Date().timeIntervalSince(start))
            }
            #expect(slowest < 2, "a stalled reader must never hold up the writer")
            try await eventually("the server closes the stalled connection", seconds: 15) { stalled.peerClosed }
        }
    }

    @Test func lagWatchDropsOnlyAClientThatStaysBehindWithoutCatchingUp() {
        let limits = EventStreamLimits(maxBehindEvents: 100, maxBehindSeconds: 30)
        /// Observes (lag, seconds) in order; returns the verdicts.
        func verdicts(_ samples: [(Int64, Double)]) -> [Bool] {
            var watch = LagWatch(limits: limits)
            return samples.map { watch.observe(lag: $0.0, at: Date(timeIntervalSince1970: $0.1)) }
        }
        #expect(verdicts([(500, 0), (600, 29), (700, 30)]) == [false, false, true])
        #expect(verdicts([(50_000, 0), (30_000, 31), (10_000, 62)]) == [false, false, false])
        #expect(verdicts([(500, 0), (10, 20), (500, 40), (500, 60), (500, 70)]) == [false, false, false, false, true])
    }

    @Test func writeClockReportsOnlyWritesBlockedPastTheLimit() {
        let clock = WriteClock()
        let t0 = Date(timeIntervalSince1970: 0)
        #expect(clock.overdue(limit: 30, at: t0) == nil)
        clock.begin(at: t0)
        #expect(clock.overdue(limit: 30, at: t0.addingTimeInterval(29)) == nil)
        #expect(clock.overdue(limit: 30, at: t0.addingTimeInterval(31)) == 31)
        clock.end()
        #expect(clock.overdue(limit: 30, at: t0.addingTimeInterval(60)) == nil)
    }
}
