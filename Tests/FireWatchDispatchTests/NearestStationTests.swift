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
        var dispatcher = Dispatcher(policy: policy)
        let decisions = dispatcher.begin(alarm, stations: stations, now: t0) { "dsp-1" }
        guard case .page(let order)? = decisions.first else { Issue.record("no page: \(decisions)"); return }
        #expect(decisions.count == 1)
        #expect(order.stationID == "near")
        #expect(order.rank == 1)
        #expect(abs(order.distanceMeters - 500) <= 1)
        #expect(abs(order.etaSeconds - policy.etaSeconds(distanceMeters: 500)) <= 1)
        #expect(order.ackDeadline == t0.addingTimeInterval(60))
        #expect(order.skipped.map(\.stationID) == ["busy", "oos"])
        #expect(order.skipped.map(\.why) == ["busy", "out_of_service"])
        #expect(order.reason.contains("rank 1, best of 2 available"))
    }

    @Test func rankingIsByETAThenDistanceAndExcludesAlreadyPaged() {
        let stations = [station("a", north: 300, .available), station("b", north: 200, .available), station("c", north: 900, .available)]
        let (ranked, skipped) = NearestStation.rank(to: origin, stations: stations, policy: policy, alreadyPaged: ["b"])
        #expect(ranked.map(\.station.id) == ["a", "c"])
        #expect(skipped.map(\.why) == ["already paged for this alarm"])
    }

    @Test func noAvailableStationGivesNoPage() {
        let stations = [station("busy", north: 100, .busy)]
        var dispatcher = Dispatcher(policy: policy)
        let decisions = dispatcher.begin(alarm, stations: stations, now: t0) { "x" }
        #expect(decisions == [.escalate(alarmID: alarm.id, reason: "no available station")])
    }
}

@Suite struct TravelTimesTests {
    @Test func parsesTheCSVAndNamesTheLineOfAMistake() throws {
        let table = try TravelTimes.parse("# measured 2026-10\nstation_id,target,eta_s\nms-1,b-100,95\nms-1,dev-7,40\nms-2,b-100,300\n")
        #expect(table.eta(from: "ms-1", to: ["dev-7", "b-100"]) == 40)
        #expect(table.eta(from: "ms-1", to: ["dev-8", "b-100"]) == 95)
        #expect(table.eta(from: "ms-3", to: ["b-100"]) == nil)
        #expect(throws: TravelTimesError(line: 3, "eta_s \"fast\" must be a number of seconds")) {
            try TravelTimes.parse("station_id,target,eta_s\nms-1,b,1\nms-1,b,fast\n")
        }
        #expect(throws: TravelTimesError.self) { try TravelTimes.parse("station,target,seconds\n") }
    }

    @Test func aListedTravelTimeOutranksTheFormula() throws {
        let origin = GeoPoint(lat: 31.24, lon: 121.43)
        let near = Station(id: "near", name: "n", street: "s", kind: .community, location: GeoPoint(lat: 31.2410, lon: 121.43), status: .available)
        let far = Station(id: "far", name: "f", street: "s", kind: .community, location: GeoPoint(lat: 31.2450, lon: 121.43), status: .available)
        // The near station is across a river: 400 s by road; the far one 90 s.
        let policy = DispatchPolicy(travelTimes: TravelTimes([("near", "b-1", 400), ("far", "b-1", 90)]))
        let (ranked, _) = NearestStation.rank(to: origin, targets: ["dev-1", "b-1"], stations: [near, far], policy: policy)
        #expect(ranked.map(\.station.id) == ["far", "near"])
        #expect(ranked[0].etaSeconds == 90 && ranked[0].etaFromTable)
        // Without a listed pair the formula applies.
        let (plain, _) = NearestStation.rank(to: origin, targets: ["dev-2", "b-2"], stations: [near, far], policy: policy)
        #expect(plain.map(\.station.id) == ["near", "far"])
        #expect(!plain[0].etaFromTable)
    }
}
