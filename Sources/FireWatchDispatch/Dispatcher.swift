import FireWatchCore
import Foundation

/// Micro-station dispatch: page the best available station by ETA, page the next at once on a decline
/// or when the ack deadline passes (never one station twice for one alarm), escalate to the brigade when
/// no station is left, when the best ETA misses the target, or when a fire is confirmed. Pure: time
/// comes with each call, ids from the caller; the pipeline persists progress and runs `timeouts` on a tick.
public struct Dispatcher: Sendable {
    public var policy: DispatchPolicy
    public private(set) var progress: [String: DispatchProgress] = [:]

    public init(policy: DispatchPolicy, progress: [DispatchProgress] = []) {
        self.policy = policy
        for p in progress { self.progress[p.alarmID] = p }
    }

    /// A new alarm: page the best station; escalate when there is none or it cannot make the target.
    public mutating func begin(_ alarm: Alarm, stations: [Station], now: Date, makeID: () -> String) -> [DispatchDecision] {
        var p = progress[alarm.id] ?? DispatchProgress(alarmID: alarm.id)
        defer { progress[alarm.id] = p }
        return pageNext(alarm, &p, stations: stations, now: now, makeID: makeID, why: "new alarm")
    }

    /// A drill (联勤联训): the named station is paged with an exercise dispatch, whatever its rank; an
    /// out-of-service station is refused by the caller. Nothing is escalated and silence pages nobody else.
    public mutating func beginDrill(_ alarm: Alarm, station: Station, now: Date, makeID: () -> String) -> [DispatchDecision] {
        var p = DispatchProgress(alarmID: alarm.id)
        p.drill = true
        let distance = alarm.location.distanceMeters(to: station.location)
        let eta = policy.etaSeconds(distanceMeters: distance)
        var order = DispatchOrder(
            dispatchID: makeID(), alarmID: alarm.id, stationID: station.id, rank: 1, device: alarm.device, kind: alarm.kind,
            address: alarm.address, location: alarm.location, distanceMeters: distance.rounded(), etaSeconds: eta.rounded(),
            ackDeadline: now.addingTimeInterval(policy.ackTimeoutSeconds), at: now,
            reason: String(format: "drill: %@ named, %.0f m great-circle, ETA %.0f s", station.id, distance, eta), skipped: [])
        order.drill = true
        p.paged = [station.id]
        p.dispatchIDs = [order.dispatchID]
        p.awaiting = order
        progress[alarm.id] = p
        return [.page(order)]
    }

    /// Pages whose ack deadline passed: the next station is paged (or the brigade called).
    public mutating func timeouts(now: Date, alarms: [String: Alarm], stations: [Station], makeID: () -> String) -> [DispatchDecision] {
        var decisions: [DispatchDecision] = []
        for id in progress.keys.sorted() {
            guard var p = progress[id], let awaiting = p.awaiting, awaiting.ackDeadline <= now, let alarm = alarms[id] else { continue }
            p.awaiting = nil
            // A drill's silence is its result (the report shows it): nobody else is paged.
            if p.drill {
                progress[id] = p
                continue
            }
            decisions += pageNext(alarm, &p, stations: stations, now: now, makeID: makeID,
                                  why: "no answer from \(awaiting.stationID) within \(Int(policy.ackTimeoutSeconds)) s")
            progress[id] = p
        }
        return decisions
    }

    /// The open alarm a dispatch id was sent for, and the station it was sent to.
    public func page(_ dispatchID: String) -> (alarmID: String, stationID: String)? {
        for p in progress.values {
            guard let i = p.dispatchIDs.firstIndex(of: dispatchID) else { continue }
            if p.dispatchIDs.count == p.paged.count { return (p.alarmID, p.paged[i]) }
            // Progress stored by an older daemon keeps only the awaited page's id.
            if let a = p.awaiting, a.dispatchID == dispatchID { return (p.alarmID, a.stationID) }
            return nil
        }
        return nil
    }

    /// The earliest pending ack deadline, for scheduling the next tick.
    public var nextDeadline: Date? { progress.values.compactMap(\.awaiting?.ackDeadline).min() }

    /// Whether `stationID` may give this answer for the alarm now: it was paged for it, a decline
    /// comes from the awaited station, on-scene and resolved from the one that accepted. Changes
    /// nothing, so a caller checks before it applies anything the answer carries.
    public func check(_ answer: StationAnswer, from stationID: String, alarmID: String) throws(DispatchAnswerError) {
        guard let p = progress[alarmID] else { throw .unknownDispatch("no dispatch in progress for alarm \(alarmID)") }
        guard p.paged.contains(stationID) else { throw .notThisStation("\(stationID) was not paged for alarm \(alarmID)") }
        switch answer {
        case .declined:
            guard p.awaiting?.stationID == stationID else { throw .outOfOrder("\(stationID) is not awaited for alarm \(alarmID)") }
        case .accepted:
            guard p.acceptedBy == nil || p.acceptedBy == stationID else {
                throw .outOfOrder("alarm \(alarmID) was already accepted by \(p.acceptedBy!)")
            }
            guard !p.declined.contains(stationID) else { throw .outOfOrder("\(stationID) declined alarm \(alarmID)") }
        case .onScene, .resolved:
            guard p.acceptedBy == stationID else { throw .outOfOrder("\(stationID) has not accepted alarm \(alarmID)") }
        }
    }

