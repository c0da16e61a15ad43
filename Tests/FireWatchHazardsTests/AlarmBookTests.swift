import FireWatchCore
import FireWatchHazards
import Foundation
import Testing

@Suite struct AlarmBookTests {
    let device = Device(
        id: "uitd-1", model: "gb26875/uitd", location: GeoPoint(lat: 31.24, lon: 121.43), address: "长寿路 1 号",
        street: "changshoulu", community: "c01", building: "b1")
    let t0 = Date(timeIntervalSince1970: 1_773_472_166)
    let smoke = Point(systemType: 1, systemAddress: 1, componentType: 40, zone: 3, position: 7)

    func reading(_ events: [EventType], point: Point? = nil, snapshot: Bool = false) -> Reading {
        Reading(device: device.id, model: device.model, at: t0, point: point ?? smoke, events: events.map { DeviceEvent($0) }, snapshot: snapshot)
    }

    func ids() -> () -> String {
        var n = 0
        return { n += 1; return "alm-\(n)" }
    }

    @Test func aFireAlarmOpensOneCriticalAlarmWithTheRegistryFacts() throws {
        var book = AlarmBook()
        let changes = book.apply(reading([.fireAlarm]), device: device, now: t0, makeID: ids())
        let alarm = try #require(changes.first?.alarm)
        #expect(changes.count == 1)
        guard case .raised = changes[0] else { Issue.record("expected raised"); return }
        #expect(alarm.kind == .fire)
        #expect(alarm.severity == .critical)
        #expect(alarm.state == .raised)
        #expect(alarm.condition == .active)
        #expect(!alarm.acknowledged && !alarm.confirmed)
        #expect(alarm.street == "changshoulu" && alarm.building == "b1" && alarm.address == "长寿路 1 号")
        #expect(alarm.point == smoke)
        #expect(alarm.count == 1)
    }

    @Test func repeatsRaiseCountNeverASecondAlarm() {
        var book = AlarmBook()
        let makeID = ids()
        for i in 0..<5 {
            let changes = book.apply(reading([.fireAlarm]), device: device, now: t0.addingTimeInterval(Double(i)), makeID: makeID)
            #expect(changes.count == 1)
            #expect(changes[0].alarm.id == "alm-1")
            #expect(changes[0].alarm.count == i + 1)
        }
        #expect(book.open.count == 1)
    }

    @Test func anotherPointOrKindIsAnotherEpisode() {
        var book = AlarmBook()
        let makeID = ids()
        _ = book.apply(reading([.fireAlarm]), device: device, now: t0, makeID: makeID)
        _ = book.apply(reading([.fireAlarm], point: Point(systemType: 1, systemAddress: 1, componentType: 40, zone: 3, position: 8)), device: device, now: t0, makeID: makeID)
        let manual = Point(systemType: 1, systemAddress: 1, componentType: 23, zone: 1, position: 1)
        let changes = book.apply(reading([.fireAlarm, .manualAlarm], point: manual), device: device, now: t0, makeID: makeID)
        #expect(Set(changes.map(\.alarm.kind)) == [.fire, .manualAlarm])
        #expect(book.open.count == 4)
    }

    @Test func testEventsNeverRaise() {
        var book = AlarmBook()
        #expect(book.apply(reading([.fireAlarm, .test]), device: device, now: t0, makeID: ids()).isEmpty)
        #expect(book.open.isEmpty)
    }

    @Test func otherEventsDoNotRaiseAlarms() {
        var book = AlarmBook()
        #expect(book.apply(reading([.fault, .heartbeat, .supervisory]), device: device, now: t0, makeID: ids()).isEmpty)
    }

    @Test func aSnapshotWithoutTheAlarmClearsTheConditionButKeepsTheAlarmOpen() throws {
        var book = AlarmBook()
        let makeID = ids()
        _ = book.apply(reading([.fireAlarm], snapshot: true), device: device, now: t0, makeID: makeID)
        let changes = book.apply(reading([], snapshot: true), device: device, now: t0.addingTimeInterval(30), makeID: makeID)
        let alarm = try #require(changes.first?.alarm)
        #expect(alarm.condition == .cleared)
        #expect(alarm.isOpen)
        #expect(alarm.history.last?.to == "cleared")
        // A non-snapshot reading without the event says nothing about the condition.
        #expect(book.apply(reading([.heartbeat]), device: device, now: t0, makeID: makeID).isEmpty)
        // It comes back: active again, same alarm.
        let again = book.apply(reading([.fireAlarm], snapshot: true), device: device, now: t0.addingTimeInterval(60), makeID: makeID)
        #expect(again.first?.alarm.id == alarm.id)
        #expect(again.first?.alarm.condition == .active)
    }

    @Test func aResolvedAlarmLeavesTheBookAndTheNextOccurrenceIsNew() {
        var book = AlarmBook()
        let makeID = ids()
        var alarm = book.apply(reading([.fireAlarm]), device: device, now: t0, makeID: makeID)[0].alarm
        alarm.state = .resolved
        book.store(alarm)
        #expect(book.open.isEmpty)
        #expect(book.apply(reading([.fireAlarm]), device: device, now: t0, makeID: makeID)[0].alarm.id == "alm-2")
    }

    @Test func theBookIsRebuiltFromStoredOpenAlarms() {
        var book = AlarmBook()
        let alarm = book.apply(reading([.fireAlarm]), device: device, now: t0, makeID: ids())[0].alarm
        var rebuilt = AlarmBook(open: [alarm])
        let changes = rebuilt.apply(reading([.fireAlarm]), device: device, now: t0, makeID: { "new" })
        #expect(changes.first?.alarm.id == alarm.id)
        #expect(changes.first?.alarm.count == 2)
    }
}
