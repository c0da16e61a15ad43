import FireWatchCore
import FireWatchHazards
import Foundation
import Testing

/// A snapshot reading ends the conditions it no longer carries; restoration events do the same.
@Suite struct SnapshotTests {
    @Test func aSnapshotWithoutTheAlarmClearsItsConditionAndClosesItsHazards() throws {
        var h = Harness()
        let p = Fleet.point(4)
        let first = h.send(Fleet.panel, .fireAlarm, .fault, point: p, snapshot: true)
        #expect(first.raised.count == 1 && first.opened.map(\.kind) == [.fault])
        h.advance(20)
        let changes = h.send(Fleet.panel, point: p, snapshot: true)
        let alarm = try #require(changes.updated(.conditionCleared).first)
        #expect(alarm.condition == .cleared && alarm.isOpen && alarm.history.last?.why == "snapshot no longer carries it")
        let hazard = try #require(changes.closed.first)
        #expect(hazard.kind == .fault && hazard.closedBy == "device" && hazard.state == .closed)
    }

    @Test func aSnapshotOfAnotherPointOrAPlainReadingSaysNothing() {
        var h = Harness()
        h.send(Fleet.panel, .fireAlarm, point: Fleet.point(4), snapshot: true)
        #expect(h.send(Fleet.panel, point: Fleet.point(5), snapshot: true).isEmpty)
        #expect(h.send(Fleet.panel, .heartbeat, point: Fleet.point(4)).isEmpty)
        #expect(h.alarm(Fleet.panel, .fire, point: Fleet.point(4))?.condition == .active)
    }

    @Test(arguments: [
        (EventType.fault, EventType.faultCleared, HazardKind.fault),
        (.busFault, .faultCleared, .fault),
        (.lowBattery, .batteryRestored, .lowBattery),
        (.tamper, .tamperCleared, .tamper),
        (.mainPowerFault, .mainPowerRestored, .powerFault),
        (.backupPowerFault, .backupPowerRestored, .powerFault),
        (.disabled, .enabled, .disabled),
    ])
    func aRestorationEventClosesItsHazard(on: EventType, off: EventType, kind: HazardKind) throws {
        var h = Harness()
        let opened = try #require(h.send(Fleet.panel, on).opened.first)
        #expect(opened.kind == kind)
        h.advance(60)
        let closed = try #require(h.send(Fleet.panel, off).closed.first)
        #expect(closed.id == opened.id && closed.closedBy == "device" && closed.history.last?.why == off.rawValue)
    }

    @Test func aHazardWithTwoCausesClosesOnlyWhenBothHaveEnded() {
        var h = Harness()
        h.send(Fleet.panel, .mainPowerFault)
        h.send(Fleet.panel, .backupPowerFault)
        #expect(h.send(Fleet.panel, .mainPowerRestored).closed.isEmpty)
        #expect(h.send(Fleet.panel, .backupPowerRestored).closed.count == 1)
    }

    @Test func aFaultOnOneChannelClearsOnlyThatChannel() {
        var h = Harness()
        h.send(Fleet.meter, events: [DeviceEvent(.fault, channel: 1), DeviceEvent(.fault, channel: 2)])
        #expect(h.send(Fleet.meter, events: [DeviceEvent(.faultCleared, channel: 1)]).closed.isEmpty)
        #expect(h.send(Fleet.meter, events: [DeviceEvent(.faultCleared, channel: 2)]).closed.count == 1)
    }

    @Test func aFireAlarmClearedEventClearsTheCondition() {
        var h = Harness()
        h.send(Fleet.smoke1, .fireAlarm)
        #expect(h.send(Fleet.smoke1, .fireAlarmCleared).updated(.conditionCleared).count == 1)
    }

    @Test func pressureReadingsOpenAndSnapshotsClosePressureHazards() {
        var h = Harness()
        let gauge = Fleet.profile("prs-1", kind: "pressure")
        #expect(h.send(gauge, .pressureLow, snapshot: true).opened.map(\.kind) == [.pressureAbnormal])
        #expect(h.send(gauge, metrics: ["pressure_mpa": 0.3], snapshot: true).closed.map(\.kind) == [.pressureAbnormal])
    }
}
