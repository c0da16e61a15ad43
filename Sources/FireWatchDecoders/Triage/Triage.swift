import FireWatchCore
import Foundation

/// Which messages may carry an emergency (a fire, manual, gas or electrical alarm), told on the ingest
/// thread before the message is journaled, so the pipeline takes them ahead of routine traffic. Cheap
/// and conservative: a GB/T 26875.3 frame is read at its command, type flag and state bits; a binary
/// definition reads only its layout selector and the fields that can give an alarm event; JSON and
/// TLV definitions, and devices whose alarms come from measured values (electrical fire monitors),
/// are decoded. A message that cannot be read is routine here: it could not raise an alarm later either.
public struct Triage: Sendable {
    /// The events that open an alarm somebody may be sent to.
    public static let urgentEvents: Set<EventType> = [
        .fireAlarm, .manualAlarm, .gasAlarm, .arcFault, .residualCurrentAlarm, .overTemperature, .overCurrent,
    ]

    /// How one model's messages are told apart.
    enum Classifier: Sendable {
        /// The model can give none of the urgent events.
        case routine
        case gb26875
        case binary(BinaryDecoderSpec)
        /// Decoded, then its events (and, for metered kinds, its readings against the thresholds) looked at.
        case decode(DeviceDefinition)
    }

    let classifiers: [String: Classifier]
    let metered: Set<String>
    let residualCurrentMilliamps: Double
    let cableTemperatureCelsius: Double

    /// `meteredKinds`: device kinds whose alarms come from measured values (electrical), judged by the thresholds.
    public init(catalog: DefinitionCatalog, meteredKinds: Set<String> = ["electrical"], residualCurrentMilliamps: Double = 500,
                cableTemperatureCelsius: Double = 85) {
        metered = meteredKinds
        self.residualCurrentMilliamps = residualCurrentMilliamps
        self.cableTemperatureCelsius = cableTemperatureCelsius
        var classifiers: [String: Classifier] = [:]
        for (id, def) in catalog.definitions {
            classifiers[id] = Self.classifier(def, metered: meteredKinds.contains(def.kind))
        }
        self.classifiers = classifiers
    }

    static func classifier(_ def: DeviceDefinition, metered: Bool) -> Classifier {
        switch def.decoder.engine {
        case .builtin: return def.decoder.type == "builtin:gb26875" ? .gb26875 : .decode(def)
        case .binary(let spec) where !metered:
            guard spec.mayGive(urgentEvents) else { return .routine }
            return spec.groupsMayGive(urgentEvents) ? .decode(def) : .binary(spec)
        default: return .decode(def)
        }
    }

    /// Whether this message of a `model` device, arriving through `envelope`, may carry an emergency.
    public func isUrgent(model: String, envelope: String, payload: [UInt8], receivedAt: Date) -> Bool {
        guard let classifier = classifiers[model] else { return false }
        if case .routine = classifier { return false }
        guard let (bytes, fport) = Envelope.peek(envelope, payload) else { return false }
        switch classifier {
        case .routine: return false
        case .gb26875: return GB26875Triage.mayAlarm(bytes)
        case .binary(let spec):
            // A layout that reads its alarm fields only from groups would have been `.decode`.
            return spec.mayCarry(Self.urgentEvents, bytes, fport: fport)
        case .decode(let def): return decodes(def, bytes, fport: fport, receivedAt: receivedAt)
        }
    }

    func decodes(_ def: DeviceDefinition, _ bytes: [UInt8], fport: Int?, receivedAt: Date) -> Bool {
        guard let readings = try? def.decode(bytes, device: "", receivedAt: receivedAt, timeZone: DeviceDefinition.defaultTimeZone, fport: fport)
        else { return false }
        let isMetered = metered.contains(def.kind)
        return readings.contains { r in
            r.events.contains { Self.urgentEvents.contains($0.type) }
                || (isMetered && r.metrics.contains { name, value in
                    (name.hasPrefix("residual_current_ma") && value >= residualCurrentMilliamps)
                        || (name.hasPrefix("temperature_c") && value >= cableTemperatureCelsius)
                })
        }
    }
}
