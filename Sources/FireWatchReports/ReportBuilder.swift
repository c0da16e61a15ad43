import FireWatchCore
import FireWatchHazards
import Foundation

/// Computes a report from the raw records (alarms with their timestamps, hazards with their dates), never
/// from counters: every figure can be recomputed from what the store holds. Pure: no I/O, no clock.
public enum ReportBuilder {
    /// Kinds that call for a station: the denominators of the arrival and paging rates.
    static let responseKinds: Set<AlarmKind> = [.fire, .manualAlarm]

    public static func build(_ input: ReportInput) -> Report {
        let (from, to) = (input.from, input.to)
        let live = input.alarms.filter { !$0.isDrill }
        let entries = figures(input, alarms: live.filter { $0.raisedAt >= from && $0.raisedAt < to }, from: from, to: to, hazardsToo: true)
        let previous = figures(
            input, alarms: live.filter { $0.raisedAt >= input.previousFrom && $0.raisedAt < from }, from: input.previousFrom, to: from,
            hazardsToo: true)
        var drillInput = input
        drillInput.level = .station
        let drills = figures(
            drillInput, alarms: input.alarms.filter { $0.isDrill && $0.raisedAt >= from && $0.raisedAt < to }, from: from, to: to,
            hazardsToo: false
        ).filter { $0.alarms > 0 }
        return Report(
            from: from, to: to, level: input.level, generatedAt: input.now, etaTargetSeconds: input.etaTargetSeconds,
            entries: entries, previous: previous, drills: Report.Drills(entries: drills),
            ranking: ReportRanking.rank(entries), rankingWeights: ReportRanking.weights, measures: ReportMeasures.all,
            indexTrend: input.level == .station ? [] : indexTrend(input))
    }

    /// The entries of one period: every street (community, station) the places, registry and stations
    /// know, plus any an alarm or hazard names.
    static func figures(_ input: ReportInput, alarms: [Alarm], from: Date, to: Date, hazardsToo: Bool) -> [ReportEntry] {
        let level = input.level
        let g = input.geography
        var ids: [String: String] = [:]
        switch level {
        case .street:
            for s in g.streets { ids[s.id] = s.name }
            for d in input.devices { ids[d.street] = ids[d.street] ?? g.streetName(d.street) }
        case .community:
            for (id, c) in g.communities { ids[id] = c.name }
            for d in input.devices where !d.community.isEmpty { ids[d.community] = ids[d.community] ?? g.communityName(d.community) }
        case .station:
            for s in input.stations { ids[s.id] = s.name }
        }
        func key(_ a: Alarm) -> String? {
            switch level {
            case .street: a.street
            case .community: a.community.isEmpty ? nil : a.community
            case .station: a.station
            }
        }
        func key(_ h: Hazard) -> String? {
            switch level {
            case .street: h.street
            case .community: h.community.isEmpty ? nil : h.community
            case .station: nil
            }
        }
        func key(_ d: Device) -> String? {
            switch level {
            case .street: d.street
            case .community: d.community.isEmpty ? nil : d.community
            case .station: nil
            }
        }
        let byAlarm = Dictionary(grouping: alarms.compactMap { a in key(a).map { ($0, a) } }, by: \.0).mapValues { $0.map(\.1) }
        let byHazard = Dictionary(grouping: input.hazards.compactMap { h in key(h).map { ($0, h) } }, by: \.0).mapValues { $0.map(\.1) }
        let byDevice = Dictionary(grouping: input.devices.compactMap { d in key(d).map { ($0, d) } }, by: \.0).mapValues { $0.map(\.1) }
        for id in byAlarm.keys where ids[id] == nil { ids[id] = id }
        if hazardsToo { for id in byHazard.keys where ids[id] == nil { ids[id] = id } }
        let end = min(to, input.now)
        let indexAt: (Date) -> [String: Double] = { t in
            guard level != .station, hazardsToo else { return [:] }
            return IndexAtTime.scores(level: level == .street ? .street : .community, devices: input.devices, hazards: input.hazards, alarms: input.alarms, at: t)
        }
        let startIndex = indexAt(from), endIndex = indexAt(end)

        return ids.keys.sorted().compactMap { id -> ReportEntry? in
            if let street = input.street {
                let inStreet: Bool = switch level {
                case .street: id == street
                case .community: g.communities[id]?.street == street || byDevice[id]?.first?.street == street
                case .station: input.stations.first { $0.id == id }?.street == street
                }
                guard inStreet else { return nil }
            }
            var e = ReportEntry(id: id, name: ids[id] ?? id)
            alarmFigures(&e, byAlarm[id] ?? [], target: input.etaTargetSeconds)
            guard level != .station, hazardsToo else { return e }
            let devices = byDevice[id] ?? []
            e.devices = devices.count
            e.confirmedPct = Percentile.percent(e.confirmed, of: e.alarms)
            if !devices.isEmpty { e.falseAlarmsPer100Devices = Percentile.round2(100 * Double(e.falseAlarms) / Double(devices.count)) }
            hazardFigures(&e, byHazard[id] ?? [], from: from, to: to, now: input.now)
            e.onlineRatePct = onlineRate(devices: devices.count, hazards: byHazard[id] ?? [], from: from, to: end)
            e.indexStart = startIndex[id] ?? (devices.isEmpty ? nil : 0)
            e.indexEnd = endIndex[id] ?? (devices.isEmpty ? nil : 0)
            return e
        }
    }

