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
            report(.warning, "message from an unknown station", key: "station|\(stationID)", now: now,
                   ["station": "\(stationID)", "journal_id": "\(entry.id)"], into: &e)
            return
        }
        do {
            if route.envelope == StationMessages.statusEnvelope {
                let message = try StationMessages.decode(StationMessages.Status.self, entry.payload)
                setStation(stationID, status: message.status, now: now, why: "reported by the station", into: &e)
                return
            }
            let ack = try StationMessages.decode(StationMessages.Ack.self, entry.payload)
            // An answer names its alarm or its dispatch; an alarm that joined an incident is answered
            // through the incident's alarm, the one that was paged.
            guard let named = ack.alarmID ?? ack.dispatchID.flatMap(dispatcher.alarmID(forDispatch:)),
                  let alarm = openAlarm(openAlarm(named)?.incident ?? named)
            else {
                report(.warning, "station answer for no open alarm", key: "ack|\(stationID)", now: now, [
                    "station": "\(stationID)", "dispatch_id": "\(ack.dispatchID ?? "")", "journal_id": "\(entry.id)",
                ], into: &e)
                return
            }
            // A station on the scene that reports a fire verifies it (VOCABULARY: a station's report confirms).
            // Only a station paged for the alarm may confirm it.
            if ack.cause == .fire, !alarm.confirmed, dispatcher.progress[alarm.id]?.paged.contains(stationID) == true {
                let changes = engine.confirm(alarmID: alarm.id, by: "station:\(stationID)", why: "the station reports a fire", now: now)
                apply(changes, receivedAt: nil, journalID: entry.id, now: now, into: &e)
            }
            let current = openAlarm(alarm.id) ?? alarm
            let decisions = try dispatcher.answer(
                ack.status, dispatchID: ack.dispatchID, from: stationID, alarm: current, cause: ack.cause, stations: stations,
                now: now, makeID: { Identifiers.make(prefix: "dsp", at: now) })
            apply(decisions, receivedAt: nil, now: now, into: &e)
            e.commit.dispatchProgress[current.id] = .some(progressJSON(current.id))
        } catch {
            report(.warning, "station message refused", key: "station-msg|\(stationID)", now: now, [
                "station": "\(stationID)", "journal_id": "\(entry.id)", "error": "\(error)",
            ], into: &e)
        }
    }
}
