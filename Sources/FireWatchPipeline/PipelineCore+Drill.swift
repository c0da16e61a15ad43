import FireWatchCore
import Foundation

extension PipelineCore {
    /// Starts a drill (联勤联训, 实战效能评估): an exercise fire alarm at `device` (or at the station itself)
    /// and a dispatch with `drill: true` to `station`, which answers it as usual. It joins no incident,
    /// tells no contacts, is never escalated and stays out of the live figures, the index and the metrics.
    public mutating func startDrill(station stationID: String, device deviceID: String?, by: String, now: Date) throws(AlarmActionError) -> (Alarm, PipelineEffects) {
        guard let station = stations.first(where: { $0.id == stationID }) else { throw .unknown("no station \"\(stationID)\"") }
        guard station.status == .available else { throw .conflict("station \(stationID) is \(station.status.rawValue): a drill goes to an available station") }
        var place: Device
        if let deviceID {
            guard let d = devices[deviceID] else { throw .unknown("no device \"\(deviceID)\"") }
            place = d
        } else {
            place = Device(
                id: "drill-\(station.id)", model: "drill/exercise", location: station.location, address: "演练：\(station.name)",
                street: station.street, community: "")
        }
        place.building = nil
        let id = Identifiers.make(prefix: "alm", at: now)
        var alarm = Alarm(id: id, device: place, point: nil, kind: .fire, severity: .critical, raisedAt: now)
        alarm.drill = true
        alarm.history = [AlarmTransition(at: now, to: .raised, by: by, why: "drill (演练) for \(station.id)")]
        engine.openDrill(alarm)
        var e = effects()
        touch(alarm)
        e.commit.events.append(FeedEvent(at: now, type: .alarmRaised, alarm: alarm, note: "drill for \(station.id)", noteZH: "演练：\(station.name)"))
        let decisions = dispatcher.beginDrill(alarm, station: station, now: now, makeID: { Identifiers.make(prefix: "dsp", at: now) })
        apply(decisions, receivedAt: nil, now: now, into: &e)
        e.log(.notice, "drill started", ["alarm_id": id, "station": stationID, "by": by])
        finish(&e, now: now)
        return (openAlarm(id) ?? alarm, e)
    }
}
