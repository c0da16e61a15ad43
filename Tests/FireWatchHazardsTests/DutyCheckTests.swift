import FireWatchCore
import FireWatchHazards
import Foundation
import Testing

/// Duty checks (查岗) to a key unit's control room, on a hand-moved clock: unanswered in time opens
/// `duty_unanswered`, an answer closes it, and a pending check survives a restart through its row.
@Suite struct DutyCheckTests {
    /// A panel whose heartbeat supervision stays out of the way (a day between heartbeats).
    static let panel = Fleet.profile("uitd-9", kind: "panel", heartbeat: 86_400)
    @Test func anUnansweredCheckOpensTheHazardOnceAndAnAnswerClosesIt() throws {
        var h = Harness(fleet: [Self.panel])
        h.engine.dutyCheckSent(Self.panel.id, at: h.now, answerWithin: 300)
        h.advance(299)
        h.send(Self.panel, .heartbeat)  // a heartbeat is no answer
        #expect(h.tick().isEmpty)
        h.advance(1)
        let opened = try #require(h.tick().opened.first)
        #expect(opened.kind == .dutyUnanswered && opened.device == Self.panel.id && opened.history.first?.by == "duty-check")
        #expect(opened.dueAt == opened.openedAt.addingTimeInterval(24 * 3600))
        h.advance(30)
        #expect(h.tick().opened.isEmpty)  // once
        let closed = try #require(h.send(Self.panel, .dutyCheckAnswered).closed.first)
        #expect(closed.id == opened.id && closed.closedBy == "device:\(Self.panel.id)")
    }

    @Test func anAnswerInTimeLeavesNothingAndALaterCheckKeepsTheEarlierDeadline() throws {
        var h = Harness(fleet: [Self.panel])
        h.engine.dutyCheckSent(Self.panel.id, at: h.now, answerWithin: 300)
        h.advance(120)
        #expect(h.send(Self.panel, .dutyCheckAnswered).isEmpty)
        h.advance(600)
        #expect(h.tick().opened.isEmpty)

        h.engine.dutyCheckSent(Self.panel.id, at: h.now, answerWithin: 300)
        h.advance(200)
        h.engine.dutyCheckSent(Self.panel.id, at: h.now, answerWithin: 300)  // the first is still unanswered
        h.advance(100)
        #expect(h.tick().opened.first?.kind == .dutyUnanswered)
    }

    @Test func aPendingCheckIsARowAndComesBackAfterARestart() throws {
        var h = Harness(fleet: [Self.panel])
        h.engine.dutyCheckSent(Self.panel.id, at: h.now, answerWithin: 300)
        let encoder = JSONEncoder(), decoder = JSONDecoder()
        let rows = h.engine.takeMemoryRows(includingTrends: true, encoder: encoder)
        #expect(rows.map(\.part) == ["duty_checks"])
        var problems: [String] = []
        let memory = HazardMemory(rows: rows, decoder: decoder, problems: &problems)
        #expect(problems.isEmpty)
        var restarted = Harness(fleet: [Self.panel], memory: memory, start: h.now)
        restarted.advance(301)
        #expect(restarted.tick().opened.first?.kind == .dutyUnanswered)
    }
}
