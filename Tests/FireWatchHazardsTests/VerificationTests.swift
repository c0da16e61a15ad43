import FireWatchCore
import FireWatchHazards
import Foundation
import Testing

/// Verification: a second detector of the building within the window, a manual alarm, a station or an
/// operator confirms; the change tells dispatch to escalate.
@Suite struct VerificationTests {
    @Test func oneDetectorAloneIsNotConfirmed() {
        var h = Harness()
        let changes = h.send(Fleet.smoke1, .fireAlarm)
        #expect(changes.confirmed.isEmpty && changes.raised.first?.confirmed == false)
    }

    @Test func aSecondDetectorOfTheBuildingWithinTheWindowConfirmsBoth() throws {
        var h = Harness()
        h.send(Fleet.smoke1, .fireAlarm)
        h.advance(90)
        let changes = h.send(Fleet.smoke2, .fireAlarm)
        #expect(Set(changes.confirmed.map(\.device)) == ["smk-1", "smk-2"])
        let first = try #require(h.alarm(Fleet.smoke1, .fire))
        #expect(first.confirmed && first.history.last?.to == .confirmed && first.history.last?.by == "coincidence")
        #expect(first.history.last?.why?.contains("smk-2") == true)
        // Confirmed once: a further repeat confirms nothing more.
        #expect(h.send(Fleet.smoke2, .fireAlarm).confirmed.isEmpty)
    }

    @Test func aSecondDetectorOutsideTheWindowOrInAnotherBuildingDoesNotConfirm() {
        var h = Harness()
        h.send(Fleet.smoke1, .fireAlarm)
        h.advance(121)
        #expect(h.send(Fleet.smoke2, .fireAlarm).confirmed.isEmpty)
        h.advance(1)
        #expect(h.send(Fleet.smokeOther, .fireAlarm).confirmed.isEmpty)
    }

    @Test func twoPointsOfOnePanelAreTwoDetectors() {
        var h = Harness()
        h.send(Fleet.panel, .fireAlarm, point: Fleet.point(1))
        #expect(h.send(Fleet.panel, .fireAlarm, point: Fleet.point(1)).confirmed.isEmpty)
        #expect(h.send(Fleet.panel, .fireAlarm, point: Fleet.point(2)).confirmed.count == 2)
    }

    @Test func aManualAlarmIsConfirmedAndConfirmsTheBuildingsFireAlarm() {
        var h = Harness()
        h.send(Fleet.smoke1, .fireAlarm)
        h.advance(30)
        let changes = h.send(Fleet.panel, .manualAlarm, point: Fleet.point(9, component: 23))
        #expect(changes.raised.first?.kind == .manualAlarm)
        #expect(Set(changes.confirmed.map(\.kind)) == [.manualAlarm, .fire])
        #expect(changes.confirmed.allSatisfy { $0.history.last?.by == "manual_alarm" })
        // Raised comes before confirmed, so dispatch begins before it escalates.
        let order = changes.compactMap { c -> String? in
            switch c {
            case .alarmRaised: "raised"
            case .alarmConfirmed(let a, _) where a.kind == .manualAlarm: "confirmed"
            default: nil
            }
        }
        #expect(order == ["raised", "confirmed"])
    }

    @Test func aTestAlarmNeverConfirmsARealOne() {
        var h = Harness()
        h.send(Fleet.smoke1, .fireAlarm)
        #expect(h.send(Fleet.smoke2, .fireAlarm, .test).confirmed.isEmpty)
    }

    @Test func anOperatorOrAStationConfirms() throws {
        var h = Harness()
        let id = try #require(h.send(Fleet.smoke1, .fireAlarm).raised.first?.id)
        let byOperator = try h.act(AlarmAction(alarmID: id, kind: .confirm, by: "op-wang", note: "seen on camera"))
        #expect(byOperator.confirmed.first?.history.last?.by == "op-wang")
        #expect(throws: AlarmActionError.self) { _ = try h.act(AlarmAction(alarmID: id, kind: .confirm, by: "op-wang")) }

        let gas = try #require(h.send(Fleet.smoke2, .gasAlarm).raised.first?.id)
        let byStation = h.engine.confirm(alarmID: gas, by: "station:ms-01", why: "smell of gas on scene", now: h.now)
        #expect(byStation.confirmed.first?.history.last?.why == "smell of gas on scene")
        #expect(h.engine.confirm(alarmID: gas, by: "station:ms-01", why: "again", now: h.now).isEmpty)
    }
}
