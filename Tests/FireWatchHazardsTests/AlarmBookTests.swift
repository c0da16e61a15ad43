import FireWatchCore
@testable import FireWatchHazards
import Foundation
import Testing

/// The engine's alarm store: one open alarm per (device, point, kind), repeats folded, conditions
/// separate from state. (Which events raise what is AlarmRuleTests' subject.)
@Suite struct AlarmBookTests {
    let device = Device(
        id: "uitd-1", model: "gb26875/uitd", location: GeoPoint(lat: 31.24, lon: 121.43), address: "长寿路 1 号",
        street: "changshoulu", community: "c01", building: "b1")
    let t0 = Date(timeIntervalSince1970: 1_773_472_166)
    let smoke = Point(systemType: 1, systemAddress: 1, componentType: 40, zone: 3, position: 7)

    func ids() -> () -> String {
        var n = 0
        return { n += 1; return "alm-\(n)" }
    }

    @Test func anOccurrenceOpensOneAlarmWithTheRegistryFacts() {
        var book = AlarmBook()
        let (alarm, raised) = book.occur(.fire, device: device, point: smoke, now: t0, why: "fire_alarm", makeID: ids())
        #expect(raised)
        #expect(alarm.kind == .fire && alarm.severity == .critical)
        #expect(alarm.state == .raised && alarm.condition == .active)
        #expect(!alarm.acknowledged && !alarm.confirmed)
        #expect(alarm.street == "changshoulu" && alarm.building == "b1" && alarm.address == "长寿路 1 号")
        #expect(alarm.point == smoke && alarm.count == 1)
        #expect(alarm.history.first?.why == "fire_alarm")
        #expect(book.alarm(id: alarm.id) == alarm)
    }

    @Test func repeatsRaiseCountNeverASecondAlarm() {
        var book = AlarmBook()
        let makeID = ids()
        for i in 0..<5 {
            let (alarm, raised) = book.occur(.fire, device: device, point: smoke, now: t0.addingTimeInterval(Double(i)), why: "r", makeID: makeID)
            #expect(raised == (i == 0))
            #expect(alarm.id == "alm-1" && alarm.count == i + 1)
        }
        #expect(book.open.count == 1)
    }

    @Test func anotherPointOrKindIsAnotherEpisode() {
        var book = AlarmBook()
        let makeID = ids()
        _ = book.occur(.fire, device: device, point: smoke, now: t0, why: "r", makeID: makeID)
        _ = book.occur(.fire, device: device, point: Point(systemType: 1, systemAddress: 1, componentType: 40, zone: 3, position: 8), now: t0, why: "r", makeID: makeID)
        _ = book.occur(.manualAlarm, device: device, point: smoke, now: t0, why: "r", makeID: makeID)
        #expect(book.open.count == 3)
    }

    @Test func aClearedConditionKeepsTheAlarmOpenAndARepeatMakesItActiveAgain() throws {
        var book = AlarmBook()
        let makeID = ids()
        let (alarm, _) = book.occur(.fire, device: device, point: smoke, now: t0, why: "r", makeID: makeID)
        let result = book.clear(alarm.episodeKey, now: t0.addingTimeInterval(30), by: "device:uitd-1", why: "snapshot")
        let cleared = try #require(result)
        #expect(cleared.condition == .cleared && cleared.isOpen)
        #expect(cleared.history.last?.to == .cleared)
        // Clearing twice does nothing.
        let twice = book.clear(alarm.episodeKey, now: t0, by: "x", why: "y")
        #expect(twice == nil)
        let (again, raised) = book.occur(.fire, device: device, point: smoke, now: t0.addingTimeInterval(60), why: "r", makeID: makeID)
        #expect(!raised && again.id == alarm.id && again.condition == .active && again.count == 2)
    }

    @Test func aResolvedAlarmLeavesTheBookAndTheNextOccurrenceIsNew() {
        var book = AlarmBook()
        let makeID = ids()
        let (alarm, _) = book.occur(.fire, device: device, point: smoke, now: t0, why: "r", makeID: makeID)
        let resolved = book.modify(alarm.id) { $0.resolve(.falseAlarm, by: "op", at: t0) }
        #expect(resolved?.state == .resolved && book.open.isEmpty && book.alarm(id: alarm.id) == nil)
        #expect(book.occur(.fire, device: device, point: smoke, now: t0, why: "r", makeID: makeID).alarm.id == "alm-2")
    }

    @Test func theBookIsRebuiltFromStoredOpenAlarms() {
        var book = AlarmBook()
        let (alarm, _) = book.occur(.fire, device: device, point: smoke, now: t0, why: "r", makeID: ids())
        var resolved = alarm
        resolved.id = "alm-old"
        resolved.state = .resolved
        var rebuilt = AlarmBook(open: [alarm, resolved])
        #expect(rebuilt.open.count == 1)
        let (again, raised) = rebuilt.occur(.fire, device: device, point: smoke, now: t0, why: "r", makeID: { "new" })
        #expect(!raised && again.id == alarm.id && again.count == 2)
    }
}
