import FireWatchCore
import FireWatchDispatch
import FireWatchHazards
import Foundation

extension PipelineCore {
    /// Applies the dispatcher's decisions: pages, escalations, station answers and station availability
    /// become alarm transitions (on the engine's one copy of each alarm), dispatch rows, events and MQTT
    /// messages in the same e.commit. Alarms that joined an incident follow its pages and answers.
    mutating func apply(_ decisions: [DispatchDecision], receivedAt: Date?, now: Date, into e: inout PipelineEffects) {
        var touched: Set<String> = []
        for decision in decisions {
            switch decision {
            case .page(let order):
                let why = "\(order.stationID): \(order.reason)"
                guard let alarm = move(order.alarmID, now: now, into: &e, { $0.dispatch(to: order.stationID, by: "dispatch", at: now, why: why) })
                else { continue }
                // The page leaves first: it is what the station waits for.
                if let payload = try? encode(order) {
                    if order.rank == 1, let receivedAt, !alarm.isDrill { e.facts.append(.decided(seconds: now.timeIntervalSince(receivedAt))) }
                    e.outbound.append(Outbound(
                        topic: topics.dispatch(station: order.stationID), payload: payload, retain: false,
                        receivedAt: order.rank == 1 ? receivedAt : nil, decidedAt: now, alarmID: alarm.id))
                }
                e.commit.events.append(FeedEvent(at: now, type: .alarmDispatched, alarm: alarm, dispatch: order))
                e.commit.dispatches.append(order)
                for member in alarms.members(of: alarm.id) {
                    follow(member.id, now: now, into: &e) {
                        $0.dispatch(to: order.stationID, by: "incident:\(alarm.id)", at: now, why: "with its incident: \(why)")
                    }
                }
                // Drills stay out of the live metrics (the report shows them apart).
                if !alarm.isDrill { e.facts.append(.paged(street: alarm.street, rank: order.rank, secondsSinceRaise: now.timeIntervalSince(alarm.raisedAt), etaMet: order.etaSeconds <= settings.dispatch.etaTargetSeconds)) }
                e.log(.notice, "station paged", [
                    "alarm_id": "\(alarm.id)", "station": "\(order.stationID)", "rank": "\(order.rank)",
                    "distance_m": "\(order.distanceMeters)", "eta_s": "\(order.etaSeconds)", "dispatch_id": "\(order.dispatchID)",
                ])
                touched.insert(alarm.id)
            case .escalate(let alarmID, let reason):
                guard let alarm = move(alarmID, now: now, into: &e, { $0.escalate(by: "dispatch", at: now, why: reason) })
                else { continue }
                e.commit.events.append(FeedEvent(at: now, type: .alarmEscalated, alarm: alarm, note: reason))
                let cap = CAPAlert(alarm: alarm, instance: settings.instance, timeZone: settings.timeZone)
                e.outbound.append(Outbound(topic: topics.brigadeAlerts, payload: Array(cap.xml.utf8), retain: false))
                e.log(.warning, "escalated to the brigade", ["alarm_id": "\(alarm.id)", "why": "\(reason)"])
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
                guard let alarm = move(alarmID, now: now, into: &e, transition) else { continue }
                e.commit.events.append(FeedEvent(at: now, type: state == .resolved ? .alarmResolved : .alarmUpdated, alarm: alarm))
                for member in members { follow(member.id, now: now, into: &e, transition) }
                if state == .accepted, !alarm.isDrill { e.facts.append(.accepted(street: alarm.street, seconds: now.timeIntervalSince(alarm.raisedAt))) }
                e.log(.notice, "station answered", ["alarm_id": "\(alarm.id)", "station": "\(stationID)", "state": "\(state.rawValue)"])
                touched.insert(alarm.id)
            case .station(let id, let status):
                setStation(id, status: status, now: now, why: "dispatch", into: &e)
            }
        }
        for id in touched { e.commit.dispatchProgress[id] = progressJSON(id) }
    }

