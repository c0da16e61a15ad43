import FireWatchCore
import FireWatchHazards
import Foundation
import Testing

/// Alarms from events: kind and severity, one alarm per episode, condition apart from state, tests and
/// suppressed devices recorded but never dispatched.
@Suite struct AlarmRuleTests {
    @Test(arguments: [
        (EventType.fireAlarm, AlarmKind.fire, AlarmSeverity.critical),
        (.manualAlarm, .manualAlarm, .critical),
        (.gasAlarm, .gas, .major),
        (.preAlarm, .preAlarm, .minor),
        (.arcFault, .electrical, .major),
    ])
    func eachAlarmEventOpensItsKindAtItsSeverity(event: EventType, kind: AlarmKind, severity: AlarmSeverity) throws {
        var h = Harness()
        let changes = h.send(Fleet.panel, event, point: Fleet.point(3))
        let alarm = try #require(changes.dispatched.first)
        #expect(alarm.kind == kind && alarm.severity == severity)
        #expect(alarm.state == .raised && alarm.condition == .active && !alarm.acknowledged)
        #expect(alarm.history.first?.by == "device:uitd-1" && alarm.history.first?.why == event.rawValue)
    }

    @Test func repeatsFoldIntoOneAlarmWithACount() {
        var h = Harness()
        h.send(Fleet.smoke1, .fireAlarm)
        for _ in 0..<4 {
            h.advance(10)
            let changes = h.send(Fleet.smoke1, .fireAlarm)
            #expect(changes.raised.isEmpty)
            #expect(changes.updated(.repeated).first?.id == "alm-1")
        }
        #expect(h.alarm(Fleet.smoke1, .fire)?.count == 5)
        #expect(h.engine.alarms.open.count == 1)
    }

    @Test func conditionIsSeparateFromStateAndAcknowledgement() throws {
        var h = Harness()
        let id = try #require(h.send(Fleet.smoke1, .fireAlarm).raised.first?.id)
        _ = try h.act(AlarmAction(alarmID: id, kind: .acknowledge, by: "op"))
        h.advance(30)
        let cleared = try #require(h.send(Fleet.smoke1, .fireAlarmCleared).updated(.conditionCleared).first)
        #expect(cleared.condition == .cleared && cleared.acknowledged && cleared.state == .raised && cleared.isOpen)
        h.advance(30)
        let again = try #require(h.send(Fleet.smoke1, .fireAlarm).updated(.repeated).first)
        #expect(again.id == id && again.condition == .active && again.acknowledged && again.count == 2)
    }

    @Test func aTestEventIsRecordedAsTestAndNeverDispatched() throws {
        var h = Harness()
        let changes = h.send(Fleet.smoke1, .fireAlarm, .test)
        #expect(changes.dispatched.isEmpty)
        let record = try #require(changes.raised.first)
        #expect(record.state == .resolved && record.resolution == .test)
        #expect(record.history.last?.why?.contains("test event") == true)
        #expect(h.engine.alarms.open.isEmpty)
        // Repeats fold into the record instead of making more records.
        h.advance(5)
        let repeated = h.send(Fleet.smoke1, .fireAlarm, .test)
        #expect(repeated.raised.isEmpty && repeated.updated(.repeated).first?.count == 2)
    }

    @Test func aSuppressedDeviceRecordsTestAlarmsUntilTheSuppressionEnds() throws {
        var h = Harness()
        let s = h.engine.suppress("uitd-1", reason: .maintenance, until: h.now.addingTimeInterval(600), by: "zhang", now: h.now)
        #expect(s.isActive(at: h.now))
        let changes = h.send(Fleet.panel, .fireAlarm, point: Fleet.point(1))
        #expect(changes.dispatched.isEmpty)
        let record = try #require(changes.raised.first)
        #expect(record.resolution == .test && record.history.last?.by == "suppression:zhang")
        // Other devices are not affected.
        #expect(h.send(Fleet.smoke1, .fireAlarm).dispatched.count == 1)
        // After the suppression the panel's alarms dispatch again.
        h.advance(601)
        h.tick()
        #expect(h.send(Fleet.panel, .fireAlarm, point: Fleet.point(1)).dispatched.count == 1)
    }

    @Test func liftingASuppressionDispatchesAtOnce() {
        var h = Harness()
        h.engine.suppress("smk-1", reason: .test, until: h.now.addingTimeInterval(3600), by: "li", now: h.now)
        #expect(h.engine.liftSuppression("smk-1", now: h.now) != nil)
        #expect(h.send(Fleet.smoke1, .fireAlarm).dispatched.count == 1)
    }

    @Test func operatorResolveTakesTheAlarmOffTheBookAndTheNextOccurrenceIsNew() throws {
        var h = Harness()
        let id = try #require(h.send(Fleet.smoke1, .fireAlarm).raised.first?.id)
        let resolved = try h.act(AlarmAction(alarmID: id, kind: .resolve, by: "op", cause: .nuisance))
        #expect(resolved.updated(.resolved).first?.resolution == .nuisance)
        #expect(h.engine.alarms.open.isEmpty)
        #expect(h.send(Fleet.smoke1, .fireAlarm).raised.first?.id != id)
        #expect(throws: AlarmActionError.notFound(id)) { _ = try h.act(AlarmAction(alarmID: id, kind: .acknowledge, by: "op")) }
    }

    @Test func aPanelResetClearsEveryAlarmPointOfTheDevice() {
        var h = Harness()
        h.send(Fleet.panel, .fireAlarm, point: Fleet.point(1))
        h.send(Fleet.panel, .fireAlarm, point: Fleet.point(2))
        let changes = h.send(Fleet.panel, .reset)
        #expect(changes.updated(.conditionCleared).count == 2)
        #expect(h.engine.alarms.open.values.allSatisfy { $0.condition == .cleared && $0.isOpen })
    }

    @Test func anOperatorConfirmingAtThePanelConfirmsItsAlarms() {
        var h = Harness()
        h.send(Fleet.panel, .fireAlarm, point: Fleet.point(1))
        let changes = h.send(Fleet.panel, .confirmedByOperator, point: Fleet.point(1))
        #expect(changes.confirmed.map(\.id) == ["alm-1"])
        #expect(h.alarm(Fleet.panel, .fire, point: Fleet.point(1))?.history.last?.why == "confirmed by an operator at the panel")
    }
}