    static func alarmFigures(_ e: inout ReportEntry, _ alarms: [Alarm], target: Double) {
        e.alarms = alarms.count
        var firstPage: [Double] = [], accept: [Double] = [], onScene: [Double] = []
        var response = 0, arrived = 0, pagedQuickly = 0
        for a in alarms {
            if a.confirmed { e.confirmed += 1 }
            if a.resolution == .falseAlarm { e.falseAlarms += 1 }
            e.alarmsByKind[a.kind.rawValue, default: 0] += 1
            if let r = a.resolution { e.alarmsByResolution[r.rawValue, default: 0] += 1 }
            let pages = a.history.filter { $0.to == .dispatched }.count
            e.repages += max(0, pages - 1)
            if a.history.contains(where: { $0.to == .escalated }) { e.escalations += 1 }
            let page = a.dispatchedAt.map { $0.timeIntervalSince(a.raisedAt) }
            let scene = a.onSceneAt.map { $0.timeIntervalSince(a.raisedAt) }
            if let page { firstPage.append(page) }
            if let t = a.acceptedAt { accept.append(t.timeIntervalSince(a.raisedAt)) }
            if let scene { onScene.append(scene) }
            guard responseKinds.contains(a.kind) else { continue }
            response += 1
            if let scene, scene <= target { arrived += 1 }
            if let page, page <= 60 { pagedQuickly += 1 }
        }
        firstPage.sort(); accept.sort(); onScene.sort()
        e.firstPageP50 = Percentile.nearestRank(firstPage, 50).map(Percentile.round2)
        e.firstPageP90 = Percentile.nearestRank(firstPage, 90).map(Percentile.round2)
        e.acceptP50 = Percentile.nearestRank(accept, 50).map(Percentile.round2)
        e.acceptP90 = Percentile.nearestRank(accept, 90).map(Percentile.round2)
        e.onSceneP50 = Percentile.nearestRank(onScene, 50).map(Percentile.round2)
        e.onSceneP90 = Percentile.nearestRank(onScene, 90).map(Percentile.round2)
        e.arrivalWithinTargetPct = Percentile.percent(arrived, of: response)
        e.pagedWithin60sPct = Percentile.percent(pagedQuickly, of: response)
        e.firstPageSeconds = firstPage.map(Percentile.round2)
        e.onSceneSeconds = onScene.map(Percentile.round2)
    }

