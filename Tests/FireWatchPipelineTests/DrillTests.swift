import FireWatchCore
import FireWatchPipeline
import Foundation
import Testing

/// Drills (联勤联训) in the decision core with a manual clock: the named station is paged with an
/// exercise dispatch and answers it as usual; silence pages nobody else, nothing goes to the brigade,
/// and live alarms, the index and the metrics never see it.
@Suite struct DrillTests {
    static func drill(_ h: inout CoreHarness, station: String, device: String?) throws(AlarmActionError) -> Alarm {
        let (alarm, e) = try h.core.startDrill(station: station, device: device, by: "district-brigade", now: h.now)
        h.commit(e)
        return alarm
    }

    @Test func theNamedStationIsPagedAndAnswersAsUsualAndSilencePagesNobodyElse() throws {
        var h = CoreHarness()
        let alarm = try Self.drill(&h, station: "ms-far", device: "uitd-4")
        #expect(alarm.isDrill && alarm.building == nil && alarm.address == "uitd-4 地址")
        // The named station, though ms-near is nearer; the order says it is a drill.
        #expect(h.pages.map(\.stationID) == ["ms-far"] && h.pages.first?.drill == true)
        #expect(h.events.contains { $0.type == .alarmRaised && $0.alarm?.id == alarm.id && $0.noteZH?.contains("演练") == true })
        h.advance(61)
        h.tick()
        #expect(h.pages.count == 1, "a drill's silence paged another station")
        #expect(h.brigadeAlerts.isEmpty)
        // A late answer is still taken (the station was paged for it).
        let page = try #require(h.pages.first)
        h.answer("ms-far", "accepted", dispatch: page.dispatchID)
        h.advance(100)
        h.answer("ms-far", "on_scene", dispatch: page.dispatchID)
        h.answer("ms-far", "resolved", dispatch: page.dispatchID, cause: "test")
        let done = try #require(h.alarmRows[alarm.id])
        #expect(done.state == .resolved && done.isDrill && done.onSceneAt != nil && done.resolution == .test)
        #expect(h.stationRows["ms-far"] == "available")
    }

    @Test func aRealAlarmOfTheSameDeviceDuringADrillIsItsOwnAndLiveFiguresNeverSeeTheDrill() throws {
        var h = CoreHarness()
        let drill = try Self.drill(&h, station: "ms-far", device: "uitd-1")
        let (_, confirm) = try h.core.apply(AlarmAction(alarmID: drill.id, kind: .confirm, by: "duty-officer"), now: h.now)
        h.commit(confirm)
        #expect(h.brigadeAlerts.isEmpty, "a confirmed drill went to the brigade")
        #expect(h.core.hazardIndex(.street, now: h.now).first { $0.id == "changshoulu" }?.openFireAlarms ?? 0 == 0)
        h.advance(5)
        h.fire("uitd-1")
        let live = try #require(h.alarm(of: "uitd-1"))
        #expect(live.id != drill.id && !live.isDrill && live.incident == nil)
        #expect(h.pages.last?.stationID == "ms-near" && h.pages.last?.drill == nil)
        #expect(h.core.hazardIndex(.street, now: h.now).first { $0.id == "changshoulu" }?.openFireAlarms == 1)
    }

    @Test func aDeclinedDrillPagesNobodyElse() throws {
        var h = CoreHarness()
        let drill = try Self.drill(&h, station: "ms-near", device: "uitd-4")
        h.answer("ms-near", "declined", dispatch: try #require(h.pages.first).dispatchID)
        h.advance(120)
        h.tick()
        #expect(h.pages.map(\.stationID) == ["ms-near"], "a drill's decline paged a real station")
        #expect(h.brigadeAlerts.isEmpty)
        #expect(h.alarmRows[drill.id]?.isOpen == true)
    }

    @Test func unknownOrUnavailableStationsAndDevicesAreRefused() throws {
        var h = CoreHarness()
        #expect(throws: AlarmActionError.unknown("no station \"ms-none\"")) { try Self.drill(&h, station: "ms-none", device: nil) }
        #expect(throws: AlarmActionError.unknown("no device \"nope\"")) { try Self.drill(&h, station: "ms-far", device: "nope") }
        // At the station itself when no device is named.
        let at = try Self.drill(&h, station: "ms-near", device: nil)
        #expect(at.location == CoreHarness.stations[0].location && at.street == "changshoulu")
        h.answer("ms-near", "accepted", dispatch: try #require(h.pages.last).dispatchID)
        #expect(throws: AlarmActionError.self) { try Self.drill(&h, station: "ms-near", device: nil) }
    }
}
