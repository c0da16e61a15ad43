import FireWatchCore
import Foundation
import Testing

@testable import FireWatchHazards

/// Hazards people find and fix (隐患协同清零): the four-eyes rule, deadlines by kind, a reminder before
/// the deadline and one 督办 when it passes, on the injected clock.
@Suite struct PatrolHazardTests {
    static func patrol(_ kind: HazardKind = .ebikeCharging, at t: Date, hours: Double) -> Hazard {
        Hazard(
            patrol: "hzd-p1", kind: kind, street: "changshoulu", community: "changshoulu-c01", unit: "unit-1", device: nil,
            location: nil, address: "长寿路 100 弄 3 号楼", description: "楼道内电动自行车充电", assignee: Contact(name: "王经理"),
            photos: [], openedAt: t, by: "inspector-zhang", allowance: hours * 3600)
    }

    @Test func rectifyNeedsANoteAndTheOneWhoRectifiedCannotClose() throws {
        var h = Harness()
        let id = try #require(h.send(Fleet.smoke1, .fault).opened.first?.id)
        #expect(throws: HazardActionError.badRequest("rectifying hazard \(id) needs a note saying what was done")) {
            _ = try h.act(HazardAction(hazardID: id, kind: .rectify, by: "li"))
        }
        let rectified = try #require(try h.act(HazardAction(hazardID: id, kind: .rectify, by: "li", note: "换了探测器")).hazardsUpdated(.rectified).first)
        #expect(rectified.rectifiedBy == "li")
        #expect(throws: HazardActionError.conflict("hazard \(id) was rectified by li; someone else must verify and close it (four eyes)")) {
            _ = try h.act(HazardAction(hazardID: id, kind: .close, by: "li"))
        }
        let closed = try #require(try h.act(HazardAction(hazardID: id, kind: .close, by: "zhao")).closed.first)
        #expect(closed.closedBy == "zhao" && closed.rectifiedBy == "li" && closed.history.map(\.by) == ["device:smk-1", "li", "zhao"])
    }

    @Test func aPatrolHazardGetsOneReminderThenOneOverdueAndWeighsTwo() throws {
        var h = Harness(fleet: [])
        let hazard = Self.patrol(at: h.now, hours: 4)
        #expect(h.engine.open(patrol: hazard).opened.map(\.id) == ["hzd-p1"])
        #expect(hazard.dueAt == h.now.addingTimeInterval(4 * 3600) && hazard.episodeKey == "patrol|hzd-p1")
        h.advance(2 * 3600)
        #expect(h.tick().isEmpty)
        h.advance(3600 + 1)  // 59 minutes left: within a quarter of the allowance
        #expect(h.tick().hazardsUpdated(.reminder).map(\.id) == ["hzd-p1"])
        #expect(h.tick().isEmpty)
        h.advance(3600)
        let late = h.tick().hazardsUpdated(.overdue)
        #expect(late.map(\.id) == ["hzd-p1"] && late[0].overdue && late[0].history.map(\.to) == ["open", "reminder", "overdue"])
        h.advance(3600)
        #expect(h.tick().hazardsUpdated(.overdue).isEmpty)
        let device = Device(id: "d", model: "m", location: GeoPoint(lat: 31.24, lon: 121.43), address: "", street: "changshoulu", community: "changshoulu-c01")
        let index = HazardIndex.entries(level: .street, devices: [device], hazards: Array(h.engine.hazards.open.values), alarms: [], now: h.now)
        #expect(index.first?.score == 400)  // 100 × weight 2 × overdue 2 / 1 device
    }

    @Test func aReopenedHazardIsNoLongerRectifiedAndGetsItsDeadlineBack() throws {
        var h = Harness()
        let id = try #require(h.send(Fleet.smoke1, .fault).opened.first?.id)
        _ = try h.act(HazardAction(hazardID: id, kind: .rectify, by: "li", note: "重启"))
        let reopened = try #require(h.send(Fleet.smoke1, .fault).hazardsUpdated(.reopened).first)
        #expect(reopened.rectifiedAt == nil && reopened.rectifiedBy == nil && !reopened.reminded)
        h.advance(25 * 3600)
        #expect(h.tick().hazardsUpdated(.overdue).map(\.id) == [id], "late by its deadline alone once reopened")
    }

    @Test func dueHoursOverrideTheKindsDefaults() {
        var p = HazardPolicy()
        #expect(p.allowance(.blockedExit) == 72 * 3600 && p.allowance(.offline) == 24 * 3600)
        p.dueHours[.blockedExit] = 0.5
        #expect(p.allowance(.blockedExit) == 1800)
    }
}
