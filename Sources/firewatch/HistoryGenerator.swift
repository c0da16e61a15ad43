import FireWatchCore
import FireWatchDaemon
import FireWatchStore
import Foundation

/// `firewatch simulate --history DAYS`: a plausible record of past days for the configured fleet,
/// written straight into the configured store (alarms paged to the nearest available station, answered,
/// on scene and resolved; hazards found by sensors and on patrol, rectified and closed), so reports
/// have a year to read. Everything it writes is over before today: the running daemon's open state is
/// untouched. Seeded: the same seed gives the same history (ids apart).
struct HistoryGenerator {
    let setup: LoadedSetup
    let days: Int
    var random: SeededRandom
    let alarmsPerDay: Double
    let hazardsPerDay: Double

    struct Written { var alarms = 0, hazards = 0, drills = 0 }

    mutating func write(into store: SQLiteStore, until end: Date, progress: (Int, Written) -> Void) throws -> Written {
        let devices = setup.registry.devices.values.sorted { $0.id < $1.id }
        let stations = setup.stations.stations
        guard !devices.isEmpty else { return Written() }
        var written = Written()
        for day in 0..<days {
            let start = end.addingTimeInterval(-Double(days - day) * 86_400)
            var step: (alarms: [Alarm], hazards: [Hazard]) = ([], [])
            for _ in 0..<count(alarmsPerDay) {
                let d = devices[Int(random.next() % UInt64(devices.count))]
                step.alarms.append(alarm(d, at: start.addingTimeInterval(random.unit() * 86_000), stations: stations, drill: false))
            }
            // A drill a week for one station.
            if day % 7 == 3, let s = stations.filter({ $0.status != .outOfService }).randomElement(using: &random) {
                let place = Device(id: "drill-\(s.id)", model: "drill/exercise", location: s.location, address: "演练：\(s.name)", street: s.street, community: "")
                step.alarms.append(alarm(place, at: start.addingTimeInterval(36_000 + random.unit() * 20_000), stations: [s], drill: true))
                written.drills += 1
            }
            for _ in 0..<count(hazardsPerDay) {
                let d = devices[Int(random.next() % UInt64(devices.count))]
                step.hazards.append(hazard(d, at: start.addingTimeInterval(random.unit() * 86_000), before: end))
            }
            written.alarms += step.alarms.count
            written.hazards += step.hazards.count
            try store.importHistory(alarms: step.alarms, hazards: step.hazards)
            progress(day + 1, written)
        }
        return written
    }

    /// Around `mean` a day (uniform ±50 %).
    mutating func count(_ mean: Double) -> Int { Int((mean * (0.5 + random.unit())).rounded()) }

    mutating func alarm(_ d: Device, at raised: Date, stations: [Station], drill: Bool) -> Alarm {
        let kind: AlarmKind
        switch drill ? nil : setup.catalog[d.model]?.kind {
        case "electrical": kind = .electrical
        case "gas": kind = .gas
        case "panel": kind = random.unit() < 0.1 ? .manualAlarm : .fire
        default: kind = .fire
        }
        var a = Alarm(id: Identifiers.make(prefix: "alm", at: raised), device: d,
                      point: nil, kind: kind, severity: kind == .electrical ? .major : .critical, raisedAt: raised)
        a.drill = drill ? true : nil
        if drill { a.building = nil }
        var t = raised
        let real = !drill && random.unit() < 0.03
        if kind != .electrical, let station = nearest(d.location, stations) {
            t += 1 + random.unit() * 7
            a.dispatch(to: station.id, by: "dispatch", at: t, why: "history")
            if random.unit() < 0.06 { t += 60; a.dispatch(to: station.id, by: "dispatch", at: t, why: "history: no answer, paged again") }
            t += 15 + random.unit() * 90
            a.accept(station: station.id, by: "station:\(station.id)", at: t)
            let travel = 1.3 * d.location.distanceMeters(to: station.location) / (15_000 / 3600)
            t += travel + random.unit() * 60
            a.arrive(station: station.id, by: "station:\(station.id)", at: t)
            if real, a.confirm(by: "station:\(station.id)", at: t, why: "fire seen on arrival") {
                a.escalate(by: "dispatch", at: t, why: "fire confirmed")
            }
        }
        t = min(t + 300 + random.unit() * 1500, raised.addingTimeInterval(86_400 - 1))
        let cause: AlarmResolution = drill ? .test : real ? .fire : random.unit() < 0.85 ? .falseAlarm : .nuisance
        a.resolve(cause, by: drill ? "station" : "duty-officer", at: t)
        return a
    }

    mutating func hazard(_ d: Device, at opened: Date, before end: Date) -> Hazard {
        let r = random.unit()
        let kind: HazardKind = r < 0.4 ? .offline : r < 0.55 ? .lowBattery : r < 0.65 ? .fault
            : [.blockedExit, .ebikeCharging, .fireDoor, .extinguisher, .hydrant, .wiring][Int(random.next() % 6)]
        var h = Hazard(id: Identifiers.make(prefix: "hzd", at: opened), device: d,
                       point: nil, kind: kind, openedAt: opened, by: kind.isPatrol ? "inspector" : "rules", why: "history")
        if kind.isPatrol { h.source = .patrol }
        // Most close within their allowance; some late; all before `end`.
        let allowance = h.dueAt.timeIntervalSince(opened)
        let took = allowance * (random.unit() < 0.8 ? 0.1 + random.unit() * 0.85 : 1.05 + random.unit())
        let closed = max(opened.addingTimeInterval(60), min(opened.addingTimeInterval(took), end.addingTimeInterval(-60)))
        h.rectifiedAt = closed.addingTimeInterval(-min(3600, closed.timeIntervalSince(opened) / 2))
        h.rectifiedBy = "unit"
        h.state = .closed
        h.closedAt = closed
        h.closedBy = kind.isPatrol ? "inspector-2" : "rules"
        h.history.append(HazardTransition(at: closed, to: HazardState.closed.rawValue, by: h.closedBy ?? "", why: "history"))
        return h
    }

    func nearest(_ p: GeoPoint, _ stations: [Station]) -> Station? {
        stations.filter { $0.status != .outOfService }.min { $0.location.distanceMeters(to: p) < $1.location.distanceMeters(to: p) }
    }
}
