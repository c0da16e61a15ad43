import FireWatchCore
import FireWatchDecoders
import FireWatchDispatch
import FireWatchHazards
import FireWatchStore
import Foundation
import Logging

extension Pipeline {
    /// One journal entry through resolve, decode, alarms and dispatch. Decisions go into `step`
    /// (committed together) and `outbound` (published after the commit).
    func handle(_ entry: JournalEntry, into step: inout PipelineCommit, outbound: inout [Outbound]) {
        let now = clock.now()
        guard let route = router.route(entry.topic) else {
            logger.debug("topic matches no subscription", metadata: ["topic": "\(entry.topic)", "journal_id": "\(entry.id)"])
            return
        }
        if StationMessages.isStation(route.envelope) {
            handleStation(route, entry, now: now, into: &step, outbound: &outbound)
            return
        }
        guard let device = registry[route.device] else {
            metrics.unknownDevices.increment()
            report(.notice, "message from unregistered device; journaled, not decoded", key: "unknown|\(route.device)", now: now,
                   ["device": "\(route.device)", "journal_id": "\(entry.id)"])
            return
        }
        guard let definition = catalog[device.model] else {
            metrics.decodeError(model: device.model)
            report(.warning, "no definition for model; journaled, not decoded", key: "model|\(device.id)", now: now,
                   ["device": "\(device.id)", "model": "\(device.model)", "journal_id": "\(entry.id)"])
            return
        }
        let readings: [Reading]
        do {
            // LoRaWAN network servers wrap the device's bytes; the envelope is the subscription's.
            let unwrapped = try Envelope.unwrap(route.envelope, payload: entry.payload, receivedAt: entry.receivedAt)
            readings = unwrapped.applyingSignal(to: try definition.decode(
                unwrapped.bytes, device: device.id, receivedAt: unwrapped.receivedAt, timeZone: config.timeZone,
                fport: unwrapped.fport))
        } catch {
            apply(engine.heard(device.id, now: now), receivedAt: nil, journalID: entry.id, now: now, into: &step, outbound: &outbound)
            metrics.decodeError(model: device.model)
            report(.warning, "decode failed; raw message kept in the journal", key: "decode|\(device.id)", now: now, [
                "device": "\(device.id)", "model": "\(device.model)", "journal_id": "\(entry.id)", "error": "\(error)",
            ])
            return
        }
        let profile = DeviceProfile(device: device, kind: definition.kind, defaultHeartbeatSeconds: definition.heartbeatSeconds)
        for reading in readings {
            let changes = engine.apply(reading, from: profile, now: now) { Identifiers.make(prefix: $0, at: now) }
            apply(changes, receivedAt: entry.receivedAt, journalID: entry.id, now: now, into: &step, outbound: &outbound)
        }
    }

    /// Logs a per-device problem, throttled so one broken device cannot flood the log.
    func report(_ level: Logger.Level, _ message: Logger.Message, key: String, now: Date, _ metadata: Logger.Metadata) {
        guard let suppressed = logThrottle.admit(key, now: now) else { return }
        var m = metadata
        if suppressed > 0 { m["repeats_not_logged"] = "\(suppressed)" }
        logger.log(level: level, message, metadata: m)
    }

    /// The retained alarm object while open; an empty retained message clears it when resolved.
    func alarmTopic(_ alarm: Alarm) -> Outbound {
        let payload = alarm.isOpen ? ((try? encode(alarm)) ?? []) : []
        return Outbound(topic: topics.alarm(alarm.id), payload: payload, retain: true)
    }
}
