import FireWatchCore
import FireWatchDispatch
import Foundation
import Testing

/// Dispatch timers with an injected clock: "paged at t, no ack by t+60 s → next station".
@Suite struct DispatcherTests {
    let origin = GeoPoint(lat: 31.2400, lon: 121.4300)
    let policy = DispatchPolicy(ackTimeoutSeconds: 60, etaTargetSeconds: 180, speedKmh: 15, roadFactor: 1.3)
    let t0 = Date(timeIntervalSince1970: 1_773_472_166)

    func station(_ id: String, north metres: Double, _ status: Station.Status = .available) -> Station {
        Station(id: id, name: id, street: "s", kind: .community, location: GeoPoint(lat: origin.lat + metres / 111_195, lon: origin.lon), status: status)
    }

    var stations: [Station] {
        [station("busy", north: 100, .busy), station("oos", north: 150, .outOfService), station("a", north: 300),
         station("b", north: 400), station("c", north: 500)]
    }

    var alarm: Alarm {
        let d = Device(id: "d1", model: "m/x", location: origin, address: "长寿路 1 号", street: "s", community: "c")
        return Alarm(id: "alm-1", device: d, point: nil, kind: .fire, severity: .critical, raisedAt: t0)
    }

    func ids() -> () -> String {
        var n = 0
        return { n += 1; return "dsp-\(n)" }
    }

    func pages(_ d: [DispatchDecision]) -> [DispatchOrder] {
        d.compactMap { if case .page(let o) = $0 { o } else { nil } }
    }

    func escalations(_ d: [DispatchDecision]) -> [String] {
        d.compactMap { if case .escalate(_, let why) = $0 { why } else { nil } }
    }

    @Test func noAnswerByTheDeadlinePagesTheNextInETAOrderNeverTwiceThenTheBrigade() {
        var dispatcher = Dispatcher(policy: policy)
        let makeID = ids()
        let first = pages(dispatcher.begin(alarm, stations: stations, now: t0, makeID: makeID))
        #expect(first.map(\.stationID) == ["a"])
        #expect(first[0].ackDeadline == t0.addingTimeInterval(60))
        #expect(abs(first[0].etaSeconds - policy.etaSeconds(distanceMeters: 300)) <= 1)
        #expect(Set(first[0].skipped.map(\.stationID)) == ["busy", "oos"])

        // 59 s: nothing yet.
        #expect(dispatcher.timeouts(now: t0.addingTimeInterval(59), alarms: ["alm-1": alarm], stations: stations, makeID: makeID).isEmpty)
        var paged = first.map(\.stationID)
        var now = t0.addingTimeInterval(60)
        for expected in ["b", "c"] {
            let next = pages(dispatcher.timeouts(now: now, alarms: ["alm-1": alarm], stations: stations, makeID: makeID))
            #expect(next.map(\.stationID) == [expected])
            #expect(next.first?.rank == paged.count + 1)
            #expect(next.first?.reason.contains("no answer from \(paged.last!)") == true)
            paged.append(expected)
            now = now.addingTimeInterval(60)
        }
        let last = dispatcher.timeouts(now: now, alarms: ["alm-1": alarm], stations: stations, makeID: makeID)
        #expect(pages(last).isEmpty)
        #expect(escalations(last) == ["no station left after a, b, c"])
        #expect(Set(paged).count == paged.count)
        #expect(dispatcher.nextDeadline == nil)
    }

