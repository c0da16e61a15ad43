import FireWatchCore
import FireWatchHazards
import Foundation
import Testing

/// Hazards from open to verified closed, with who, when and why at every step.
@Suite struct HazardLifecycleTests {
    @Test(arguments: [
        (EventType.fault, HazardKind.fault, 24.0), (.lineFault, .fault, 24), (.channelFault, .fault, 24),
        (.lowBattery, .lowBattery, 72), (.tamper, .tamper, 24), (.powerFault, .powerFault, 72),
        (.disabled, .disabled, 72), (.pressureHigh, .pressureAbnormal, 72), (.levelLow, .pressureAbnormal, 72),
    ])
    func eventsOpenHazardsDueByKind(event: EventType, kind: HazardKind, hours: Double) throws {
        var h = Harness()
        let hazard = try #require(h.send(Fleet.panel, event, point: Fleet.point(2)).opened.first)
        #expect(hazard.kind == kind && hazard.state == .open && hazard.point == Fleet.point(2))
        #expect(hazard.dueAt == h.now.addingTimeInterval(hours * 3600))
        #expect(hazard.street == "changshoulu" && hazard.building == "b1" && hazard.address == "uitd-1 address")
        #expect(hazard.history.first?.by == "device:uitd-1" && hazard.history.first?.why == event.rawValue)
        #expect(h.send(Fleet.panel, event, point: Fleet.point(2)).isEmpty)  // one per (device, point, kind)
    }

    @Test func anOperatorRectifiesThenVerifiesClosed() throws {
        var h = Harness()
        let id = try #require(h.send(Fleet.smoke1, .tamper).opened.first?.id)
        #expect(throws: HazardActionError.conflict("hazard \(id) is not rectified yet; rectify it before closing it")) {
            _ = try h.act(HazardAction(hazardID: id, kind: .close, by: "op"))
        }
        h.advance(600)
        let rectified = try #require(try h.act(HazardAction(hazardID: id, kind: .rectify, by: "op-li", note: "remounted")).hazardsUpdated(.rectified).first)
        #expect(rectified.state == .rectified && rectified.rectifiedAt == h.now && rectified.history.last?.why == "remounted")
        #expect(throws: HazardActionError.self) { _ = try h.act(HazardAction(hazardID: id, kind: .rectify, by: "op", note: "fixed")) }
        h.advance(600)
        let closed = try #require(try h.act(HazardAction(hazardID: id, kind: .close, by: "op-zhao")).closed.first)
        #expect(closed.closedBy == "op-zhao" && closed.closedAt == h.now && closed.history.map(\.to) == ["open", "rectified", "closed"])
        #expect(throws: HazardActionError.notFound(id)) { _ = try h.act(HazardAction(hazardID: id, kind: .rectify, by: "op", note: "fixed")) }
        #expect(throws: HazardActionError.self) { _ = try closed.applying(HazardAction(hazardID: id, kind: .close, by: "op"), at: h.now) }
    }

    @Test func aRectifiedHazardTheDeviceStillReportsIsReopened() throws {
        var h = Harness()
        let id = try #require(h.send(Fleet.smoke1, .fault).opened.first?.id)
        _ = try h.act(HazardAction(hazardID: id, kind: .rectify, by: "op", note: "fixed"))
        let reopened = try #require(h.send(Fleet.smoke1, .fault).hazardsUpdated(.reopened).first)
        #expect(reopened.id == id && reopened.state == .open && reopened.history.last?.by == "device:smk-1")
    }

    @Test func aRectifiedHazardClosesWhenTheDeviceReportsNormal() throws {
        var h = Harness()
        let id = try #require(h.send(Fleet.smoke1, .lowBattery).opened.first?.id)
        _ = try h.act(HazardAction(hazardID: id, kind: .rectify, by: "op", note: "fixed"))
        #expect(h.send(Fleet.smoke1, .batteryRestored).closed.first?.history.map(\.to) == ["open", "rectified", "closed"])
    }

    @Test func threeFalseAlarmsInThirtyDaysOpenAChronicFalseAlarmHazard() throws {
        var h = Harness(fleet: [Fleet.profile("smk-1", kind: "smoke", heartbeat: 0)])
        var changes: [HazardEngineChange] = []
        for day in 0..<3 {
            let id = try #require(h.send(Fleet.smoke1, .fireAlarm).raised.first?.id)
            changes = try h.act(AlarmAction(alarmID: id, kind: .resolve, by: "op", cause: .falseAlarm))
            if day < 2 { #expect(changes.opened.isEmpty) }
            h.advance(10 * 86400)
        }
        let chronic = try #require(changes.opened.first)
        #expect(chronic.kind == .chronicFalseAlarm && chronic.device == "smk-1" && chronic.history.first?.by == "rules")
        #expect(chronic.history.first?.why?.hasPrefix("3 alarms resolved as false_alarm within 30 days") == true)
    }

    @Test func falseAlarmsSpreadOverMoreThanThirtyDaysAreNotChronic() throws {
        var h = Harness(fleet: [])
        for _ in 0..<3 {
            let alarm = try #require(h.send(Fleet.profile("smk-u", kind: "smoke", heartbeat: 0), .fireAlarm).raised.first)
            let now = h.now
            #expect(h.move(alarm.id) { $0.resolve(.falseAlarm, by: "station:s1", at: now) }.opened.isEmpty)
            h.advance(16 * 86400)
        }
    }

    @Test func hazardsEncodeWithSnakeCaseKeys() throws {
        let device = Fleet.smoke1.device
        var hazard = Hazard(id: "hzd-1", device: device, point: nil, kind: .lowBattery, openedAt: Fleet.t0, by: "device:smk-1", why: "low_battery")
        hazard.close(at: Fleet.t0.addingTimeInterval(60), by: "device", why: "battery_restored")
        let data = try Timestamps.encoder(timeZone: TimeZone(secondsFromGMT: 8 * 3600)!).encode(hazard)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["opened_at", "due_at", "closed_at", "closed_by", "overdue", "history", "kind", "state"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["kind"] as? String == "low_battery" && object["state"] as? String == "closed")
        #expect(try Timestamps.decoder().decode(Hazard.self, from: data) == hazard)
    }
}