    /// The dispatch progress of an alarm as stored; nil when it has none (done).
    mutating func progressJSON(_ alarmID: String) -> String? {
        guard let p = dispatcher.progress[alarmID], let data = try? encode(p) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Moves an open alarm on in the engine (its one copy), marks it for the step's commit and retained
    /// topic, and applies what followed (a resolution's chronic false alarm hazard). Returns the alarm
    /// as it is now; nil when it is not open.
    @discardableResult
    mutating func move(_ id: String, now: Date, into e: inout PipelineEffects, _ body: (inout Alarm) -> Void) -> Alarm? {
        guard let (alarm, followed) = engine.updateAlarm(id, now: now, makeID: { Identifiers.make(prefix: $0, at: now) }, body) else { return nil }
        touch(alarm)
        if !alarm.isOpen { release(alarm, now: now, into: &e) }
        apply(followed, receivedAt: nil, journalID: nil, now: now, into: &e)
        return alarm
    }

    /// An alarm of an incident takes the same step as the incident's alarm, with its own event.
    mutating func follow(_ id: String, now: Date, into e: inout PipelineEffects, _ body: (inout Alarm) -> Void) {
        guard let alarm = move(id, now: now, into: &e, body) else { return }
        e.commit.events.append(FeedEvent(at: now, type: alarm.isOpen ? .alarmUpdated : .alarmResolved, alarm: alarm, note: "with incident \(alarm.incident ?? "")"))
    }

    /// Marks an alarm changed in this step: the commit writes, and the retained topic carries, the
    /// engine's copy as it is when the step ends (a resolved one, which left the engine, as it was resolved).
    mutating func touch(_ alarm: Alarm) {
        if stepAlarms.updateValue(alarm.isOpen ? nil : alarm, forKey: alarm.id) == nil { stepAlarmOrder.append(alarm.id) }
    }

    /// The alarms the step changed, each once and as it is now, into the commit and the retained topics.
    mutating func flushAlarms(into e: inout PipelineEffects) {
        for id in stepAlarmOrder {
            guard let alarm = openAlarm(id) ?? stepAlarms[id] ?? nil else { continue }
            e.commit.alarms.append(alarm)
            e.outbound.append(alarmTopic(alarm))
        }
        stepAlarms.removeAll(keepingCapacity: true)
        stepAlarmOrder.removeAll(keepingCapacity: true)
    }

    /// A resolved alarm: no more answers awaited, and the station that took it is free again.
    mutating func release(_ alarm: Alarm, now: Date, into e: inout PipelineEffects) {
        guard let progress = dispatcher.finish(alarm.id) else { return }
        e.commit.dispatchProgress[alarm.id] = .some(nil)
        if let station = progress.acceptedBy, stations.first(where: { $0.id == station })?.status == .busy {
            setStation(station, status: .available, now: now, why: "alarm \(alarm.id) resolved", into: &e)
        }
    }

    /// Sets a station's availability, with a `station.status` event and a coverage check of its street.
    mutating func setStation(_ id: String, status: Station.Status, now: Date, why: String, into e: inout PipelineEffects) {
        guard let i = stations.firstIndex(where: { $0.id == id }) else { return }
        guard stations[i].status != status else { return }
        stations[i].status = status
        e.commit.stationStatus[id] = status.rawValue
        e.commit.events.append(FeedEvent(at: now, type: .stationStatus, station: stations[i], note: why))
        e.log(.info, "station status", ["station": "\(id)", "status": "\(status.rawValue)", "why": "\(why)"])
        let street = stations[i].street
        if let gap = CoverageCheck.gap(street: street, stations: stations, geography: settings.geography) {
            e.commit.events.append(FeedEvent(at: now, type: .stationStatus, station: stations[i], note: gap.en, noteZH: gap.zh))
            e.log(.warning, "coverage gap", ["street": "\(street)", "note": "\(gap.en)"])
        }
    }

    /// Ack deadlines that passed (page the next station or the brigade) and the engine's clock work
    /// (offline devices, overdue hazards, floods ending). Call it every few hundred milliseconds.
    public mutating func tick(now: Date) -> PipelineEffects {
        var e = effects()
        if let due = dispatcher.nextDeadline, due <= now {
            let open = Dictionary(alarms.open.values.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let decisions = dispatcher.timeouts(now: now, alarms: open, stations: stations, makeID: { Identifiers.make(prefix: "dsp", at: now) })
            apply(decisions, receivedAt: nil, now: now, into: &e)
        }
        apply(engine.tick(now: now) { Identifiers.make(prefix: $0, at: now) }, receivedAt: nil, journalID: nil, now: now, into: &e)
        finish(&e, now: now)
        return e
    }

    /// Stations with the dispatches they are working on and their street's coverage.
    public func stationViews() -> [StationView] {
        stations.map { s in
            let open = dispatcher.progress.values.compactMap { p -> String? in
                if let a = p.awaiting, a.stationID == s.id { return "\(p.alarmID)/\(a.dispatchID)" }
                if p.acceptedBy == s.id { return "\(p.alarmID)/accepted" }
                return nil
            }.sorted()
            return StationView(station: s, openDispatches: open, streetCovered: CoverageCheck.gap(street: s.street, stations: stations, geography: settings.geography) == nil)
        }
    }

    /// Sets a station's availability from the API or a tool (not from a page).
    public mutating func setStationStatus(_ id: String, _ status: Station.Status, by: String, now: Date) throws(AlarmActionError) -> PipelineEffects {
        guard stations.contains(where: { $0.id == id }) else { throw .notFound(id) }
        var e = effects()
        setStation(id, status: status, now: now, why: "set by \(by)", into: &e)
        finish(&e, now: now)
        return e
    }
}

/// Whether a street is left with no available station, and who could move up (English and Chinese).
enum CoverageCheck {
    /// Distances are taken from the street's own centre (geography), else the middle of its stations.
    static func gap(street: String, stations: [Station], geography: Geography = Geography()) -> (en: String, zh: String)? {
        let own = stations.filter { $0.street == street }
        guard !own.isEmpty, !own.contains(where: { $0.status == .available }) else { return nil }
        let centre = geography.street(street)?.centre ?? GeoPoint(
            lat: own.map(\.location.lat).reduce(0, +) / Double(own.count),
            lon: own.map(\.location.lon).reduce(0, +) / Double(own.count))
        let name = geography.streetName(street)
        let nearest = stations.filter { $0.status == .available && $0.street != street }
            .min { $0.location.distanceMeters(to: centre) < $1.location.distanceMeters(to: centre) }
        guard let nearest else {
            return ("coverage: \(street) has no available station, and no station elsewhere is available",
                    "覆盖缺口：\(name)无可出动站点，其他街镇也无可出动站点")
        }
        let m = Int(nearest.location.distanceMeters(to: centre))
        return ("coverage: \(street) has no available station; nearest available to move up: \(nearest.id) (\(nearest.street), \(m) m)",
                "覆盖缺口：\(name)无可出动站点；最近可前移站点：\(nearest.name)（\(geography.streetName(nearest.street))，\(m) 米）")
    }
}
