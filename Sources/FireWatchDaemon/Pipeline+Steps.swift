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
            metrics.decodeError(model: device.model)
            report(.warning, "decode failed; raw message kept in the journal", key: "decode|\(device.id)", now: now, [
                "device": "\(device.id)", "model": "\(device.model)", "journal_id": "\(entry.id)", "error": "\(error)",
            ])
            return
        }
        for reading in readings {
            let changes = alarms.apply(reading, device: device, now: now) { Identifiers.make(prefix: "alm", at: now) }
            for change in changes {
                switch change {
                case .raised(let alarm):
                    logger.notice("alarm raised", metadata: [
                        "alarm_id": "\(alarm.id)", "device": "\(alarm.device)", "kind": "\(alarm.kind.rawValue)",
                        "journal_id": "\(entry.id)",
                    ])
                    step.events.append(FeedEvent(at: now, type: .alarmRaised, alarm: alarm))
                    dispatch(alarm, receivedAt: entry.receivedAt, now: now, into: &step, outbound: &outbound)
                case .updated(let alarm):
                    step.alarms.append(alarm)
                    step.events.append(FeedEvent(at: now, type: .alarmUpdated, alarm: alarm))
                    outbound.append(alarmTopic(alarm))
                }
            }
        }
    }

    /// Logs a per-device problem, throttled so one broken device cannot flood the log.
    func report(_ level: Logger.Level, _ message: Logger.Message, key: String, now: Date, _ metadata: Logger.Metadata) {
        guard let suppressed = logThrottle.admit(key, now: now) else { return }
        var m = metadata
        if suppressed > 0 { m["repeats_not_logged"] = "\(suppressed)" }
        logger.log(level: level, message, metadata: m)
    }

    /// Pages the nearest available station for a new alarm; records why, or escalates when none is left.
    func dispatch(_ raised: Alarm, receivedAt: Date, now: Date, into step: inout PipelineCommit, outbound: inout [Outbound]) {
        var alarm = raised
        let order = NearestStation.firstPage(
            for: alarm, stations: stations, policy: config.dispatch, now: now,
            dispatchID: Identifiers.make(prefix: "dsp", at: now))
        if let order {
            alarm.state = .dispatched
            alarm.dispatchedAt = now
            alarm.station = order.stationID
            alarm.history.append(AlarmTransition(at: now, to: "dispatched", by: "dispatch", why: "\(order.stationID): \(order.reason)"))
            alarms.store(alarm)
            step.alarms.append(alarm)
            step.dispatches.append(order)
            step.events.append(FeedEvent(at: now, type: .alarmDispatched, alarm: alarm, dispatch: order))
            outbound.append(alarmTopic(alarm))
            if let payload = try? encode(order) {
                outbound.append(Outbound(
                    topic: topics.dispatch(station: order.stationID), payload: payload, retain: false,
                    receivedAt: receivedAt, alarmID: alarm.id))
            }
            logger.notice("station paged", metadata: [
                "alarm_id": "\(alarm.id)", "station": "\(order.stationID)", "rank": "\(order.rank)",
                "distance_m": "\(order.distanceMeters)", "eta_s": "\(order.etaSeconds)",
            ])
        } else {
            alarm.history.append(AlarmTransition(at: now, to: "escalated", by: "dispatch", why: "no available station"))
            alarms.store(alarm)
            step.alarms.append(alarm)
            step.events.append(FeedEvent(at: now, type: .alarmEscalated, alarm: alarm, note: "no available station"))
            outbound.append(alarmTopic(alarm))
            logger.warning("no available station", metadata: ["alarm_id": "\(alarm.id)"])
        }
    }

    /// The retained alarm object while open; an empty retained message clears it when resolved.
    func alarmTopic(_ alarm: Alarm) -> Outbound {
        let payload = alarm.isOpen ? ((try? encode(alarm)) ?? []) : []
        return Outbound(topic: topics.alarm(alarm.id), payload: payload, retain: true)
    }
}
