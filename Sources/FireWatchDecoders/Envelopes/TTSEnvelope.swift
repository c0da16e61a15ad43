import FireWatchCore
import Foundation

/// The Things Stack v3 uplink messages (`v3/{app}@{tenant}/devices/{device_id}/up`):
/// `end_device_ids.device_id` (or `dev_eui`), `uplink_message.f_port`, `uplink_message.frm_payload`,
/// `received_at`, `uplink_message.rx_metadata[].rssi`.
enum TTSEnvelope {
    static let kind = "tts"

    /// The values `unwrap` reads, by slot; the rest of the uplink is checked, not built.
    static let picks: JSONText.Picks = [
        "received_at": .slot(0),
        "uplink_message": .members([
            "received_at": .slot(1), "f_port": .slot(2), "frm_payload": .slot(3),
            "rx_metadata": .members(["rssi": .slot(6), "channel_rssi": .slot(7)]),
        ]),
        "end_device_ids": .members(["device_id": .slot(4), "dev_eui": .slot(5)]),
    ]

    static func unwrap(_ payload: [UInt8], receivedAt: Date) throws(DecodeError) -> UnwrappedPayload {
        var signal = Envelope.BestSignal(preferred: [6, 7])
        let v = try Envelope.pick(payload, kind, picks, slots: 6, signal: &signal)
        let fport = try Envelope.fport(v[2], field: "uplink_message.f_port", kind)
        return UnwrappedPayload(
            bytes: try Envelope.payload(v[3], field: "uplink_message.frm_payload", kind, fport: fport),
            fport: fport,
            deviceID: Envelope.text(v[4]) ?? Envelope.text(v[5]),
            receivedAt: Envelope.time(Envelope.text(v[0]) ?? Envelope.text(v[1])) ?? receivedAt,
            signalDbm: signal.finish())
    }

    static func wrap(_ bytes: [UInt8], fport: Int?, deviceID: String?, at: Date, rssi: Double?) -> [UInt8] {
        var uplink: [String: JSONValue] = [
            "frm_payload": .string(Data(bytes).base64EncodedString()),
            "received_at": .string(Envelope.utc(at)),
        ]
        if let fport { uplink["f_port"] = .number(Double(fport)) }
        if let rssi {
            uplink["rx_metadata"] = .array([.object(["gateway_ids": .object(["gateway_id": "sim-gw"]), "rssi": .number(rssi), "channel_rssi": .number(rssi)])])
        }
        var message: [String: JSONValue] = ["received_at": .string(Envelope.utc(at)), "uplink_message": .object(uplink)]
        if let deviceID { message["end_device_ids"] = .object(["device_id": .string(deviceID)]) }
        return Envelope.json(.object(message))
    }
}
