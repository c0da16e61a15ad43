import FireWatchCore
import Foundation

/// What a subscription's envelope held: the device's own bytes and what the network server added.
public struct UnwrappedPayload: Sendable {
    /// The device's payload, as its definition decodes it.
    public var bytes: [UInt8]
    /// The LoRaWAN fPort, nil for raw MQTT devices.
    public var fport: Int?
    /// The device id the network server names (DevEUI, TTS device id), nil when it names none.
    public var deviceID: String?
    /// When the network server received the uplink, else when the broker handed the message over.
    public var receivedAt: Date
    /// The best (strongest) RSSI among the gateways that heard the uplink.
    public var signalDbm: Double?

    public init(bytes: [UInt8], fport: Int? = nil, deviceID: String? = nil, receivedAt: Date, signalDbm: Double? = nil) {
        self.bytes = bytes
        self.fport = fport
        self.deviceID = deviceID
        self.receivedAt = receivedAt
        self.signalDbm = signalDbm
    }

    /// `readings` with `signal_dbm` set from the radio metadata where the device reported none:
    /// a device's own measurement of its link wins over the network server's.
    public func applyingSignal(to readings: [Reading]) -> [Reading] {
        guard let signalDbm else { return readings }
        return readings.map { reading in
            var r = reading
            if r.metrics["signal_dbm"] == nil { r.metrics["signal_dbm"] = signalDbm }
            return r
        }
    }
}

/// The wrappers a subscription's messages arrive in (lorawan-envelopes.md): `raw` (the MQTT payload
/// is the device's bytes), `chirpstack` (ChirpStack v4 uplink event JSON), `tts` (The Things Stack
/// v3 uplink message JSON). Unwrapping yields what the device's definition decodes; wrapping is the
/// reverse, for `firewatch simulate`.
public enum Envelope {
    /// Every envelope a subscription may name.
    public static let kinds = ["raw", "chirpstack", "tts"]

    /// Envelopes larger than this are refused before parsing: uplinks are at most a few hundred bytes.
    static let maxBytes = 65_536

    /// Takes the device payload out of one MQTT message. `receivedAt` is the broker's delivery time,
    /// used when the envelope carries no receive time of its own.
    public static func unwrap(_ kind: String, payload: [UInt8], receivedAt: Date) throws(DecodeError) -> UnwrappedPayload {
        switch kind {
        case "raw": return UnwrappedPayload(bytes: payload, receivedAt: receivedAt)
        case "chirpstack": return try ChirpStackEnvelope.unwrap(payload, receivedAt: receivedAt)
        case "tts": return try TTSEnvelope.unwrap(payload, receivedAt: receivedAt)
        default:
            throw DecodeError(field: "envelope", "unknown envelope \"\(kind)\" (known: \(kinds.joined(separator: ", ")))")
        }
    }

    /// Wraps a device payload as `kind`'s network server would publish it. `rssi` goes into the radio
    /// metadata when given. An unknown kind is treated as `raw`: configuration loading rejects those.
    public static func wrap(
        _ kind: String, bytes: [UInt8], fport: Int?, deviceID: String?, at: Date, rssi: Double? = nil
    ) -> [UInt8] {
        switch kind {
        case "chirpstack": ChirpStackEnvelope.wrap(bytes, fport: fport, deviceID: deviceID, at: at, rssi: rssi)
        case "tts": TTSEnvelope.wrap(bytes, fport: fport, deviceID: deviceID, at: at, rssi: rssi)
        default: bytes
        }
    }

    // MARK: Shared by the LoRaWAN envelopes

    /// The values `picks` names in an envelope, by slot (the last of each, as in a parsed object);
    /// the slots in `signal` feed it instead, gateway by gateway.
    static func pick(
        _ payload: [UInt8], _ kind: String, _ picks: JSONText.Picks, slots: Int, signal: inout BestSignal
    ) throws(DecodeError) -> [JSONValue?] {
        var values = [JSONValue?](repeating: nil, count: slots)
        do {
            try JSONDecoderSpec.checkSize(payload, maxBytes: maxBytes)
            try JSONText.pick(payload, picks) { slot, item, value in
                if signal.takes(slot) { signal.add(slot, item: item, value) } else { values[slot] = value }
            }
        } catch {
            throw DecodeError(offset: error.offset, field: error.field, "\(kind) envelope: \(error.reason)")
        }
        return values
    }

    static func text(_ value: JSONValue?) -> String? {
        guard case .string(let s)? = value else { return nil }
        return s
    }

    /// The application payload: base64 text. Network servers leave out empty fields, so an absent
    /// payload on an application fPort is an empty frame; without an fPort it is a MAC-only uplink,
    /// which has nothing for a device definition to decode.
    static func payload(_ value: JSONValue?, field: String, _ kind: String, fport: Int?) throws(DecodeError) -> [UInt8] {
        guard let value else {
            if let fport, fport > 0 { return [] }
            throw DecodeError(field: field, "\(kind) envelope has no application payload (a MAC-only uplink, fPort 0)")
        }
        guard case .string(let b64) = value, let data = Data(base64Encoded: b64) else {
            throw DecodeError(field: field, "\(kind) envelope: payload is not base64 text")
        }
        return Array(data)
    }

    /// The fPort, checked to be a LoRaWAN port (1–223 application, 224 test).
    static func fport(_ value: JSONValue?, field: String, _ kind: String) throws(DecodeError) -> Int? {
        guard case .number(let n)? = value else { return nil }
        guard n.rounded() == n, (0...255).contains(n) else { throw DecodeError(field: field, "\(kind) envelope: fPort \(n) is not 0...255") }
        return Int(n)
    }

    /// The strongest RSSI of a list of gateway receptions (`rxInfo`, `rx_metadata`): each gateway's
    /// first of the preferred slots it has, then the best of the gateways.
    struct BestSignal {
        /// Slots in order of preference (`rssi` before `channel_rssi`).
        let preferred: [Int]
        private var item = -1
        private var current: (rank: Int, dbm: Double)?
        private(set) var best: Double?

        init(preferred: [Int]) { self.preferred = preferred }

        func takes(_ slot: Int) -> Bool { preferred.contains(slot) }

        mutating func add(_ slot: Int, item: Int, _ value: JSONValue) {
            guard let rank = preferred.firstIndex(of: slot), case .number(let dbm) = value else { return }
            if item != self.item { finishGateway(); self.item = item }
            if let c = current, c.rank < rank { return }
            current = (rank, dbm)
        }

        /// The best RSSI once the last gateway is counted.
        mutating func finish() -> Double? {
            finishGateway()
            return best
        }

        private mutating func finishGateway() {
            if let c = current { best = max(best ?? c.dbm, c.dbm) }
            current = nil
        }
    }

    /// RFC 3339 with any number of fractional digits (ChirpStack writes nanoseconds; the parser takes
    /// them all, so nothing is cut first: cutting by Characters showed in ingest profiles).
    static func time(_ text: String?) -> Date? {
        text.flatMap(Timestamps.parse)
    }

    static func json(_ value: JSONValue) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map(Array.init) ?? []
    }

    static func utc(_ date: Date) -> String { Timestamps.string(date, in: TimeZone(secondsFromGMT: 0)!) }
}
