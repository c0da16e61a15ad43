import FireWatchCore
import FireWatchPipeline
import Foundation
import Testing

/// Station answers are accepted only from the station the named dispatch was sent to, for an alarm
/// still open; every refusal is a `station.refused` event and applies nothing (issue 12).
@Suite struct StationAnswerTests {
    /// A fire alarm from the panel in no building, paged to ms-near.
    static func paged() throws -> (CoreHarness, DispatchOrder) {
        var h = CoreHarness()
        h.fire("uitd-4")
        let page = try #require(h.pages.first)
        #expect(page.stationID == "ms-near")
        return (h, page)
    }

    /// Nothing moved: not confirmed, still dispatched, no brigade, no second page; one refusal naming `why`.
    static func expectNothingApplied(_ h: CoreHarness, refusals: Int = 1, why: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let alarm = h.alarm(of: "uitd-4")
        #expect(alarm?.confirmed == false && alarm?.state == .dispatched, sourceLocation: sourceLocation)
        #expect(h.brigadeAlerts.isEmpty && h.pages.count == 1, sourceLocation: sourceLocation)
        #expect(!h.sent.contains { $0.topic.hasPrefix("firewatch/brigade") }, sourceLocation: sourceLocation)
        let refused = h.events.filter { $0.type == .stationRefused }
        #expect(refused.count == refusals, sourceLocation: sourceLocation)
        #expect(refused.last?.note?.contains(why) == true, "\(refused.last?.note ?? "no refusal")", sourceLocation: sourceLocation)
    }

