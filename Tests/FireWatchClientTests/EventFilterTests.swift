import FireWatchClient
import FireWatchCore
import Foundation
import Testing

/// `tail --street --kind`: what passes and what does not.
@Suite struct EventFilterTests {
    @Test func noFilterPassesEverything() {
        let filter = EventFilter()
        #expect(Samples.all.allSatisfy(filter.accepts))
    }

    @Test func streetMatchesAlarmsStationsAndHazards() {
        let filter = EventFilter(street: "changshoulu")
        #expect(Samples.all.filter(filter.accepts).map(\.seq) == [1, 3, 4])
        #expect(EventFilter(street: "caoyangxincun, changshoulu").accepts(Samples.otherStreetAlarm))
    }

    @Test(arguments: [
        ("fire", [Int64(1), 3]),
        ("alarm.raised", [1, 2]),
        ("alarm", [1, 2, 3]),
        ("station", [5]),
        ("hazard", [4]),
        ("offline", [4]),
        ("manual_alarm,station.status", [2, 5]),
    ])
    func kindMatchesKindsTypesAndFamilies(kind: String, seqs: [Int64]) {
        #expect(Samples.all.filter(EventFilter(kind: kind).accepts).map(\.seq) == seqs)
    }

    @Test func streetAndKindMustBothMatch() {
        #expect(Samples.all.filter(EventFilter(street: "changshoulu", kind: "alarm.raised").accepts).map(\.seq) == [1])
    }

    @Test func unknownKindsAreNamed() {
        #expect(EventFilter(kind: "fire,smoke,alarm.raised,nonsense").unknownKinds == ["nonsense", "smoke"])
        #expect(EventFilter(kind: "fire,offline,hazard").unknownKinds.isEmpty)
    }
}

/// Events as the daemon streams them, one of each shape.
enum Samples {
    static let at = Date(timeIntervalSince1970: 1_773_472_166)
    static let device = Device(
        id: "uitd-t1", model: "gb26875/uitd", location: GeoPoint(lat: 31.24, lon: 121.43), address: "长寿路 100 号",
        street: "changshoulu", community: "changshoulu-c01")

    static func alarm(_ kind: AlarmKind = .fire, street: String = "changshoulu", severity: AlarmSeverity = .critical) -> Alarm {
        var d = device
        d.street = street
        return Alarm(id: "alm-1", device: d, point: nil, kind: kind, severity: severity, raisedAt: at)
    }

    static func event(_ seq: Int64, _ json: String) -> StreamEvent {
        StreamEvent(frame: SSEFrame(id: String(seq), event: nil, data: json))!
    }

    static func encoded(_ e: FeedEvent) -> String {
        String(decoding: try! Timestamps.encoder(timeZone: TimeZone(identifier: "Asia/Shanghai")!).encode(e), as: UTF8.self)
    }

    static let fireRaised = event(1, encoded(FeedEvent(at: at, type: .alarmRaised, alarm: alarm())))
    static let otherStreetAlarm = event(2, encoded(FeedEvent(at: at, type: .alarmRaised, alarm: alarm(.manualAlarm, street: "caoyangxincun"))))
    static let fireUpdated = event(3, encoded(FeedEvent(at: at, type: .alarmUpdated, alarm: alarm())))
    static let hazardOpened = event(4, """
        {"at":"2026-03-14T15:09:26+08:00","type":"hazard.opened","hazard":{"id":"hz-1","kind":"offline","state":"open",\
        "street":"changshoulu","device":"smk-1","address":"长寿路 1 号"}}
        """)
    static let stationStatus = event(5, encoded(FeedEvent(
        at: at, type: .stationStatus,
        station: Station(id: "ms-1", name: "一站", street: "caoyangxincun", kind: .community, location: GeoPoint(lat: 31.25, lon: 121.41), status: .busy))))

    static let all = [fireRaised, otherStreetAlarm, fireUpdated, hazardOpened, stationStatus]
}
