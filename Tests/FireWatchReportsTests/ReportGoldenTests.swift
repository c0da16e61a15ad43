import FireWatchCore
import FireWatchReports
import Foundation
import Testing

/// A golden history with known times: every figure below is worked out by hand from the times in this
/// file (nearest rank: the value at rank ⌈p/100 × n⌉ of the sorted values), never by the report code.
@Suite struct ReportGoldenTests {
    static let t0 = Date(timeIntervalSince1970: 1_767_196_800)  // 2026-01-01 00:00 Asia/Shanghai
    static let day = 86_400.0
    static let from = t0, to = t0.addingTimeInterval(7 * day)

    static func device(_ i: Int, street: String) -> Device {
        Device(id: "\(street)-d\(i)", model: "generic/smoke", location: GeoPoint(lat: 31.24, lon: 121.43), address: "a", street: street,
               community: "\(street)-c1")
    }

    static let devices = (1...10).map { device($0, street: "s1") } + (1...5).map { device($0, street: "s2") }

    /// A resolved fire alarm raised at `raised` with first page, accept and on-scene offsets in seconds.
    static func alarm(
        _ id: String, _ d: Device, raised: Date, page: Double?, accept: Double?, scene: Double?, resolution: AlarmResolution = .fire,
        confirmed: Bool = false, pages: Int = 1, escalated: Bool = false, station: String = "ms-1", drill: Bool = false
    ) -> Alarm {
        var a = Alarm(id: id, device: d, point: nil, kind: .fire, severity: .critical, raisedAt: raised)
        if let page {
            a.dispatchedAt = raised.addingTimeInterval(page)
            for i in 0..<pages { a.history.append(AlarmTransition(at: raised.addingTimeInterval(page + Double(i)), to: .dispatched, by: "dispatch", why: nil)) }
        }
        a.acceptedAt = accept.map { raised.addingTimeInterval($0) }
        a.onSceneAt = scene.map { raised.addingTimeInterval($0) }
        if escalated { a.history.append(AlarmTransition(at: raised.addingTimeInterval(200), to: .escalated, by: "dispatch", why: nil)) }
        a.confirmed = confirmed
        a.station = station
        a.state = .resolved
        a.resolution = resolution
        a.resolvedAt = raised.addingTimeInterval(600)
        a.drill = drill ? true : nil
        return a
    }

    static func hazard(_ id: String, _ d: Device, kind: HazardKind, opened: Double, due: Double, closed: Double?) -> Hazard {
        var h = Hazard(id: id, device: d, point: nil, kind: kind, openedAt: t0.addingTimeInterval(opened * day), by: "rules", why: nil)
        h.dueAt = t0.addingTimeInterval(due * day)
        if let closed {
            h.state = .closed
            h.closedAt = t0.addingTimeInterval(closed * day)
        }
        return h
    }

    static var input: ReportInput {
        let d1 = devices[0], d2 = devices[1], s2 = devices[10]
        let at = t0.addingTimeInterval(day)
        let alarms = [
            alarm("a1", d1, raised: at, page: 5, accept: 30, scene: 150),
            alarm("a2", d1, raised: at.addingTimeInterval(3600), page: 8, accept: 45, scene: 200),
            alarm("a3", d2, raised: at.addingTimeInterval(7200), page: 70, accept: 100, scene: 170),
            alarm("a4", d2, raised: at.addingTimeInterval(9000), page: 3, accept: 20, scene: nil, resolution: .falseAlarm),
            alarm("a5", d2, raised: at.addingTimeInterval(12000), page: 12, accept: 60, scene: 175, confirmed: true, pages: 2, escalated: true),
            // The week before: only in `previous`.
            alarm("p1", s2, raised: t0.addingTimeInterval(-2 * day), page: 9, accept: 40, scene: 120),
            // A drill in the period: never in the entries.
            alarm("x1", s2, raised: at, page: 4, accept: 15, scene: 90, resolution: .test, station: "ms-2", drill: true),
        ]
        let hazards = [
            hazard("h1", d1, kind: .blockedExit, opened: 1, due: 2, closed: 1.5),
            hazard("h2", d1, kind: .blockedExit, opened: 1, due: 1.5, closed: 3),
            hazard("h3", d2, kind: .blockedExit, opened: 2, due: 3, closed: nil),
            hazard("off1", d2, kind: .offline, opened: 2, due: 3, closed: 3),
        ]
        var g = Geography()
        g.add(street: Geography.Place(id: "s1", name: "一号街道", kind: "street"))
        g.add(street: Geography.Place(id: "s2", name: "二号街道", kind: "street"))
        let stations = [
            Station(id: "ms-1", name: "一站", street: "s1", kind: .community, location: GeoPoint(lat: 31.24, lon: 121.43), status: .available),
            Station(id: "ms-2", name: "二站", street: "s2", kind: .community, location: GeoPoint(lat: 31.24, lon: 121.43), status: .available),
        ]
        return ReportInput(from: from, to: to, level: .street, alarms: alarms, hazards: hazards, devices: devices, stations: stations,
                           geography: g, etaTargetSeconds: 180, now: to)
    }

