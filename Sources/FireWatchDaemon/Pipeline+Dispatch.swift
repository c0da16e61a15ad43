import FireWatchCore
import FireWatchDispatch
import FireWatchHazards
import FireWatchStore
import Foundation
import Logging

extension Pipeline {
    /// Applies the dispatcher's decisions: pages, escalations, station answers and station availability
    /// become alarm transitions (on the engine's one copy of each alarm), dispatch rows, events and MQTT
    /// messages in the same step. Alarms that joined an incident follow its pages and answers.
    func apply(_ decisions: [DispatchDecision], receivedAt: Date?, now: Date, into step: inout PipelineCommit, outbound: inout [Outbound]) {
        var touched: Set<String> = []
        for decision in decisions {
            switch decision {
            case .page(let order):
                let why = "\(order.stationID): \(order.reason)"
                guard let alarm = move(order.alarmID, now: now, into: &step, outbound: &outbound, { $0.dispatch(to: order.stationID, by: "dispatch", at: now, why: why) })
                else { continue }
                // The page leaves first: it is what the station waits for.
                if let payload = try? encode(order) {
                    if order.rank == 1, let receivedAt { metrics.decided(seconds: now.timeIntervalSince(receivedAt)) }
                    outbound.append(Outbound(
                        topic: topics.dispatch(station: order.stationID), payload: payload, retain: false,
                        receivedAt: order.rank == 1 ? receivedAt : nil, decidedAt: clock.now(), alarmID: alarm.id))
                }
                step.events.append(FeedEvent(at: now, type: .alarmDispatched, alarm: alarm, dispatch: order))
                step.dispatches.append(order)
                for member in alarms.members(of: alarm.id) {
                    follow(member.id, now: now, into: &step, outbound: &outbound) {
                        $0.dispatch(to: order.stationID, by: "incident:\(alarm.id)", at: now, why: "with its incident: \(why)")
                    }
                }
                metrics.paged(order, street: alarm.street, raisedAt: alarm.raisedAt, now: now, targetSeconds: config.dispatch.etaTargetSeconds)
                logger.notice("station paged", metadata: [
                    "alarm_id": "\(alarm.id)", "station": "\(order.stationID)", "rank": "\(order.rank)",
                    "distance_m": "\(order.distanceMeters)", "eta_s": "\(order.etaSeconds)", "dispatch_id": "\(order.dispatchID)",
                ])
                touched.insert(alarm.id)
            case .escalate(let alarmID, let reason):
                guard let alarm = move(alarmID, now: now, into: &step, outbound: &outbound, { $0.escalate(by: "dispatch", at: now, why: reason) })
                else { continue }
                step.events.append(FeedEvent(at: now, type: .alarmEscalated, alarm: alarm, note: reason))
                let cap = CAPAlert(alarm: alarm, instance: config.instance, timeZone: config.timeZone)
                outbound.append(Outbound(topic: topics.brigadeAlerts, payload: Array(cap.xml.utf8), retain: false))
                logger.warning("escalated to the brigade", metadata: ["alarm_id": "\(alarm.id)", "why": "\(reason)"])
                touched.insert(alarm.id)
            case .alarm(let alarmID, let state, let stationID, let cause):
                let by = "station:\(stationID)"
                let transition: (inout Alarm) -> Void = { a in
                    switch state {
                    case .accepted: a.accept(station: stationID, by: by, at: now)
                    case .onScene: a.arrive(station: stationID, by: by, at: now)
                    case .resolved: a.resolve(cause ?? .falseAlarm, by: by, at: now)
                    default: break
                    }
                }
                let members = alarms.members(of: alarmID)
                guard let alarm = move(alarmID, now: now, into: &step, outbound: &outbound, transition) else { continue }
                step.events.append(FeedEvent(at: now, type: state == .resolved ? .alarmResolved : .alarmUpdated, alarm: alarm))
                for member in members { follow(member.id, now: now, into: &step, outbound: &outbound, transition) }
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

    /// Moves an open alarm on in the engine (its one copy), marks it for the step's commit and retained
    /// topic, and applies what followed (a resolution's chronic false alarm hazard). Returns the alarm
    /// as it is now; nil when it is not open.
    @discardableResult
    func move(_ id: String, now: Date, into step: inout PipelineCommit, outbound: inout [Outbound], _ body: (inout Alarm) -> Void) -> Alarm? {
        guard let (alarm, followed) = engine.updateAlarm(id, now: now, makeID: { Identifiers.make(prefix: $0, at: now) }, body) else { return nil }
        touch(alarm)
        if !alarm.isOpen { release(alarm, now: now, into: &step) }
        apply(followed, receivedAt: nil, journalID: nil, now: now, into: &step, outbound: &outbound)
        return alarm
    }

    /// An alarm of an incident takes the same step as the incident's alarm, with its own event.
    func follow(_ id: String, now: Date, into step: inout PipelineCommit, outbound: inout [Outbound], _ body: (inout Alarm) -> Void) {
        guard let alarm = move(id, now: now, into: &step, outbound: &outbound, body) else { return }
        step.events.append(FeedEvent(at: now, type: alarm.isOpen ? .alarmUpdated : .alarmResolved, alarm: alarm, note: "with incident \(alarm.incident ?? "")"))
    }

    /// Marks an alarm changed in this step: the commit writes, and the retained topic carries, the
    /// engine's copy as it is when the step ends (a resolved one, which left the engine, as it was resolved).
    func touch(_ alarm: Alarm) {
        if stepAlarms.updateValue(alarm.isOpen ? nil : alarm, forKey: alarm.id) == nil { stepAlarmOrder.append(alarm.id) }
    }

    /// The alarms the step changed, each once and as it is now, into the commit and the retained topics.
    func flushAlarms(into step: inout PipelineCommit, outbound: inout [Outbound]) {
        for id in stepAlarmOrder {
            guard let alarm = openAlarm(id) ?? stepAlarms[id] ?? nil else { continue }
            step.alarms.append(alarm)
            outbound.append(alarmTopic(alarm))
        }
        stepAlarms.removeAll(keepingCapacity: true)
        stepAlarmOrder.removeAll(keepingCapacity: true)
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
        flushAlarms(into: &step, outbound: &outbound)
        guard !step.isEmpty else { return }
        takeMemoryRows(into: &step)
        do {
            try store.commit(step)
        } catch {
            reloadFromStore()
            throw error
        }
        for o in outbound { send(o) }
        if !step.alarms.isEmpty || !step.hazards.isEmpty { updateOpenGauges() }
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
