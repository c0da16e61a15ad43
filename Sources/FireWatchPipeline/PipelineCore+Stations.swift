import FireWatchCore
import FireWatchDispatch
import FireWatchHazards
import Foundation

extension PipelineCore {
    /// A station's answer to a page, or its availability, from MQTT.
    mutating func handleStation(
        _ route: (device: String, envelope: String), _ entry: JournalEntry, now: Date,
        into e: inout PipelineEffects
    ) {
        let stationID = route.device
        guard stations.contains(where: { $0.id == stationID }) else {
            report(.warning, "message from an unknown station", key: "station|\(stationID.prefix(64))", now: now,
                   ["station": String(stationID.prefix(64)), "journal_id": "\(entry.id)"], into: &e)
            return
        }
        if route.envelope == StationMessages.statusEnvelope {
            do {
                let message = try StationMessages.decode(StationMessages.Status.self, entry.payload)
                // A station that accepted an open alarm is on it until it resolves it (or an operator
                // does): "available" then would have it paged elsewhere while it is at the fire.
                if message.status == .available,
                   let held = dispatcher.progress.values.first(where: { $0.acceptedBy == stationID }) {
                    refuse(stationID, "\(stationID) accepted alarm \(held.alarmID): it is available again once that alarm is resolved",
                           journalID: entry.id, now: now, into: &e)
                    return
                }
                setStation(stationID, status: message.status, now: now, why: "reported by the station", into: &e)
            } catch {
                refuse(stationID, "unreadable status message: \(error)", journalID: entry.id, now: now, into: &e)
            }
            return
        }
        let ack: StationMessages.Ack
        do { ack = try StationMessages.decode(StationMessages.Ack.self, entry.payload) } catch {
            refuse(stationID, "unreadable answer: \(error)", journalID: entry.id, now: now, into: &e)
            return
        }
        _ = answer(ack, from: stationID, journalID: entry.id, now: now, into: &e)
    }

    /// A station's answer to its page, from MQTT or from the station page (`POST
    /// /api/v1/dispatches/{id}/answer`): the same checks either way, and a refusal recorded either way.
    /// Returns why it was refused, or nil when it was applied.
    mutating func answer(
        _ ack: StationMessages.Ack, from stationID: String, journalID: Int64?, now: Date, into e: inout PipelineEffects
    ) -> String? {
        let alarm: Alarm
        switch answerTarget(ack, from: stationID) {
        case .success(let a): alarm = a
        case .failure(let refusal): return refuse(stationID, refusal.reason, journalID: journalID, now: now, into: &e)
        }
        do {
            // Checked before anything the answer carries is applied.
            try dispatcher.check(ack.status, from: stationID, alarmID: alarm.id)
            // A station on the scene that reports a fire verifies it (VOCABULARY: a station's report confirms).
            if ack.cause == .fire, ack.status != .declined, !alarm.confirmed {
                let changes = engine.confirm(alarmID: alarm.id, by: "station:\(stationID)", why: "the station reports a fire", now: now)
                apply(changes, receivedAt: nil, journalID: journalID, now: now, into: &e)
            }
            let current = openAlarm(alarm.id) ?? alarm
            let decisions = try dispatcher.answer(
                ack.status, from: stationID, alarm: current, cause: ack.cause, stations: stations,
                now: now, makeID: { Identifiers.make(prefix: "dsp", at: now) })
            apply(decisions, receivedAt: nil, now: now, into: &e)
            e.commit.dispatchProgress[current.id] = .some(progressJSON(current.id))
            return nil
        } catch {
            return refuse(stationID, error.description, journalID: journalID, now: now, into: &e)
        }
    }

    /// An answer from the station page or an operator (`POST /api/v1/dispatches/{id}/answer`) for the
    /// station the dispatch was sent to: the MQTT answer's checks. Returns why it was refused, or nil.
    public mutating func answer(
        dispatchID: String, status: StationAnswer, cause: AlarmResolution?, note: String?, by: String, now: Date
    ) -> (refusal: String?, effects: PipelineEffects) {
        var e = effects()
        guard let page = dispatcher.page(dispatchID) else {
            let reason = "dispatch \(dispatchID.prefix(64)) is not in progress"
            finish(&e, now: now)
            return (reason, e)
        }
        let ack = StationMessages.Ack(dispatchID: dispatchID, alarmID: nil, status: status, cause: cause, note: note)
        let refusal = answer(ack, from: page.stationID, journalID: nil, now: now, into: &e)
        e.log(.notice, "station answer from the API", ["dispatch_id": dispatchID, "station": page.stationID, "status": status.rawValue,
                                                      "by": by, "refused": refusal ?? ""])
        finish(&e, now: now)
        return (refusal, e)
    }

    /// The station a dispatch in progress was sent to (the answer route's ownership check).
    public func station(ofDispatch id: String) -> String? { dispatcher.page(id)?.stationID }

    struct Refusal: Error { var reason: String }

    static let maxReasonCharacters = 300

    /// The open alarm an answer is for: the one its dispatch was sent for, and that dispatch sent to
    /// this station. An answer that names only an alarm answers the page this station was sent for
    /// it; one naming neither is refused. An alarm that joined an incident is answered through the
    /// incident's alarm, the one that was paged.
    func answerTarget(_ ack: StationMessages.Ack, from stationID: String) -> Result<Alarm, Refusal> {
        var named = ack.alarmID
        if let dispatchID = ack.dispatchID {
            guard let page = dispatcher.page(dispatchID) else {
                return .failure(Refusal(reason: "dispatch \(dispatchID.prefix(64)) is not in progress"))
            }
            guard page.stationID == stationID else {
                return .failure(Refusal(reason: "dispatch \(dispatchID) was sent to \(page.stationID), not to \(stationID)"))
            }
            if let alarmID = ack.alarmID, alarmID != page.alarmID, openAlarm(alarmID)?.incident != page.alarmID {
                return .failure(Refusal(reason: "dispatch \(dispatchID) is for alarm \(page.alarmID), not for \(alarmID)"))
            }
            named = page.alarmID
        }
        guard let named else { return .failure(Refusal(reason: "the answer names neither a dispatch nor an alarm")) }
        guard let alarm = openAlarm(openAlarm(named)?.incident ?? named) else {
            return .failure(Refusal(reason: "alarm \(named) is not open"))
        }
        return .success(alarm)
    }

    /// A refused station message: an audit event on the stream (every one) and a warning in the log
    /// (throttled per station). Nothing it carries is applied.
    /// The note is cut to `maxReasonCharacters`: ids and values in it come from the message.
    @discardableResult
    mutating func refuse(_ stationID: String, _ fullReason: String, journalID: Int64?, now: Date, into e: inout PipelineEffects) -> String {
        let reason = fullReason.count > Self.maxReasonCharacters ? String(fullReason.prefix(Self.maxReasonCharacters)) + "…" : fullReason
        let station = stations.first { $0.id == stationID }
        e.commit.events.append(FeedEvent(at: now, type: .stationRefused, station: station, note: reason))
        report(.warning, "station message refused", key: "station-msg|\(stationID)", now: now, [
            "station": "\(stationID)", "journal_id": "\(journalID.map(String.init) ?? "api")", "reason": "\(reason)",
        ], into: &e)
        return reason
    }
}
