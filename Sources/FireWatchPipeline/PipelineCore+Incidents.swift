import FireWatchCore
import FireWatchDispatch
import FireWatchHazards
import Foundation

/// One fire, one incident: alarms of one building within the coincidence window share the dispatch of
/// the first, instead of each detector holding a station of its own.
extension PipelineCore {
    /// The open fire or manual alarm of the same building whose incident a new alarm joins: one being
    /// dispatched, with an alarm of its incident raised within the coincidence window.
    mutating func incidentToJoin(_ alarm: Alarm, now: Date) -> Alarm? {
        guard let building = alarm.building, alarm.kind == .fire || alarm.kind == .manualAlarm else { return nil }
        let window = settings.hazards.coincidenceWindowSeconds
        var latest: [String: Date] = [:]
        for a in alarms.open.values where a.id != alarm.id && !a.isDrill && a.building == building && (a.kind == .fire || a.kind == .manualAlarm) {
            let primary = a.incident ?? a.id
            latest[primary] = max(latest[primary] ?? .distantPast, a.raisedAt)
        }
        return latest
            .filter { id, at in now.timeIntervalSince(at) <= window && dispatcher.progress[id] != nil }
            .compactMap { openAlarm($0.key) }
            .min { ($0.raisedAt, $0.id) < ($1.raisedAt, $1.id) }
    }

    /// The new alarm joins `primary`'s incident: no page of its own; it takes the incident's station
    /// and state and follows its answers from now on.
    mutating func join(_ alarm: Alarm, _ primary: Alarm, now: Date, into e: inout PipelineEffects) {
        let why = "another detector of building \(alarm.building ?? "") within \(Int(settings.hazards.coincidenceWindowSeconds)) s: "
            + (primary.station.map { "\($0) is already on it" } ?? "the brigade already has it")
        guard let joined = move(alarm.id, now: now, into: &e, { $0.join(primary, at: now, why: why) }) else { return }
        e.commit.events.append(FeedEvent(at: now, type: .alarmUpdated, alarm: joined, note: "joined incident \(primary.id)"))
        e.log(.notice, "alarm joined incident", [
            "alarm_id": "\(alarm.id)", "incident": "\(primary.id)", "station": "\(primary.station ?? "")",
        ])
    }

    /// An operator resolved an incident's alarm: the alarms that joined it are resolved with it.
    mutating func resolveMembers(of alarm: Alarm, now: Date, into e: inout PipelineEffects) {
        guard let cause = alarm.resolution, let by = alarm.history.last?.by else { return }
        for member in alarms.members(of: alarm.id) {
            follow(member.id, now: now, into: &e) { $0.resolve(cause, by: by, at: now, why: "with incident \(alarm.id)") }
        }
    }
}
