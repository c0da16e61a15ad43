import FireWatchCore
import FireWatchPipeline
import Foundation
import Testing

/// The decision core with a manual clock: timers are tested by moving the clock, never by sleeping.
@Suite struct PipelineCoreTests {
    @Test func silenceRepagesTheNextStationAtTheDeadlineThenTheBrigadeIsCalled() throws {
        var h = CoreHarness(ackTimeoutSeconds: 60)
        h.fire("uitd-4")
        #expect(h.pages.map(\.stationID) == ["ms-near"])
        let alarm = try #require(h.alarm(of: "uitd-4"))
        #expect(alarm.state == .dispatched && alarm.station == "ms-near")
        h.advance(59.9)
        h.tick()
        #expect(h.pages.count == 1, "re-paged before the deadline")
        h.advance(0.1)
        h.tick()
        #expect(h.pages.map(\.stationID) == ["ms-near", "ms-far"])
        #expect(h.pages.map(\.rank) == [1, 2])
        h.advance(60)
        h.tick()
        h.advance(60)
        h.tick()
        // Nobody is left: no fourth page, one CAP alert, and every step in the alarm's history.
        #expect(h.pages.map(\.stationID) == ["ms-near", "ms-far", "ms-farther"])
        #expect(h.brigadeAlerts.count == 1)
        let after = try #require(h.alarm(of: "uitd-4"))
        // Escalated once: when the best ETA left (ms-far, 1.1 km) misses the 180 s target.
        #expect(after.history.filter { $0.to == .dispatched }.count == 3)
        #expect(after.history.filter { $0.to == .escalated }.count == 1)
        #expect(after.history.first { $0.to == .escalated }?.why?.contains("exceeds the 180 s target") == true)
    }

    @Test func aDeclinePagesTheNextAtOnceAndAnswersMoveTheAlarm() throws {
        var h = CoreHarness()
        h.fire("uitd-4")
        let first = try #require(h.pages.first)
        h.answer("ms-near", "declined", dispatch: first.dispatchID)
        let second = try #require(h.pages.last)
        #expect(second.stationID == "ms-far" && second.rank == 2)
        h.advance(20)
        h.answer("ms-far", "accepted", dispatch: second.dispatchID)
        #expect(h.alarm(of: "uitd-4")?.state == .accepted)
        #expect(h.stationRows["ms-far"] == "busy")
        h.advance(100)
        h.answer("ms-far", "on_scene", dispatch: second.dispatchID)
        h.answer("ms-far", "resolved", dispatch: second.dispatchID, cause: "false_alarm")
        let done = try #require(h.alarm(of: "uitd-4"))
        #expect(done.state == .resolved && done.resolution == .falseAlarm && done.acceptedAt != nil && done.onSceneAt != nil)
        #expect(h.stationRows["ms-far"] == "available")
        #expect(h.progressRows[done.id] == nil)
        // A resolved alarm's deadline never fires.
        h.advance(600)
        h.tick()
        #expect(h.pages.count == 2)
    }

    @Test func anAnswerFromAStationNeverPagedChangesNothing() throws {
        var h = CoreHarness()
        h.fire("uitd-4")
        let page = try #require(h.pages.first)
        let e = h.answer("ms-farther", #"{"alarm_id": "\#(page.alarmID)", "status": "accepted", "cause": "fire"}"#)
        let alarm = try #require(h.alarm(of: "uitd-4"))
        #expect(!alarm.confirmed && alarm.state == .dispatched && h.brigadeAlerts.isEmpty)
        #expect(e.logs.contains { $0.message == "station message refused" })
        // An answer that names neither an alarm nor a dispatch binds to nothing.
        h.answer("ms-near", #"{"status": "accepted"}"#)
        #expect(h.alarm(of: "uitd-4")?.state == .dispatched)
    }

    @Test func aSecondDetectorOfTheBuildingJoinsTheIncidentAndFollowsIt() throws {
        var h = CoreHarness()
        h.fire("uitd-1")
        h.advance(3)
        h.fire("uitd-2", zone: 2)
        #expect(h.pages.count == 1, "the second detector paged a station of its own")
        let first = try #require(h.alarm(of: "uitd-1"))
        let second = try #require(h.alarm(of: "uitd-2"))
        #expect(second.incident == first.id && second.station == "ms-near" && second.state == .dispatched)
        #expect(first.confirmed && second.confirmed)
        #expect(first.history.map(\.to) == [.raised, .dispatched, .confirmed, .escalated])
        #expect(h.brigadeAlerts.count == 1)
        let page = try #require(h.pages.first)
        h.answer("ms-near", "accepted", dispatch: page.dispatchID)
        #expect(h.alarm(of: "uitd-1")?.state == .accepted && h.alarm(of: "uitd-2")?.state == .accepted)
        #expect(h.alarm(of: "uitd-1")?.confirmed == true && h.alarm(of: "uitd-2")?.confirmed == true)
        h.answer("ms-near", "resolved", dispatch: page.dispatchID, cause: "fire")
        #expect(h.alarm(of: "uitd-1")?.resolution == .fire && h.alarm(of: "uitd-2")?.resolution == .fire)
        // Another building is another incident.
        h.fire("uitd-3")
        #expect(h.pages.count == 2)
    }

    @Test func dispatchTimersSurviveARestart() throws {
        var h = CoreHarness(ackTimeoutSeconds: 60)
        h.fire("uitd-4")
        h.advance(30)
        h.restart()
        h.advance(29)
        h.tick()
        #expect(h.pages.count == 1)
        h.advance(1)
        h.tick()
        #expect(h.pages.map(\.stationID) == ["ms-near", "ms-far"])
        // An answer naming the first page still finds its alarm after the restart.
        let first = try #require(h.pages.first)
        h.answer("ms-near", "accepted", dispatch: first.dispatchID)
        #expect(h.alarm(of: "uitd-4")?.state == .accepted)
    }

    @Test func supervisionOpensOfflineAfterMissedHeartbeatsAndAHeartbeatClosesIt() throws {
        let quiet = CoreHarness.panel("uitd-hb", building: nil, heartbeat: 30)
        var h = CoreHarness(devices: [quiet])
        h.heartbeat("uitd-hb")
        h.advance(89)
        h.tick()
        #expect(h.hazardRows.isEmpty)
        h.advance(2)
        h.tick()
        let offline = try #require(h.hazardRows.values.first)
        #expect(offline.kind == .offline && offline.isOpen)
        h.advance(5)
        h.heartbeat("uitd-hb")
        #expect(h.hazardRows[offline.id]?.state == .closed)
    }

    @Test func anOperatorsResolveOfTheIncidentResolvesTheAlarmsThatJoinedIt() throws {
        var h = CoreHarness()
        h.fire("uitd-1")
        h.fire("uitd-2", zone: 2)
        let first = try #require(h.alarm(of: "uitd-1"))
        _ = try h.act(AlarmAction(alarmID: first.id, kind: .resolve, by: "duty-wang", cause: .falseAlarm))
        #expect(h.alarm(of: "uitd-2")?.state == .resolved && h.alarm(of: "uitd-2")?.resolution == .falseAlarm)
        #expect(h.stationRows["ms-near"] == nil || h.stationRows["ms-near"] == "available")
    }
}
