import FireWatchCore
import FireWatchHazards
import Foundation
import Testing

/// Heartbeat supervision and hazard deadlines, driven by `tick`.
@Suite struct SupervisionTests {
    @Test func silenceForThreeHeartbeatsOpensOfflineAndAMessageClosesIt() throws {
        var h = Harness(fleet: [Fleet.panel])
        h.send(Fleet.panel, .heartbeat)
        h.advance(89)
        #expect(h.tick().isEmpty)
        h.advance(1)
        let opened = try #require(h.tick().opened.first)
        #expect(opened.kind == .offline && opened.history.first?.by == "supervision")
        #expect(opened.dueAt == opened.openedAt.addingTimeInterval(24 * 3600))
        #expect(h.tick().isEmpty)  // once
        h.advance(10)
        let closed = try #require(h.send(Fleet.panel, .heartbeat).closed.first)
        #expect(closed.id == opened.id && closed.closedBy == "device" && closed.history.last?.why == "heard again after 100 s")
    }

    @Test func aDeviceHeardAgainIsJudgedFromItsNewDeadlineAndCanGoSilentAgain() throws {
        var h = Harness(fleet: [Fleet.panel])
        for _ in 0..<5 {
            h.advance(60)
            h.send(Fleet.panel, .heartbeat)  // heard every 60 s: never 90 s silent
            #expect(h.tick().isEmpty)
        }
        h.advance(89)
        #expect(h.tick().isEmpty)
        h.advance(1)
        let first = try #require(h.tick().opened.first)
        for _ in 0..<3 {
            h.advance(30)
            #expect(h.tick().isEmpty)  // judged once, not on every tick
        }
        #expect(h.send(Fleet.panel, .heartbeat).closed.first?.id == first.id)
        h.advance(90)
        let again = h.tick()
        #expect(again.opened.count + again.hazardsUpdated(.reopened).count == 1)  // silent again: judged again
    }

    @Test func noOfflineStormAtStartUp() {
        // Restarted at t0; nobody was heard since. The first judgement comes a full window later.
        var h = Harness(fleet: Fleet.all)
        h.advance(89)
        #expect(h.tick().opened.isEmpty)
        h.advance(1)
        #expect(h.tick().opened.map(\.device) == ["uitd-1"])  // 3 × 30 s; the others keep 300 s
        h.advance(810)
        #expect(h.tick().opened.count == Fleet.all.count - 1)
    }

    @Test func aDeviceAddedByAReloadIsWatchedFromThen() {
        var h = Harness(fleet: [])
        h.advance(3600)
        h.engine.setFleet([Fleet.panel], now: h.now)
        h.advance(60)
        #expect(h.tick().isEmpty)
        h.advance(30)
        #expect(h.tick().opened.count == 1)
    }

    @Test func rectifyingAnOfflineHazardGivesTheDeviceAFullWindow() throws {
        var h = Harness(fleet: [Fleet.panel])
        h.advance(90)
        let opened = try #require(h.tick().opened.first)
        _ = try h.act(HazardAction(hazardID: opened.id, kind: .rectify, by: "op", note: "replaced the DTU"))
        h.advance(60)
        #expect(h.tick().isEmpty)
        h.advance(30)
        #expect(h.tick().hazardsUpdated(.reopened).first?.id == opened.id)
    }

    /// Keeps no heartbeat, so these deadline tests see no offline hazard.
    let unsupervised = Fleet.profile("smk-u", kind: "smoke", heartbeat: 0)

    @Test func aHazardNotRectifiedByItsDeadlineTurnsOverdueOnce() throws {
        var h = Harness(fleet: [])
        let opened = try #require(h.send(unsupervised, .tamper).opened.first)
        #expect(opened.dueAt == h.now.addingTimeInterval(24 * 3600))
        h.advance(24 * 3600 - 1)
        #expect(h.tick().hazardsUpdated(.overdue).isEmpty)
        h.advance(1)
        let late = try #require(h.tick().hazardsUpdated(.overdue).first)
        #expect(late.overdue && late.history.last?.to == "overdue")
        h.advance(60)
        #expect(h.tick().isEmpty)
    }

    @Test func aHazardRectifiedInTimeNeverTurnsOverdue() throws {
        var h = Harness(fleet: [])
        let opened = try #require(h.send(unsupervised, .lowBattery).opened.first)
        _ = try h.act(HazardAction(hazardID: opened.id, kind: .rectify, by: "op", note: "fixed"))
        h.advance(73 * 3600)
        #expect(h.tick().isEmpty)
    }
}
