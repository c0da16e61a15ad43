import FireWatchCore
import FireWatchDispatch
import Foundation
import Testing

@Suite struct NearestStationTests {
    let origin = GeoPoint(lat: 31.2400, lon: 121.4300)
    let policy = DispatchPolicy(ackTimeoutSeconds: 60, etaTargetSeconds: 180, speedKmh: 15, roadFactor: 1.3)
    let t0 = Date(timeIntervalSince1970: 1_773_472_166)

    func station(_ id: String, north metres: Double, _ status: Station.Status) -> Station {
        Station(id: id, name: id, street: "s", kind: .community,
                location: GeoPoint(lat: origin.lat + metres / 111_195, lon: origin.lon), status: status)
    }

    var alarm: Alarm {
        let device = Device(id: "d1", model: "gb26875/uitd", location: origin, address: "a", street: "s", community: "c")
        return Alarm(id: "alm-1", device: device, point: nil, kind: .fire, severity: .critical, raisedAt: t0)
    }

    @Test func etaIsRoadFactorTimesDistanceOverSpeed() {
        #expect(abs(policy.etaSeconds(distanceMeters: 1000) - 1.3 * 1000 / (15_000.0 / 3600)) < 1e-9)
    }

    @Test func theNearestAvailableStationIsPagedAndSkipsAreExplained() throws {
        let stations = [
            station("far", north: 2000, .available), station("busy", north: 100, .busy),
            station("oos", north: 150, .outOfService), station("near", north: 500, .available),
        ]
        let order = try #require(NearestStation.firstPage(for: alarm, stations: stations, policy: policy, now: t0, dispatchID: "dsp-1"))
        #expect(order.stationID == "near")
        #expect(order.rank == 1)
        #expect(abs(order.distanceMeters - 500) <= 1)
        #expect(abs(order.etaSeconds - policy.etaSeconds(distanceMeters: 500)) <= 1)
        #expect(order.ackDeadline == t0.addingTimeInterval(60))
        #expect(order.skipped.map(\.stationID) == ["busy", "oos"])
        #expect(order.skipped.map(\.why) == ["busy", "out_of_service"])
        #expect(order.reason.contains("rank 1 of 2"))
    }

    @Test func rankingIsByETAThenDistanceAndExcludesAlreadyPaged() {
        let stations = [station("a", north: 300, .available), station("b", north: 200, .available), station("c", north: 900, .available)]
        let (ranked, skipped) = NearestStation.rank(to: origin, stations: stations, policy: policy, alreadyPaged: ["b"])
        #expect(ranked.map(\.station.id) == ["a", "c"])
        #expect(skipped.map(\.why) == ["already paged for this alarm"])
    }

    @Test func noAvailableStationGivesNoPage() {
        let stations = [station("busy", north: 100, .busy)]
        #expect(NearestStation.firstPage(for: alarm, stations: stations, policy: policy, now: t0, dispatchID: "x") == nil)
    }
}