    static func hazardFigures(_ e: inout ReportEntry, _ hazards: [Hazard], from: Date, to: Date, now: Date) {
        let opened = hazards.filter { $0.openedAt >= from && $0.openedAt < to }
        let closed = hazards.filter { h in h.closedAt.map { $0 >= from && $0 < to } ?? false }
        e.hazardsOpened = opened.count
        e.hazardsClosed = closed.count
        e.closedOnTimePct = Percentile.percent(closed.filter { $0.closedAt! <= $0.dueAt }.count, of: closed.count)
        e.overdueNow = hazards.filter { $0.isOpen && ($0.overdue || $0.isLate(at: now)) }.count
        for h in opened { e.hazardsByKind[h.kind.rawValue, default: 0] += 1 }
        let hours = closed.map { $0.closedAt!.timeIntervalSince($0.openedAt) / 3600 }.sorted()
        e.medianCloseHours = Percentile.nearestRank(hours, 50).map(Percentile.round2)
        e.chronicFalseAlarmDevices = Set(hazards.filter { h in
            h.kind == .chronicFalseAlarm && h.openedAt < to && (h.closedAt.map { $0 >= from } ?? true)
        }.map(\.device)).sorted()
    }

    /// 在线率: the share of device-time in the period not covered by an `offline` hazard of the device.
    static func onlineRate(devices: Int, hazards: [Hazard], from: Date, to: Date) -> Double? {
        let span = to.timeIntervalSince(from)
        guard devices > 0, span > 0 else { return nil }
        // One offline episode per device at a time; overlapping ones of a device are merged.
        var byDevice: [String: [(Date, Date)]] = [:]
        for h in hazards where h.kind == .offline {
            let start = max(h.openedAt, from), end = min(h.closedAt ?? to, to)
            if end > start { byDevice[h.device, default: []].append((start, end)) }
        }
        var offline = 0.0
        for (_, spans) in byDevice {
            var last = Date.distantPast
            for (s, t) in spans.sorted(by: { $0.0 < $1.0 }) {
                let s2 = max(s, last)
                if t > s2 { offline += t.timeIntervalSince(s2) }
                last = max(last, t)
            }
        }
        return Percentile.round2(100 * (1 - offline / (Double(devices) * span)))
    }

    /// The district's hazard index at the end of each day of the period (at most 400 points): the
    /// index's own formula (`HazardIndex.score`) over the hazards and fire alarms open at each day's end,
    /// from arrays of their times read once, so a year of days stays a few million comparisons.
    static func indexTrend(_ input: ReportInput) -> [Report.IndexPoint] {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = input.timeZone
        let end = min(input.to, input.now)
        struct Span { var opened, closed, due: Double; var rectified: Double?; var weight: Double }
        let hazards = input.hazards.map { h in
            Span(opened: h.openedAt.timeIntervalSince1970, closed: h.closedAt?.timeIntervalSince1970 ?? .infinity,
                 due: h.dueAt.timeIntervalSince1970, rectified: h.rectifiedAt?.timeIntervalSince1970, weight: HazardIndex.weight(h.kind))
        }
        let fires = input.alarms.filter { !$0.isDrill && ($0.kind == .fire || $0.kind == .manualAlarm) }
            .map { ($0.raisedAt.timeIntervalSince1970, $0.resolvedAt?.timeIntervalSince1970 ?? .infinity) }
        var out: [Report.IndexPoint] = []
        var day = cal.startOfDay(for: input.from)
        while day < end, out.count < 400 {
            let t = min(cal.date(byAdding: .day, value: 1, to: day)!, end).timeIntervalSince1970
            var weight = 0.0
            for h in hazards where h.opened <= t && h.closed > t {
                // Late then: rectified after its deadline, or not rectified by then and past it.
                let late = h.rectified.map { $0 <= t ? $0 > h.due : t >= h.due } ?? (t >= h.due)
                weight += h.weight * (late ? 2 : 1)
            }
            let open = fires.reduce(0) { $0 + ($1.0 <= t && $1.1 > t ? 1 : 0) }
            out.append(Report.IndexPoint(day: day, score: HazardIndex.score(weight: weight, devices: input.devices.count, fireAlarms: open)))
            day = cal.date(byAdding: .day, value: 1, to: day)!
        }
        return out
    }
}
