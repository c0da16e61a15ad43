import FireWatchCore
import FireWatchPipeline
import Foundation
import Testing

/// The people responsible are told in tiers (`notify.contacts`), with a manual clock: household at the
/// raise, property and community when still unacknowledged, then the street office; acknowledging stops
/// it; a restart neither repeats a tier nor forgets the next.
@Suite struct NoticeChainTests {
    static let policy = NoticePolicy(target: "sms-gw", propertyAfterSeconds: 120, streetAfterSeconds: 300)

    static var geography: Geography {
        var g = Geography()
        g.add(street: Geography.Place(
            id: "changshoulu", name: "长寿路街道", kind: "street",
            communities: [Geography.Place(id: "changshoulu-c01", name: "曹家渡居委会", contacts: [Contact(name: "居委值班", phone: "13800000004")])],
            contacts: [Contact(name: "街道值班", phone: "13800000009")]))
        return g
    }

    static func withContacts(_ d: Device) -> Device {
        var d = d
        d.contacts = [
            Contact(name: "张三", phone: "13800000001", role: "household"),
            Contact(name: "物业", phone: "13800000002", role: "property"),
            Contact(name: "李四", phone: "13800000003", role: "community"),
            // The same number twice is told once.
            Contact(name: "李四（居委）", phone: "13800000004", role: "community"),
        ]
        return d
    }

    static func harness() -> CoreHarness {
        CoreHarness(devices: CoreHarness.devices.map(withContacts), geography: geography, notices: policy)
    }

    static func notices(_ h: CoreHarness, _ alarmID: String) -> [AlarmNotice] {
        h.events.filter { $0.type == .alarmNotice && $0.alarm?.id == alarmID }.compactMap(\.notice)
    }

    @Test func tiersFollowTheClockAndARestartRepeatsNone() throws {
        var h = Self.harness()
        h.fire("uitd-4")
        let id = try #require(h.alarm(of: "uitd-4")).id
        // Tier 1 in the raise's own step.
        #expect(Self.notices(h, id).map(\.phones) == [["13800000001"]])
        #expect(Self.notices(h, id).first?.target == "sms-gw")
        h.advance(119)
        h.tick()
        #expect(Self.notices(h, id).count == 1, "tier 2 before its time")
        h.advance(1)
        h.tick()
        #expect(Self.notices(h, id).map(\.tier) == [1, 2])
        #expect(Self.notices(h, id).last?.phones == ["13800000002", "13800000003", "13800000004"])

        h.restart()
        h.advance(1)
        h.tick()
        #expect(Self.notices(h, id).count == 2, "a restart sent a tier again")
        h.advance(180)
        h.tick()
        #expect(Self.notices(h, id).map(\.tier) == [1, 2, 3])
        #expect(Self.notices(h, id).last?.phones == ["13800000009"])
        h.advance(600)
        h.tick()
        #expect(Self.notices(h, id).count == 3)
        // Every notice is in the alarm's history, by tier, naming who (never their numbers).
        let lines = try #require(h.alarm(of: "uitd-4")).history.filter { $0.to == .notified }
        #expect(lines.map(\.by) == ["notify:tier1", "notify:tier2", "notify:tier3"])
        #expect(lines.first?.why == "张三 (household)")
        #expect(!lines.contains { $0.why?.contains("1380000") == true })
    }

    @Test func acknowledgingStopsTheChain() throws {
        var h = Self.harness()
        h.fire("uitd-4")
        let id = try #require(h.alarm(of: "uitd-4")).id
        h.advance(30)
        _ = try h.act(AlarmAction(alarmID: id, kind: .acknowledge, by: "duty-officer"))
        h.advance(600)
        h.tick()
        #expect(Self.notices(h, id).map(\.tier) == [1])
    }

    @Test func theSecondDetectorOfABuildingStartsNoChainOfItsOwn() throws {
        var h = Self.harness()
        h.fire("uitd-1")
        h.advance(3)
        h.fire("uitd-2")
        let first = try #require(h.alarm(of: "uitd-1")), second = try #require(h.alarm(of: "uitd-2"))
        #expect(second.incident == first.id)
        h.advance(600)
        h.tick()
        #expect(Self.notices(h, first.id).map(\.tier) == [1, 2, 3])
        #expect(Self.notices(h, second.id).isEmpty)
    }

    @Test func withoutAPolicyNobodyIsTold() throws {
        var h = CoreHarness(devices: CoreHarness.devices.map(Self.withContacts), geography: Self.geography)
        h.fire("uitd-4")
        h.advance(600)
        h.tick()
        #expect(!h.events.contains { $0.type == .alarmNotice })
    }
}
