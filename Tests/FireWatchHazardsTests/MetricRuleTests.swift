import FireWatchCore
import FireWatchHazards
import Foundation
import Testing

/// Metric rules with hysteresis, rate of rise, and the electrical events.
@Suite struct MetricRuleTests {
    @Test func residualCurrentOpensAtTheThresholdAndClosesOnlyBelowNinetyPercent() throws {
        var h = Harness()
        #expect(h.send(Fleet.meter, metrics: ["residual_current_ma": 499]).opened.isEmpty)
        let opened = try #require(h.send(Fleet.meter, metrics: ["residual_current_ma": 500]).opened.first)
        #expect(opened.kind == .electricalWarning && opened.history.first?.why == "residual_current_ma 500 ≥ 500 mA")
        // Hovering between 450 and 500 keeps it open without new records.
        #expect(h.send(Fleet.meter, metrics: ["residual_current_ma": 470]).isEmpty)
        #expect(h.send(Fleet.meter, metrics: ["residual_current_ma": 505]).isEmpty)
        let closed = try #require(h.send(Fleet.meter, metrics: ["residual_current_ma": 449]).closed.first)
        #expect(closed.id == opened.id && closed.history.last?.why == "residual_current_ma 449 < 450 mA")
    }

    @Test func aHotCableChannelOnAnElectricalMonitorOpensAWarning() {
        var h = Harness()
        #expect(h.send(Fleet.meter, metrics: ["temperature_c_3": 86]).opened.map(\.kind) == [.electricalWarning])
        #expect(h.send(Fleet.meter, metrics: ["temperature_c_3": 80]).closed.isEmpty)
        #expect(h.send(Fleet.meter, metrics: ["temperature_c_3": 76]).closed.count == 1)
    }

    @Test func theSameTemperatureOnASmokeDetectorIsNoElectricalWarning() {
        var h = Harness()
        #expect(h.send(Fleet.smoke1, metrics: ["temperature_c": 90]).opened.isEmpty)
    }

    @Test func aCriticalCableTemperatureRaisesAnElectricalAlarm() throws {
        var h = Harness()
        let changes = h.send(Fleet.meter, metrics: ["temperature_c_1": 121])
        let alarm = try #require(changes.raised.first)
        #expect(alarm.kind == .electrical && alarm.severity == .major)
        #expect(changes.opened.map(\.kind) == [.electricalWarning])
        h.advance(60)
        #expect(h.send(Fleet.meter, metrics: ["temperature_c_1": 110]).isEmpty)
        #expect(h.send(Fleet.meter, metrics: ["temperature_c_1": 100]).updated(.conditionCleared).count == 1)
    }

    @Test(arguments: [EventType.residualCurrentAlarm, .overCurrent, .overTemperature, .arcFault])
    func electricalEventsOpenAnElectricalWarning(event: EventType) {
        var h = Harness()
        let changes = h.send(Fleet.meter, event)
        #expect(changes.opened.map(\.kind) == [.electricalWarning])
        #expect(changes.raised.map(\.kind) == (event == .arcFault ? [.electrical] : []))
    }

    @Test func overTemperatureOnAHeatDetectorIsNotElectrical() {
        var h = Harness()
        #expect(h.send(Fleet.heat, .overTemperature).isEmpty)
    }

    @Test func anEventCauseOutlivesAMetricThatReturnsToNormal() {
        var h = Harness()
        h.send(Fleet.meter, .overCurrent, metrics: ["temperature_c": 30])
        #expect(h.send(Fleet.meter, metrics: ["temperature_c": 25]).closed.isEmpty)
        // The monitor's snapshot no longer carrying it ends it.
        #expect(h.send(Fleet.meter, metrics: ["temperature_c": 25], snapshot: true).closed.count == 1)
    }

    @Test func aFastTemperatureRiseOnAHeatDetectorRaisesAPreAlarm() throws {
        var h = Harness()
        h.send(Fleet.heat, metrics: ["temperature_c": 25])
        h.advance(60)
        #expect(h.send(Fleet.heat, metrics: ["temperature_c": 30]).raised.isEmpty)  // 5 °C/min
        h.advance(60)
        let alarm = try #require(h.send(Fleet.heat, metrics: ["temperature_c": 42]).raised.first)  // 12 °C/min
        #expect(alarm.kind == .preAlarm && alarm.severity == .minor)
        #expect(alarm.history.first?.why?.hasPrefix("temperature_c rising 12") == true)
    }

    @Test func rateOfRiseUsesTheDevicesOwnClock() {
        var h = Harness()
        // Two readings processed in the same second after a restart, taken two minutes apart.
        h.send(Fleet.heat, events: [], metrics: ["temperature_c": 25], at: h.now.addingTimeInterval(-120))
        #expect(h.send(Fleet.heat, events: [], metrics: ["temperature_c": 29]).raised.isEmpty)  // 2 °C/min
        // Readings seconds apart are noise, not a rate.
        h.send(Fleet.heat, events: [], metrics: ["temperature_c": 35], at: h.now.addingTimeInterval(5))
        #expect(h.engine.alarms.open.isEmpty)
    }

    @Test func aReadingDatedFarAheadTakesTheReceiveTimeAndOpensADeviceClockHazard() throws {
        var h = Harness()
        let year2099 = Date(timeIntervalSince1970: 4_070_908_800)
        let opened = try #require(h.send(Fleet.heat, events: [], metrics: ["temperature_c": 25], at: year2099).opened.first)
        #expect(opened.kind == .deviceClock && opened.device == "heat-1")
        #expect(opened.history.first?.why?.contains("2099-01-01") == true)
        // The rate of rise still works from the receive time: 25 → 42 °C in a minute is a pre-alarm.
        h.advance(60)
        let changes = h.send(Fleet.heat, events: [], metrics: ["temperature_c": 42])
        #expect(changes.raised.map(\.kind) == [.preAlarm])
        // The device's time agrees again (this reading had none ahead): the hazard closes.
        #expect(changes.closed.map(\.kind) == [.deviceClock])
    }

    @Test func aClockWithinFiveMinutesAheadIsTrusted() {
        var h = Harness()
        #expect(h.send(Fleet.heat, events: [], metrics: ["temperature_c": 25], at: h.now.addingTimeInterval(299)).isEmpty)
        #expect(h.engine.hazards.open.isEmpty)
    }

    @Test func rateOfRiseIsNotWatchedOnOtherKinds() {
        var h = Harness()
        h.send(Fleet.panel, metrics: ["temperature_c": 20])
        h.advance(60)
        #expect(h.send(Fleet.panel, metrics: ["temperature_c": 60]).isEmpty)
    }
}
