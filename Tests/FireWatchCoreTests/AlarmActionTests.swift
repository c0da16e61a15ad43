import FireWatchCore
import Foundation
import Testing

@Suite struct AlarmActionTests {
    let t0 = Date(timeIntervalSince1970: 1_773_472_166)
    var alarm: Alarm {
        let d = Device(id: "d1", model: "m/x", location: GeoPoint(lat: 31, lon: 121), address: "a", street: "s", community: "c")
        return Alarm(id: "alm-1", device: d, point: nil, kind: .fire, severity: .critical, raisedAt: t0)
    }

    @Test func acknowledgeConfirmResolveRecordWhoAndWhy() throws {
        let t1 = t0.addingTimeInterval(10)
        var a = try alarm.applying(AlarmAction(alarmID: "alm-1", kind: .acknowledge, by: "op-wang"), at: t1)
        #expect(a.acknowledged && a.state == .raised)
        a = try a.applying(AlarmAction(alarmID: "alm-1", kind: .confirm, by: "op-wang", note: "camera shows smoke"), at: t1)
        #expect(a.confirmed)
        a = try a.applying(AlarmAction(alarmID: "alm-1", kind: .resolve, by: "ms-1", cause: .fire), at: t1)
        #expect(a.state == .resolved && a.resolution == .fire && a.resolvedAt == t1 && !a.isOpen)
        #expect(a.history.map(\.to) == [.raised, .acknowledged, .confirmed, .resolved])
        #expect(a.history[2].why == "camera shows smoke")
        #expect(a.history[3].by == "ms-1" && a.history[3].why == "cause fire")
    }

    @Test func repeatedOrLateTransitionsAreConflicts() throws {
        let acked = try alarm.applying(AlarmAction(alarmID: "alm-1", kind: .acknowledge, by: "x"), at: t0)
        #expect(throws: AlarmActionError.self) { try acked.applying(AlarmAction(alarmID: "alm-1", kind: .acknowledge, by: "x"), at: t0) }
        let resolved = try alarm.applying(AlarmAction(alarmID: "alm-1", kind: .resolve, by: "x"), at: t0)
        #expect(resolved.resolution == .falseAlarm)
        for kind in AlarmAction.Kind.allCases {
            #expect(throws: AlarmActionError.self) { try resolved.applying(AlarmAction(alarmID: "alm-1", kind: kind, by: "x"), at: t0) }
        }
    }
}
