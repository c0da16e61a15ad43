import FireWatchCore
import FireWatchDispatch
import FireWatchHazards
import FireWatchStore
import Foundation
import Logging

extension Pipeline {
    /// Applies the dispatcher's decisions: pages, escalations, station answers and station availability
    /// become alarm transitions, dispatch rows, events and MQTT messages in the same step.
    func apply(_ decisions: [DispatchDecision], receivedAt: Date?, now: Date, into step: inout PipelineCommit, outbound: inout [Outbound]) {
        var touched: Set<String> = []
        for decision in decisions {
            switch decision {
            case .page(let order):
                guard var alarm = openAlarm(order.alarmID) else { continue }
                if alarm.state == .raised || alarm.state == .dispatched {
                    alarm.state = .dispatched
                    alarm.dispatchedAt = alarm.dispatchedAt ?? now
                }
                alarm.station = order.stationID
                alarm.history.append(AlarmTransition(at: now, to: "dispatched", by: "dispatch", why: "\(order.stationID): \(order.reason)"))
                update(alarm, &step, &outbound, event: FeedEvent(at: now, type: .alarmDispatched, alarm: alarm, dispatch: order))
                step.dispatches.append(order)
                if let payload = try? encode(order) {
                    outbound.append(Outbound(
                        topic: topics.dispatch(station: order.stationID), payload: payload, retain: false,
                        receivedAt: order.rank == 1 ? receivedAt : nil, alarmID: alarm.id))
                }
                metrics.paged(order, street: alarm.street, raisedAt: alarm.raisedAt, now: now, targetSeconds: config.dispatch.etaTargetSeconds)
                logger.notice("station paged", metadata: [
                    "alarm_id": "\(alarm.id)", "station": "\(order.stationID)", "rank": "\(order.rank)",
                    "distance_m": "\(order.distanceMeters)", "eta_s": "\(order.etaSeconds)", "dispatch_id": "\(order.dispatchID)",
                ])
                touched.insert(alarm.id)
            case .escalate(let alarmID, let reason):
                guard var alarm = openAlarm(alarmID) else { continue }
                alarm.history.append(AlarmTransition(at: now, to: "escalated", by: "dispatch", why: reason))
                update(alarm, &step, &outbound, event: FeedEvent(at: now, type: .alarmEscalated, alarm: alarm, note: reason))
                let cap = CAPAlert(alarm: alarm, instance: config.instance, timeZone: config.timeZone)
                outbound.append(Outbound(topic: topics.brigadeAlerts, payload: Array(cap.xml.utf8), retain: false))
                logger.warning("escalated to the brigade", metadata: ["alarm_id": "\(alarm.id)", "why": "\(reason)"])
                touched.insert(alarm.id)
            case .alarm(let alarmID, let state, let stationID, let cause):
                guard var alarm = openAlarm(alarmID) else { continue }
                alarm.state = state
                alarm.station = stationID
                switch state {
                case .accepted: alarm.acceptedAt = now
                case .onScene: alarm.onSceneAt = now
                case .resolved:
                    alarm.resolvedAt = now
                    alarm.resolution = cause
                default: break
                }
                alarm.history.append(AlarmTransition(
                    at: now, to: state.rawValue, by: "station:\(stationID)", why: cause.map { "cause \($0.rawValue)" }))
                let type: FeedEventType = state == .resolved ? .alarmResolved : .alarmUpdated
                update(alarm, &step, &outbound, event: FeedEvent(at: now, type: type, alarm: alarm))
                if state == .accepted { metrics.accepted(street: alarm.street, seconds: now.timeIntervalSince(alarm.raisedAt)) }
                logger.notice("station answered", metadata: ["alarm_id": "\(alarm.id)", "station": "\(stationID)", "state": "\(state.rawValue)"])
                touched.insert(alarm.id)
            case .station(let id, let status):
                setStation(id, status: status, now: now, why: "dispatch", into: &step)
            }
        }
        for id in touched { step.dispatchProgress[id] = progressJSON(id) }
    }

