import FireWatchCore
import FireWatchHazards
import Foundation
import Testing

/// The community hazard index of VOCABULARY.md, checked against hand-computed numbers.
@Suite struct HazardIndexTests {
    let t0 = Fleet.t0

    func devices(_ n: Int, street: String, community: String) -> [Device] {
        (0..<n).map { Fleet.profile("\(street)-\($0)", kind: "smoke", street: street, community: community).device }
    }

    func hazard(_ kind: HazardKind, on device: Device, overdue: Bool = false) -> Hazard {
        var h = Hazard(id: "hzd-\(kind.rawValue)-\(device.id)", device: device, point: nil, kind: kind, openedAt: t0, by: "test", why: nil)
        h.overdue = overdue
        return h
    }

    @Test func scoreIsWeightedHazardsPerDevicePlusFivePerFireAlarm() throws {
        let changshou = devices(200, street: "changshoulu", community: "c01")
        let caoyang = devices(10, street: "caoyang", community: "c02")
        let hazards = [
            hazard(.electricalWarning, on: changshou[0]),            // 3
            hazard(.offline, on: changshou[1], overdue: true),       // 1 × 2
            hazard(.lowBattery, on: changshou[2]),                   // 0.5
            hazard(.disabled, on: caoyang[0]),                       // 2
        ]
        var fire = Alarm(id: "alm-1", device: changshou[3], point: nil, kind: .fire, severity: .critical, raisedAt: t0)
        var gas = Alarm(id: "alm-2", device: changshou[4], point: nil, kind: .gas, severity: .major, raisedAt: t0)
        gas.count = 3
        let entries = HazardIndex.entries(
            level: .street, devices: changshou + caoyang, hazards: hazards, alarms: [fire, gas], names: ["caoyang": "曹杨新村街道"], now: t0)
        let c = try #require(entries.first { $0.id == "changshoulu" })
        #expect(c.score == 7.75)  // 100 × 5.5 / 200 + 5
        #expect(c.grade == .red && c.devices == 200 && c.openHazards == 3 && c.overdue == 1 && c.openFireAlarms == 1)
        let y = try #require(entries.first { $0.id == "caoyang" })
        #expect(y.score == 20 && y.name == "曹杨新村街道" && y.grade == .red)
        #expect(entries.map(\.id) == ["caoyang", "changshoulu"])  // worst first
        fire.state = .resolved
        let calm = HazardIndex.entries(level: .street, devices: changshou, hazards: [], alarms: [fire], now: t0)
        #expect(calm.first?.score == 0 && calm.first?.grade == .green)
    }

    @Test(arguments: [(0.0, HazardIndexEntry.Grade.green), (0.99, .green), (1, .yellow), (2.99, .yellow), (3, .orange), (5.99, .orange), (6, .red)])
    func gradesFollowTheBands(score: Double, grade: HazardIndexEntry.Grade) {
        #expect(HazardIndexEntry.Grade(score: score) == grade)
    }

    @Test func communitiesAreScoredOnTheirOwnDevicesAndLateHazardsCountAtNow() throws {
        let a = devices(4, street: "s1", community: "ca")
        let b = devices(1, street: "s1", community: "cb")
        let entries = HazardIndex.entries(
            level: .community, devices: a + b, hazards: [hazard(.tamper, on: a[0])], alarms: [], now: t0.addingTimeInterval(25 * 3600))
        let ca = try #require(entries.first { $0.id == "ca" })
        #expect(ca.score == 50 && ca.overdue == 1)  // 100 × 1 × 2 / 4
        #expect(entries.first { $0.id == "cb" }?.score == 0)
    }

    @Test func entriesEncodeWithTheBindingKeys() throws {
        let entry = HazardIndexEntry(level: .street, id: "caoyang", name: "曹杨", score: 1.5, devices: 10, openHazards: 2, overdue: 0, openFireAlarms: 0)
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(entry)) as? [String: Any])
        #expect(Set(object.keys) == ["level", "id", "name", "score", "grade", "devices", "open_hazards", "overdue", "open_fire_alarms"])
        #expect(object["grade"] as? String == "yellow" && object["level"] as? String == "street")
    }

    @Test func theEngineIndexesItsOwnBooks() {
        var h = Harness()
        h.send(Fleet.smoke1, .fireAlarm)
        h.send(Fleet.meter, .overCurrent)
        let entry = h.engine.index(level: .street, devices: Fleet.all.map(\.device), now: h.now).first
        #expect(entry?.openFireAlarms == 1 && entry?.openHazards == 1)
        #expect(entry?.score == 55)  // 100 × 3 / 6 + 5
    }
}
