import FireWatchCore
import Foundation

/// The Things Stack v3 uplink messages (`v3/{app}@{tenant}/devices/{device_id}/up`):
/// `end_device_ids.device_id` (or `dev_eui`), `uplink_message.f_port`, `uplink_message.frm_payload`,
/// `received_at`, `uplink_message.rx_metadata[].rssi`.
enum TTSEnvelope {
    static let kind = "tts"

    /// The members `unwrap` reads; the rest of the uplink is checked, not built.
    static let members = JSONText.Keep.members([
        "received_at": .all,
        "uplink_message": .members([
            "received_at": .all, "f_port": .all, "frm_payload": .all, "rx_metadata": .members(["rssi": .all, "channel_rssi": .all]),
        ]),
        "end_device_ids": .members(["device_id": .all, "dev_eui": .all]),
    ])

    static func unwrap(_ payload: [UInt8], receivedAt: Date) throws(DecodeError) -> UnwrappedPayload {
        let root = try Envelope.parse(payload, kind, keeping: members)
        let time = Envelope.text(root, "received_at") ?? Envelope.text(root, "uplink_message.received_at")
        let fport = try Envelope.fport(root, "uplink_message.f_port", kind)
        return UnwrappedPayload(
            bytes: try Envelope.payload(root, "uplink_message.frm_payload", kind, fport: fport),
            fport: fport,
            deviceID: Envelope.text(root, "end_device_ids.device_id") ?? Envelope.text(root, "end_device_ids.dev_eui"),
            receivedAt: Envelope.time(time) ?? receivedAt,
            signalDbm: Envelope.bestRSSI(root, "uplink_message.rx_metadata", keys: ["rssi", "channel_rssi"]))
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