    /// A station's answer to a page, checked as `check` does.
    public mutating func answer(
        _ answer: StationAnswer, from stationID: String, alarm: Alarm, cause: AlarmResolution?,
        stations: [Station], now: Date, makeID: () -> String
    ) throws(DispatchAnswerError) -> [DispatchDecision] {
        try check(answer, from: stationID, alarmID: alarm.id)
        guard var p = progress[alarm.id] else { return [] }
        var done = false
        defer { if done { progress.removeValue(forKey: alarm.id) } else { progress[alarm.id] = p } }
        switch answer {
        case .declined:
            p.awaiting = nil
            p.declined.append(stationID)
            // A drill's decline is its result: nobody else is paged for an exercise.
            guard !p.drill else { return [] }
            return pageNext(alarm, &p, stations: stations, now: now, makeID: makeID, why: "\(stationID) declined")
        case .accepted:
            // A repeated accept (a retransmission, a second tap) changes nothing.
            guard p.acceptedBy == nil else { return [] }
            p.awaiting = nil
            p.acceptedBy = stationID
            return [.alarm(alarmID: alarm.id, state: .accepted, station: stationID, cause: nil), .station(id: stationID, status: .busy)]
        case .onScene:
            return [.alarm(alarmID: alarm.id, state: .onScene, station: stationID, cause: nil)]
        case .resolved:
            done = true
            return [.alarm(alarmID: alarm.id, state: .resolved, station: stationID, cause: cause ?? .falseAlarm),
                    .station(id: stationID, status: .available)]
        }
    }

    /// A fire was confirmed: the brigade is called as well (once).
    public mutating func confirmed(_ alarm: Alarm) -> [DispatchDecision] {
        var p = progress[alarm.id] ?? DispatchProgress(alarmID: alarm.id)
        defer { progress[alarm.id] = p }
        guard !p.escalated, !p.drill, alarm.kind == .fire || alarm.kind == .manualAlarm else { return [] }
        p.escalated = true
        return [.escalate(alarmID: alarm.id, reason: "fire confirmed")]
    }

    /// The alarm ended (resolved by an operator): nothing more to wait for.
    public mutating func finish(_ alarmID: String) -> DispatchProgress? {
        progress.removeValue(forKey: alarmID)
    }

    mutating func pageNext(
        _ alarm: Alarm, _ p: inout DispatchProgress, stations: [Station], now: Date, makeID: () -> String, why: String
    ) -> [DispatchDecision] {
        let (candidates, skipped) = NearestStation.rank(
            to: alarm.location, targets: alarm.travelTargets, stations: stations, policy: policy, alreadyPaged: Set(p.paged))
        guard let best = candidates.first else {
            return escalateOnce(&p, reason: p.paged.isEmpty ? "no available station" : "no station left after \(p.paged.joined(separator: ", "))")
        }
        let rank = p.paged.count + 1
        let basis = best.etaFromTable
            ? "travel-time table"
            : String(format: "road factor %.2f, %.0f km/h", policy.roadFactor, policy.speedKmh)
        let reason = String(
            format: "%@: rank %d, best of %d available by ETA: %.0f m great-circle, ETA %.0f s (%@)",
            why, rank, candidates.count, best.distanceMeters, best.etaSeconds, basis)
        let order = DispatchOrder(
            dispatchID: makeID(), alarmID: alarm.id, stationID: best.station.id, rank: rank, device: alarm.device,
            kind: alarm.kind, address: alarm.address, location: alarm.location,
            distanceMeters: best.distanceMeters.rounded(), etaSeconds: best.etaSeconds.rounded(),
            ackDeadline: now.addingTimeInterval(policy.ackTimeoutSeconds), at: now, reason: reason, skipped: skipped)
        p.paged.append(best.station.id)
        p.dispatchIDs.append(order.dispatchID)
        p.awaiting = order
        var decisions: [DispatchDecision] = [.page(order)]
        if best.etaSeconds > policy.etaTargetSeconds {
            decisions += escalateOnce(&p, reason: String(format: "best ETA %.0f s exceeds the %.0f s target", best.etaSeconds, policy.etaTargetSeconds))
        }
        return decisions
    }

    mutating func escalateOnce(_ p: inout DispatchProgress, reason: String) -> [DispatchDecision] {
        guard !p.escalated, !p.drill else { return [] }
        p.escalated = true
        return [.escalate(alarmID: p.alarmID, reason: reason)]
    }
}
