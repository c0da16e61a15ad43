import FireWatchCore
import FireWatchDaemon
import FireWatchDecoders
import Foundation

/// Turns what simulated devices say into the MQTT messages real ones would send: the model's own
/// payload (the definition's encode direction) inside its transport (raw topic, or a ChirpStack
/// uplink for LoRaWAN models).
struct FleetTraffic {
    let catalog: DefinitionCatalog
    let timeZone: TimeZone

    /// The topic and payload for `device` saying `sample`.
    func message(_ device: Device, _ sample: DeviceSample) throws -> (topic: String, payload: [UInt8]) {
        guard let def = catalog[device.model] else { throw SimulationError("\(device.id): no definition for \(device.model)") }
        let encoded: EncodedPayload
        do { encoded = try def.encode(sample, timeZone: timeZone) } catch {
            throw SimulationError("\(device.id) (\(device.model)): cannot encode \(sample.events.map(\.type.rawValue)): \(error)")
        }
        if def.transport == "lorawan" {
            let payload = Envelope.wrap("chirpstack", bytes: encoded.bytes, fport: encoded.fport, deviceID: device.id, at: sample.at,
                                        rssi: -70 - Double(abs(device.id.hashValue) % 40))
            return ("application/1/device/\(device.id)/event/up", payload)
        }
        return ("devices/\(device.id)/up", encoded.bytes)
    }

    /// An ordinary status report: a heartbeat, or the model's normal readings when it has no heartbeat event.
    func routine(_ device: Device, at date: Date) throws -> (topic: String, payload: [UInt8]) {
        guard let def = catalog[device.model] else { throw SimulationError("\(device.id): no definition for \(device.model)") }
        let normal = Self.normalMetrics[def.kind] ?? [:]
        for sample in [DeviceSample(metrics: normal, events: [], at: date), DeviceSample(events: [.heartbeat], at: date)] {
            if let m = try? message(device, sample) { return m }
        }
        return try message(device, DeviceSample(at: date))
    }

    /// Quiet readings per device kind, so a quiet day looks like one.
    static let normalMetrics: [String: [String: Double]] = [
        "smoke": ["battery_v": 3.0, "temperature_c": 22.5],
        "heat": ["temperature_c": 23.0],
        "electrical": ["residual_current_ma": 120, "temperature_c": 31, "current_a": 12.5],
        "gas": ["gas_lel_pct": 0],
        "pressure": ["pressure_mpa": 0.35],
    ]
}

struct SimulationError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
