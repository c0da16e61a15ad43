import FireWatchCore
import Foundation

/// ChirpStack v4 uplink events (`application/{id}/device/{dev_eui}/event/up`, JSON encoding):
/// `deviceInfo.devEui`, `fPort`, `data` (base64), `time`, `rxInfo[].rssi`.
enum ChirpStackEnvelope {
    static let kind = "chirpstack"

    /// The members `unwrap` reads; the rest of the uplink is checked, not built.
    static let members = JSONText.Keep.members([
        "fPort": .all, "data": .all, "time": .all, "deviceInfo": .members(["devEui": .all]), "rxInfo": .members(["rssi": .all]),
    ])

    static func unwrap(_ payload: [UInt8], receivedAt: Date) throws(DecodeError) -> UnwrappedPayload {
        let root = try Envelope.parse(payload, kind, keeping: members)
        let fport = try Envelope.fport(root, "fPort", kind)
        return UnwrappedPayload(
            bytes: try Envelope.payload(root, "data", kind, fport: fport),
            fport: fport,
            deviceID: Envelope.text(root, "deviceInfo.devEui"),
            receivedAt: Envelope.time(Envelope.text(root, "time")) ?? receivedAt,
            signalDbm: Envelope.bestRSSI(root, "rxInfo", keys: ["rssi"]))
    }

    static func wrap(_ bytes: [UInt8], fport: Int?, deviceID: String?, at: Date, rssi: Double?) -> [UInt8] {
        var event: [String: JSONValue] = [
            "time": .string(Envelope.utc(at)),
            "data": .string(Data(bytes).base64EncodedString()),
        ]
        if let deviceID { event["deviceInfo"] = .object(["devEui": .string(deviceID), "deviceName": .string(deviceID)]) }
        if let fport { event["fPort"] = .number(Double(fport)) }
        if let rssi { event["rxInfo"] = .array([.object(["gatewayId": "0000000000000000", "rssi": .number(rssi), "snr": 7.5])]) }
        return Envelope.json(.object(event))
    }
}
