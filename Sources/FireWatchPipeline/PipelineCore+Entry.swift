import FireWatchCore
import FireWatchDecoders
import FireWatchHazards
import Foundation

extension PipelineCore {
    /// The next journal entry in order, into `e`: its id becomes the step's cursor. One already
    /// processed ahead of its turn is passed over. Call `finish` once the step's entries are all handled.
    /// False when it was passed over.
    @discardableResult
    public mutating func handle(_ entry: JournalEntry, now: Date, into e: inout PipelineEffects) -> Bool {
        e.commit.cursor = max(e.commit.cursor, entry.id)
        guard !ahead.contains(entry.id) else { return false }
        process(entry, now: now, into: &e)
        return true
    }

    /// An entry taken ahead of its turn (an urgent one, or its device's earlier entries, oldest
    /// first): processed now, passed over when the cursor reaches it.
    /// False when it was already processed.
    @discardableResult
    public mutating func handleAhead(_ entry: JournalEntry, now: Date, into e: inout PipelineEffects) -> Bool {
        guard entry.id > cursor, entry.id > e.commit.cursor, ahead.insert(entry.id).inserted else { return false }
        e.commit.ahead.append(entry.id)
        process(entry, now: now, into: &e)
        return true
    }

    /// Whether this entry after the cursor was already processed ahead of its turn.
    public func isAhead(_ id: Int64) -> Bool { ahead.contains(id) }

    /// One journal entry through resolve, decode, alarms and dispatch.
    mutating func process(_ entry: JournalEntry, now: Date, into e: inout PipelineEffects) {
        guard let route = router.route(entry.topic) else {
            e.log(.debug, "topic matches no subscription", ["topic": entry.topic, "journal_id": "\(entry.id)"])
            return
        }
        // Over `mqtt.max_payload_bytes`: the store left the payload out; it stays in the journal.
        if entry.isOversize {
            e.facts.append(.oversize)
            report(.warning, "payload over mqtt.max_payload_bytes; journaled, not decoded", key: "oversize|\(route.device.prefix(64))", now: now,
                   ["device": String(route.device.prefix(64)), "bytes": "\(entry.size)", "journal_id": "\(entry.id)"], into: &e)
            return
        }
        // A retained message was left at the broker before this session subscribed: an old alarm or
        // answer replayed to every new subscriber, not news. It stays in the journal, nothing more.
        if entry.retained {
            report(.notice, "retained message; journaled, not decoded", key: "retained|\(route.device.prefix(64))", now: now,
                   ["device": String(route.device.prefix(64)), "topic": String(entry.topic.prefix(200)), "journal_id": "\(entry.id)"], into: &e)
            return
        }
        if StationMessages.isStation(route.envelope) {
            handleStation(route, entry, now: now, into: &e)
            return
        }
        guard let device = devices[route.device] else {
            e.facts.append(.unknownDevice)
            report(.notice, "message from unregistered device; journaled, not decoded", key: "unknown|\(route.device.prefix(64))", now: now,
                   ["device": String(route.device.prefix(64)), "journal_id": "\(entry.id)"], into: &e)
            return
        }
        // The centre's own duty check to this device, journaled as it left: an answer is now due.
        if route.envelope == GB26875Topics.downlinkEnvelope {
            let p = entry.payload
            if p.count > 27, p[26] == 1, p[27] == GB26875FrameBuilder.Downlink.dutyCheck {
                engine.dutyCheckSent(device.id, at: entry.receivedAt, answerWithin: settings.dutyAnswerSeconds)
            }
            return
        }
        guard let definition = catalog[device.model] else {
            e.facts.append(.decodeError(model: device.model))
            report(.warning, "no definition for model; journaled, not decoded", key: "model|\(device.id)", now: now,
                   ["device": device.id, "model": device.model, "journal_id": "\(entry.id)"], into: &e)
            return
        }
        var readings: [Reading]
        do {
            // LoRaWAN network servers wrap the device's bytes; the envelope is the subscription's.
            let unwrapped = try Envelope.unwrap(route.envelope, payload: entry.payload, receivedAt: entry.receivedAt)
            readings = unwrapped.applyingSignal(to: try definition.decode(
                unwrapped.bytes, device: device.id, receivedAt: unwrapped.receivedAt, timeZone: settings.timeZone,
                fport: unwrapped.fport))
        } catch {
            apply(engine.heard(device.id, now: now), receivedAt: nil, journalID: entry.id, now: now, into: &e)
            e.facts.append(.decodeError(model: device.model))
            report(.warning, "decode failed; raw message kept in the journal", key: "decode|\(device.id)", now: now, [
                "device": device.id, "model": device.model, "journal_id": "\(entry.id)", "error": "\(error)",
            ], into: &e)
            return
        }
        let clock = engine.checkClock(readings, of: device, receivedAt: entry.receivedAt, now: now) { Identifiers.make(prefix: $0, at: now) }
        readings = clock.readings
        apply(clock.changes, receivedAt: entry.receivedAt, journalID: entry.id, now: now, into: &e)
        let profile = DeviceProfile(device: device, kind: definition.kind, defaultHeartbeatSeconds: definition.heartbeatSeconds)
        for reading in readings {
            let changes = engine.apply(reading, from: profile, now: now) { Identifiers.make(prefix: $0, at: now) }
            apply(changes, receivedAt: entry.receivedAt, journalID: entry.id, now: now, into: &e)
        }
    }
}