    @Test func streetFiguresMatchTheHandWorkedNumbers() throws {
        let report = ReportBuilder.build(Self.input)
        let s1 = try #require(report.entries.first { $0.id == "s1" })
        #expect(s1.name == "一号街道" && s1.alarms == 5 && s1.confirmed == 1 && s1.falseAlarms == 1)
        // First page [3, 5, 8, 12, 70]: p50 rank 3 → 8, p90 rank 5 → 70.
        #expect(s1.firstPageP50 == 8 && s1.firstPageP90 == 70)
        // Accept [20, 30, 45, 60, 100]: 45 and 100. On scene [150, 170, 175, 200]: rank 2 → 170, rank 4 → 200.
        #expect(s1.acceptP50 == 45 && s1.acceptP90 == 100)
        #expect(s1.onSceneP50 == 170 && s1.onSceneP90 == 200)
        // On scene within 180 s: a1, a3, a5 of five fire alarms; paged within 60 s: all but a3.
        #expect(s1.arrivalWithinTargetPct == 60 && s1.pagedWithin60sPct == 80)
        #expect(s1.escalations == 1 && s1.repages == 1)
        #expect(s1.falseAlarmsPer100Devices == 10 && s1.devices == 10)
        // Opened h1 h2 h3 off1; closed h1 (on time), h2 (late), off1 (at its due time, on time): 2 of 3.
        #expect(s1.hazardsOpened == 4 && s1.hazardsClosed == 3 && s1.closedOnTimePct == 66.67 && s1.overdueNow == 1)
        // Times to close 12 h, 24 h, 48 h: the median 24 h.
        #expect(s1.medianCloseHours == 24)
        // One device offline for one of 10 × 7 device-days: 100 × (1 − 1/70) = 98.57.
        #expect(s1.onlineRatePct == 98.57)
        // At the start nothing was open; at the end h3 (blocked exit, weight 2, overdue ×2) over 10 devices: 100 × 4 / 10.
        #expect(s1.indexStart == 0 && s1.indexEnd == 40)

        let s2 = try #require(report.entries.first { $0.id == "s2" })
        #expect(s2.alarms == 0 && s2.onSceneP50 == nil && s2.arrivalWithinTargetPct == nil && s2.onlineRatePct == 100)
        #expect(report.previous.first { $0.id == "s2" }?.alarms == 1)
        #expect(report.previous.first { $0.id == "s2" }?.onSceneP50 == 120)
        // The drill is reported apart, by station, and nowhere else.
        #expect(report.drills.entries.map(\.id) == ["ms-2"] && report.drills.entries.first?.onSceneP50 == 90)
        #expect(!report.entries.contains { $0.alarms > 0 && $0.id == "s2" })

        // The district's index at each day's end over 15 devices. Day 1's end (t0 + 1 d): h1 and h2 just
        // opened (2 + 2) and a1 raised that instant (+5): 100 × 4 / 15 + 5 = 31.67. Day 2's end: h2 late
        // (2 × 2), h3 (2), off1 (1), no alarm open: 100 × 7 / 15 = 46.67. The drill never counts.
        #expect(report.indexTrend.count == 7)
        #expect(report.indexTrend.first?.day == Self.t0)
        #expect(report.indexTrend.map(\.score).prefix(2) == [31.67, 46.67])
    }

    @Test func queriesSayWhatIsWrongAndClampWhatIsMerelyOdd() throws {
        let tz = TimeZone(identifier: "Asia/Shanghai")!
        let q = try ReportQuery.parse(from: "2026-01-01", to: "2026-01-07", level: nil, street: nil, timeZone: tz)
        #expect(q.from == Self.t0 && q.to == Self.t0.addingTimeInterval(7 * Self.day) && q.level == .street)
        #expect(throws: ReportQueryError.self) { try ReportQuery.parse(from: "2026-02-31", to: "2026-03-01", level: nil, street: nil, timeZone: tz) }
        #expect(throws: ReportQueryError.self) { try ReportQuery.parse(from: "2026-01-01", to: "2026-01-02", level: "city", street: nil, timeZone: tz) }
        #expect(throws: ReportQueryError.self) { try ReportQuery.parse(from: "2026-01-01", to: "2026-01-02", level: nil, street: "", timeZone: tz) }
        // Ending before it starts: empty; longer than 400 days: the last 400.
        let back = try ReportQuery.parse(from: "2026-03-01", to: "2026-01-01", level: nil, street: nil, timeZone: tz)
        #expect(back.from == back.to)
        let long = try ReportQuery.parse(from: "2020-01-01", to: "2026-01-01", level: nil, street: nil, timeZone: tz)
        #expect(long.to.timeIntervalSince(long.from) == 400 * Self.day)
    }

    @Test func stationsAndTheRankingAndCSV() throws {
        var input = Self.input
        input.level = .station
        let report = ReportBuilder.build(input)
        #expect(report.entries.map(\.id) == ["ms-1", "ms-2"])
        #expect(report.entries.first?.alarms == 5 && report.entries.first?.hazardsOpened == nil)
        #expect(report.entries.last?.alarms == 0, "the drill counted as live")

        let streets = ReportBuilder.build(Self.input)
        // s1: (0.30×60 + 0.15×80 + 0.25×66.67 + 0.15×98.57 + 0.15×(100 − 10×10)) / 1.0 = 61.45;
        // s2 has no alarm figures: (0.25×? none) … online 100 and false-alarm score 100 only → 100.
        #expect(streets.ranking.map(\.id) == ["s2", "s1"])
        #expect(streets.ranking.last?.score == 61.45)

        let csv = ReportCSV.render(streets)
        let lines = csv.split(separator: "\r\n").map(String.init)
        #expect(lines.first?.hasPrefix("id,name,alarms,confirmed,false_alarms,first_page_p50_s,first_page_p90_s,accept_p50_s") == true)
        #expect(lines.count == 3)
        let s1 = try #require(lines.first { $0.hasPrefix("s1,") }).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let row = Dictionary(uniqueKeysWithValues: zip(header, s1))
        #expect(row["first_page_p90_s"] == "70" && row["closed_on_time_pct"] == "66.67" && row["online_rate_pct"] == "98.57")
        #expect(lines.first { $0.hasPrefix("s2,") }?.contains(",,") == true, "nulls are empty cells")
    }
}