    @Test func aDeclinePagesTheNextAtOnce() throws {
        var dispatcher = Dispatcher(policy: policy)
        let makeID = ids()
        let first = pages(dispatcher.begin(alarm, stations: stations, now: t0, makeID: makeID))[0]
        let next = try dispatcher.answer(.declined, from: "a", alarm: alarm, cause: nil,
                                         stations: stations, now: t0.addingTimeInterval(5), makeID: makeID)
        #expect(pages(next).map(\.stationID) == ["b"])
        #expect(pages(next).first?.reason.hasPrefix("a declined") == true)
        // Each dispatch id names the station it was sent to.
        #expect(dispatcher.page(first.dispatchID)?.stationID == "a")
        #expect(try dispatcher.page(#require(pages(next).first).dispatchID).map { [$0.alarmID, $0.stationID] } == [alarm.id, "b"])
        #expect(dispatcher.page("dsp-unknown") == nil)
        // A station that was never paged cannot answer.
        #expect(throws: DispatchAnswerError.self) {
            try dispatcher.answer(.accepted, from: "c", alarm: alarm, cause: nil, stations: stations, now: t0, makeID: makeID)
        }
    }

    @Test func acceptOnSceneResolveMoveTheAlarmAndTheStation() throws {
        var dispatcher = Dispatcher(policy: policy)
        let makeID = ids()
        _ = dispatcher.begin(alarm, stations: stations, now: t0, makeID: makeID)
        let accepted = try dispatcher.answer(.accepted, from: "a", alarm: alarm, cause: nil, stations: stations, now: t0, makeID: makeID)
        #expect(accepted == [.alarm(alarmID: "alm-1", state: .accepted, station: "a", cause: nil), .station(id: "a", status: .busy)])
        // Accepted: the deadline no longer runs.
        #expect(dispatcher.timeouts(now: t0.addingTimeInterval(600), alarms: ["alm-1": alarm], stations: stations, makeID: makeID).isEmpty)
        #expect(try dispatcher.answer(.onScene, from: "a", alarm: alarm, cause: nil, stations: stations, now: t0, makeID: makeID)
            == [.alarm(alarmID: "alm-1", state: .onScene, station: "a", cause: nil)])
        #expect(try dispatcher.answer(.resolved, from: "a", alarm: alarm, cause: .falseAlarm, stations: stations, now: t0, makeID: makeID)
            == [.alarm(alarmID: "alm-1", state: .resolved, station: "a", cause: .falseAlarm), .station(id: "a", status: .available)])
        #expect(dispatcher.progress.isEmpty)
    }

    @Test func onSceneBeforeAcceptIsRefused() {
        var dispatcher = Dispatcher(policy: policy)
        _ = dispatcher.begin(alarm, stations: stations, now: t0, makeID: ids())
        #expect(throws: DispatchAnswerError.self) {
            try dispatcher.answer(.onScene, from: "a", alarm: alarm, cause: nil, stations: stations, now: t0, makeID: ids())
        }
    }

    @Test func aBestETAOverTheTargetPagesAndEscalates() {
        var dispatcher = Dispatcher(policy: policy)
        let far = [station("far", north: 2_000)]
        let d = dispatcher.begin(alarm, stations: far, now: t0, makeID: ids())
        #expect(pages(d).map(\.stationID) == ["far"])
        #expect(escalations(d).first?.contains("exceeds the 180 s target") == true)
    }

    @Test func noStationAtAllEscalatesAndAConfirmedFireEscalatesOnce() {
        var dispatcher = Dispatcher(policy: policy)
        #expect(escalations(dispatcher.begin(alarm, stations: [station("x", north: 10, .busy)], now: t0, makeID: ids())) == ["no available station"])
        #expect(dispatcher.confirmed(alarm).isEmpty)
        var other = Dispatcher(policy: policy)
        _ = other.begin(alarm, stations: stations, now: t0, makeID: ids())
        #expect(escalations(other.confirmed(alarm)) == ["fire confirmed"])
        #expect(other.confirmed(alarm).isEmpty)
    }

    @Test func progressSurvivesARestartThroughCodable() throws {
        var dispatcher = Dispatcher(policy: policy)
        _ = dispatcher.begin(alarm, stations: stations, now: t0, makeID: ids())
        let data = try Timestamps.encoder().encode(Array(dispatcher.progress.values))
        let restored = try Timestamps.decoder().decode([DispatchProgress].self, from: data)
        var again = Dispatcher(policy: policy, progress: restored)
        let next = pages(again.timeouts(now: t0.addingTimeInterval(61), alarms: ["alm-1": alarm], stations: stations, makeID: ids()))
        #expect(next.map(\.stationID) == ["b"])
    }
}
