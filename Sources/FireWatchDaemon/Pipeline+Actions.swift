import FireWatchCore
import FireWatchDispatch
import FireWatchHazards
import FireWatchPipeline
import FireWatchStore
import Foundation

/// Operator and API actions: each one step of the core, committed and sent like any other.
extension Pipeline {
    /// An operator's acknowledge, confirm or resolve. A resolved alarm answers 409, an unknown id 404.
    public func apply(_ action: AlarmAction) throws -> Alarm {
        let now = clock.now()
        let result: (Alarm, PipelineEffects)
        do throws(AlarmActionError) {
            result = try core.apply(action, now: now)
        } catch {
            if case .notFound(let id) = error, let stored = try store.alarm(id: id) { _ = try stored.applying(action, at: now) }
            throw error
        }
        try commit(result.1)
        return result.0
    }

    /// A drill: an exercise dispatch to `station` (at `device`, or at the station), answered as usual.
    public func drill(station: String, device: String?, by: String) throws -> Alarm {
        let (alarm, e) = try core.startDrill(station: station, device: device, by: by, now: clock.now())
        try commit(e)
        return alarm
    }

    /// An operator's rectify or close of a hazard.
    public func apply(_ action: HazardAction) throws -> Hazard {
        let result: (Hazard, PipelineEffects)
        do throws(HazardActionError) { result = try core.apply(action, now: clock.now()) } catch {
            // Closed hazards have left the engine's books; the store still knows them (409, not 404).
            if case .notFound(let id) = error, let stored = try store.hazard(id: id), !stored.isOpen {
                throw HazardActionError.conflict("hazard \(id) is closed; nothing more can be done to it")
            }
            throw error
        }
        let (hazard, e) = result
        try commit(e)
        return hazard
    }

    /// A hazard found on patrol, opened by `by` (the token's name).
    public func open(patrol report: PatrolReport, by: String) throws -> Hazard {
        let (hazard, e) = try core.open(patrol: report, by: by, now: clock.now())
        try commit(e)
        return hazard
    }

    /// A station's answer from the station page or an operator; returns why it was refused, or nil.
    public func answer(dispatchID: String, status: StationAnswer, cause: AlarmResolution?, note: String?, by: String) throws -> String? {
        let (refusal, e) = core.answer(dispatchID: dispatchID, status: status, cause: cause, note: note, by: by, now: clock.now())
        try commit(e)
        return refusal
    }

    /// The station a dispatch in progress was sent to.
    public func station(ofDispatch id: String) -> String? { core.station(ofDispatch: id) }

    /// Streets, communities and units as loaded now.
    public var geography: Geography { core.settings.geography }

    /// Suppresses a device's alarms from dispatch until `minutes` from now (test or maintenance).
    public func suppress(device: String, reason: Suppression.Reason, minutes: Int, by: String) throws -> Suppression {
        let (s, e) = try core.suppress(device: device, reason: reason, minutes: minutes, by: by, now: clock.now())
        try commit(e)
        return s
    }

    /// Sets a station's availability from the API or a tool (not from a page).
    public func setStationStatus(_ id: String, _ status: Station.Status, by: String) throws {
        try commit(try core.setStationStatus(id, status, by: by, now: clock.now()))
    }

    /// The community hazard index (VOCABULARY.md) for streets or communities.
    public func hazardIndex(_ level: HazardIndexEntry.Level) -> [HazardIndexEntry] {
        core.hazardIndex(level, now: clock.now())
    }

    /// Stations with the dispatches they are working on and their street's coverage.
    public func stationViews() -> [StationView] { core.stationViews() }

    /// Commits and sends an action's effects; a failed commit throws (the core was rebuilt).
    func commit(_ e: PipelineEffects) throws {
        guard perform(e) else { throw PipelineError.commitFailed }
    }
}

/// Why an action did not take effect.
public enum PipelineError: Error, CustomStringConvertible {
    case commitFailed

    public var description: String { "the store did not take the change; nothing was changed" }
}