    @Test func aStationNeverPagedCannotConfirmOrAccept() throws {
        var (h, page) = try Self.paged()
        h.answer("ms-farther", #"{"alarm_id": "\#(page.alarmID)", "status": "accepted", "cause": "fire"}"#)
        Self.expectNothingApplied(h, why: "ms-farther was not paged")
        #expect(h.events.last { $0.type == .stationRefused }?.station?.id == "ms-farther")
    }

    @Test func aDispatchSentToAnotherStationIsNotAnsweredForIt() throws {
        var (h, page) = try Self.paged()
        h.answer("ms-far", "accepted", dispatch: page.dispatchID, cause: "fire")
        Self.expectNothingApplied(h, why: "was sent to ms-near, not to ms-far")
        h.answer("ms-far", "resolved", dispatch: page.dispatchID, cause: "false_alarm")
        Self.expectNothingApplied(h, refusals: 2, why: "not to ms-far")
    }

    @Test func anAnswerNamingNeitherDispatchNorAlarmIsRefused() throws {
        var (h, _) = try Self.paged()
        h.answer("ms-near", #"{"status": "accepted", "cause": "fire"}"#)
        Self.expectNothingApplied(h, why: "names neither a dispatch nor an alarm")
    }

    @Test func aDispatchAndAnAlarmThatDisagreeAreRefused() throws {
        var (h, page) = try Self.paged()
        h.fire("uitd-3")
        let other = try #require(h.alarm(of: "uitd-3"))
        h.answer("ms-near", #"{"dispatch_id": "\#(page.dispatchID)", "alarm_id": "\#(other.id)", "status": "accepted", "cause": "fire"}"#)
        #expect(h.alarm(of: "uitd-4")?.confirmed == false && h.alarm(of: "uitd-3")?.confirmed == false)
        #expect(h.events.last { $0.type == .stationRefused }?.note?.contains("is for alarm \(page.alarmID), not for \(other.id)") == true)
    }

    @Test func unknownDispatchesAndClosedAlarmsAreRefused() throws {
        var (h, page) = try Self.paged()
        h.answer("ms-near", "accepted", dispatch: "dsp-forged", cause: "fire")
        Self.expectNothingApplied(h, why: "dispatch dsp-forged is not in progress")
        h.answer("ms-near", "accepted", dispatch: page.dispatchID)
        h.answer("ms-near", "resolved", dispatch: page.dispatchID, cause: "false_alarm")
        #expect(h.alarm(of: "uitd-4")?.state == .resolved)
        h.answer("ms-near", #"{"alarm_id": "\#(page.alarmID)", "status": "on_scene", "cause": "fire"}"#)
        #expect(h.alarm(of: "uitd-4")?.state == .resolved && h.alarm(of: "uitd-4")?.confirmed == false && h.brigadeAlerts.isEmpty)
        #expect(h.events.last { $0.type == .stationRefused }?.note?.contains("alarm \(page.alarmID) is not open") == true)
    }

    @Test func outOfOrderAnswersApplyNothingTheyCarry() throws {
        var (h, page) = try Self.paged()
        // On the scene with a fire before accepting: refused, so the fire is not taken as verified.
        h.answer("ms-near", "on_scene", dispatch: page.dispatchID, cause: "fire")
        Self.expectNothingApplied(h, why: "ms-near has not accepted")
        #expect(h.stationRows["ms-near"] == nil)
    }

    @Test func thePagedStationsFireReportConfirmsAndCallsTheBrigade() throws {
        var (h, page) = try Self.paged()
        h.answer("ms-near", "accepted", dispatch: page.dispatchID, cause: "fire")
        let alarm = try #require(h.alarm(of: "uitd-4"))
        #expect(alarm.confirmed && alarm.state == .accepted)
        #expect(h.brigadeAlerts.count == 1)
        #expect(!h.events.contains { $0.type == .stationRefused })
    }

    @Test func unreadableMessagesAreRefusalsToo() throws {
        var (h, _) = try Self.paged()
        h.answer("ms-near", "{\"status\": \"accepted\"")
        Self.expectNothingApplied(h, why: "unreadable answer")
        h.receive("firewatch/stations/ms-near/status", Array(#"{"status": "asleep"}"#.utf8))
        #expect(h.events.last?.type == .stationRefused && h.events.last?.note?.contains("unreadable status message") == true)
    }

    @Test func aStationOnAnAcceptedAlarmCannotReportItselfAvailable() throws {
        var (h, page) = try Self.paged()
        h.answer("ms-near", "accepted", dispatch: page.dispatchID)
        #expect(h.stationRows["ms-near"] == "busy")
        h.receive("firewatch/stations/ms-near/status", Array(#"{"status": "available"}"#.utf8))
        #expect(h.stationRows["ms-near"] == "busy")
        #expect(h.events.last?.type == .stationRefused && h.events.last?.note?.contains("accepted alarm \(page.alarmID)") == true)
        // Out of service is taken (the duty room knows best when it cannot go out).
        h.receive("firewatch/stations/ms-far/status", Array(#"{"status": "out_of_service"}"#.utf8))
        #expect(h.stationRows["ms-far"] == "out_of_service")
        // Once the alarm is resolved, it is available again by itself.
        h.answer("ms-near", "resolved", dispatch: page.dispatchID, cause: "false_alarm")
        #expect(h.stationRows["ms-near"] == "available")
    }

    @Test func aStationThatDeclinedCannotTakeTheAlarmBack() throws {
        var (h, page) = try Self.paged()
        h.answer("ms-near", "declined", dispatch: page.dispatchID)
        let next = try #require(h.pages.last)
        #expect(next.stationID == "ms-far")
        h.answer("ms-near", "accepted", dispatch: page.dispatchID, cause: "fire")
        #expect(h.alarm(of: "uitd-4")?.confirmed == false && h.alarm(of: "uitd-4")?.state == .dispatched)
        #expect(h.events.last?.type == .stationRefused && h.events.last?.note?.contains("ms-near declined") == true)
        h.answer("ms-far", "accepted", dispatch: next.dispatchID)
        #expect(h.alarm(of: "uitd-4")?.state == .accepted && h.stationRows["ms-far"] == "busy")
    }
}
