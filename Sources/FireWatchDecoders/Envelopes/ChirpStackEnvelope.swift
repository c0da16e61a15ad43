import FireWatchCore
import Foundation

/// ChirpStack v4 uplink events (`application/{id}/device/{dev_eui}/event/up`, JSON encoding):
/// `deviceInfo.devEui`, `fPort`, `data` (base64), `time`, `rxInfo[].rssi`.
enum ChirpStackEnvelope {
    static let kind = "chirpstack"

    /// The values `unwrap` reads, by slot; the rest of the uplink is checked, not built.
    static let picks: JSONText.Picks = [
        "fPort": .slot(0), "data": .slot(1), "time": .slot(2), "deviceInfo": .members(["devEui": .slot(3)]),
        "rxInfo": .members(["rssi": .slot(4)]),
    ]

    static func unwrap(_ payload: [UInt8], receivedAt: Date) throws(DecodeError) -> UnwrappedPayload {
        var signal = Envelope.BestSignal(preferred: [4])
        let v = try Envelope.pick(payload, kind, picks, slots: 4, signal: &signal)
        let fport = try Envelope.fport(v[0], field: "fPort", kind)
        return UnwrappedPayload(
            bytes: try Envelope.payload(v[1], field: "data", kind, fport: fport),
            fport: fport,
            deviceID: Envelope.text(v[3]),
            receivedAt: Envelope.time(Envelope.text(v[2])) ?? receivedAt,
            signalDbm: signal.finish())
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