    /// The dispatch progress of an alarm as stored; nil when it has none (done).
    func progressJSON(_ alarmID: String) -> String? {
        guard let p = dispatcher.progress[alarmID], let data = try? encode(p) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    func openAlarm(_ id: String) -> Alarm? { alarms.alarm(id: id) }

    /// Records an alarm change: engine, commit, event and the retained topic. A resolution feeds the
    /// engine's false-alarm count (chronic_false_alarm hazards come back here as changes).
    func update(_ alarm: Alarm, _ step: inout PipelineCommit, _ outbound: inout [Outbound], event: FeedEvent) {
        let now = event.at
        let more = engine.record(alarm, now: now) { Identifiers.make(prefix: $0, at: now) }
        step.alarms.append(alarm)
        step.events.append(event)
        outbound.append(alarmTopic(alarm))
        if !alarm.isOpen { release(alarm, now: now, into: &step) }
        let hazardsOnly = more.filter { if case .alarmUpdated = $0 { false } else { true } }
        apply(hazardsOnly, receivedAt: nil, journalID: nil, now: now, into: &step, outbound: &outbound)
    }

    /// A resolved alarm: no more answers awaited, and the station that took it is free again.
    func release(_ alarm: Alarm, now: Date, into step: inout PipelineCommit) {
        guard let progress = dispatcher.finish(alarm.id) else { return }
        step.dispatchProgress[alarm.id] = .some(nil)
        if let station = progress.acceptedBy, stations.first(where: { $0.id == station })?.status == .busy {
            setStation(station, status: .available, now: now, why: "alarm \(alarm.id) resolved", into: &step)
        }
    }

    /// Sets a station's availability, with a `station.status` event and a coverage check of its street.
    func setStation(_ id: String, status: Station.Status, now: Date, why: String, into step: inout PipelineCommit) {
        guard let i = stations.firstIndex(where: { $0.id == id }) else { return }
        guard stations[i].status != status else { return }
        stations[i].status = status
        step.stationStatus[id] = status.rawValue
        step.events.append(FeedEvent(at: now, type: .stationStatus, station: stations[i], note: why))
        logger.info("station status", metadata: ["station": "\(id)", "status": "\(status.rawValue)", "why": "\(why)"])
        if let gap = CoverageCheck.gap(street: stations[i].street, stations: stations) {
            step.events.append(FeedEvent(at: now, type: .stationStatus, station: stations[i], note: gap))
            logger.warning("coverage gap", metadata: ["street": "\(stations[i].street)", "note": "\(gap)"])
        }
    }

    /// Ack deadlines that passed (page the next station or the brigade) and the engine's clock work
    /// (offline devices, overdue hazards, floods ending). Called on a tick.
    public func tick() {
        let now = clock.now()
        let open = Dictionary(alarms.open.values.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var decisions: [DispatchDecision] = []
        if let due = dispatcher.nextDeadline, due <= now {
            decisions = dispatcher.timeouts(now: now, alarms: open, stations: stations, makeID: { Identifiers.make(prefix: "dsp", at: now) })
        }
        let changes = engine.tick(now: now) { Identifiers.make(prefix: $0, at: now) }
        guard !decisions.isEmpty || !changes.isEmpty else { return }
        do {
            try commitSide(decisions, now: now) { step, outbound in
                apply(changes, receivedAt: nil, journalID: nil, now: now, into: &step, outbound: &outbound)
            }
        } catch {
            logger.error("re-page commit failed; retried on the next tick", metadata: ["error": "\(error)"])
        }
    }

    /// Stations with the dispatches they are working on and their street's coverage.
    public func stationViews() -> [StationView] {
        stations.map { s in
            let open = dispatcher.progress.values.compactMap { p -> String? in
                if let a = p.awaiting, a.stationID == s.id { return "\(p.alarmID)/\(a.dispatchID)" }
                if p.acceptedBy == s.id { return "\(p.alarmID)/accepted" }
                return nil
            }.sorted()
            return StationView(station: s, openDispatches: open, streetCovered: CoverageCheck.gap(street: s.street, stations: stations) == nil)
        }
    }

    /// Sets a station's availability from the API or a tool (not from a page).
    public func setStationStatus(_ id: String, _ status: Station.Status, by: String) throws {
        guard stations.contains(where: { $0.id == id }) else { throw AlarmActionError.notFound(id) }
        let now = clock.now()
        try commitSide([], now: now) { step, _ in setStation(id, status: status, now: now, why: "set by \(by)", into: &step) }
    }

    /// Commits decisions made outside a journal batch (timer, operator, API) at the current cursor.
    /// On a failed commit the in-memory state is rebuilt from the store, so memory never runs ahead of disk.
    func commitSide(_ decisions: [DispatchDecision], now: Date, extra: (inout PipelineCommit, inout [Outbound]) -> Void = { _, _ in }) throws {
        var step = PipelineCommit(cursor: cursor)
        var outbound: [Outbound] = []
        extra(&step, &outbound)
        apply(decisions, receivedAt: nil, now: now, into: &step, outbound: &outbound)
        guard !step.isEmpty else { return }
        takeMemoryRows(into: &step)
        do {
            try store.commit(step)
        } catch {
            reloadFromStore()
            throw error
        }
        for o in outbound { send(o) }
        metrics.setOpenAlarms(alarms.open.values)
        metrics.setOpenHazards(engine.hazards.open.values)
    }
}

/// Whether a street is left with no available station, and who could move up.
enum CoverageCheck {
    static func gap(street: String, stations: [Station]) -> String? {
        let own = stations.filter { $0.street == street }
        guard !own.isEmpty, !own.contains(where: { $0.status == .available }) else { return nil }
        let centre = GeoPoint(
            lat: own.map(\.location.lat).reduce(0, +) / Double(own.count),
            lon: own.map(\.location.lon).reduce(0, +) / Double(own.count))
        let nearest = stations.filter { $0.status == .available && $0.street != street }
            .min { $0.location.distanceMeters(to: centre) < $1.location.distanceMeters(to: centre) }
        guard let nearest else { return "coverage: \(street) has no available station, and no station elsewhere is available" }
        return "coverage: \(street) has no available station; nearest available to move up: \(nearest.id) (\(nearest.street), "
            + "\(Int(nearest.location.distanceMeters(to: centre))) m)"
    }
}
