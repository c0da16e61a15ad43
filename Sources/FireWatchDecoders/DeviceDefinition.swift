import FireWatchCore
import Foundation

/// A vendor's device model as declared in `Devices/<vendor>/<model>.yaml`: metadata, the decoder
/// and the examples that prove it.
public struct DeviceDefinition: Sendable {
    /// `vendor/model`, equal to the file's path under the definitions folder.
    public var id: String
    public var vendor: String
    public var name: String
    /// smoke, heat, electrical, gas, water, panel, ...
    public var kind: String
    /// `raw` (the MQTT payload is the device's bytes) or `lorawan` (behind a network server).
    public var transport: String
    /// Default heartbeat interval in seconds; registry entries may override it.
    public var heartbeatSeconds: Int
    /// Link to the vendor's documentation.
    public var docs: String?
    /// Definition-wide `snapshot:`: the payload's reading is a full snapshot of its point, so a
    /// condition it no longer carries has cleared. Layouts may say otherwise; history records never are.
    public var snapshot: Bool
    public var decoder: DecoderSpec
    public var examples: [DecoderExample]
    /// Where it was loaded from, for messages.
    public var file: String

    /// Decodes one payload into readings for `device`.
    public func decode(
        _ bytes: [UInt8], device: String, receivedAt: Date, timeZone: TimeZone, fport: Int? = nil
    ) throws(DecodeError) -> [Reading] {
        let context = DecodeContext(
            device: device, model: id, receivedAt: receivedAt, timeZone: timeZone, fport: fport,
            options: decoder.options)
        return try decoder.engine.decode(bytes, context: context)
    }

    /// The payload a device of this model would send to say what `sample` says; decoding it gives the
    /// sample's metrics and events back. `timeZone` places device clocks that send local time.
    public func encode(
        _ sample: DeviceSample, timeZone: TimeZone = DeviceDefinition.defaultTimeZone
    ) throws(EncodeError) -> EncodedPayload {
        let context = DecodeContext(
            device: "", model: id, receivedAt: sample.at, timeZone: timeZone, options: decoder.options)
        return try decoder.engine.encode(sample, context: context)
    }

    /// Device clocks in the district send Shanghai time (INTERFACES.md: `timezone` default).
    public static let defaultTimeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
}

/// The `decoder:` block of a definition: which engine, and its options.
public struct DecoderSpec: Sendable {
    /// `json`, `binary`, `tlv`, or `builtin:NAME`.
    public var type: String
    var engine: DecoderEngine
    /// Options of a builtin decoder (`strict_test_bit`, `analog_types`); empty for declarative ones.
    public var options: [String: JSONValue]

    /// The Swift decoder behind `builtin: NAME`, nil for declarative decoders.
    public var builtin: (any BuiltinDecoder)? {
        if case .builtin(let decoder) = engine { return decoder }
        return nil
    }
}

/// One example of a definition: an input and either the readings it must give or the error.
public struct DecoderExample: Sendable {
    public var description: String
    public var bytes: [UInt8]
    public var fport: Int?
    public var expected: [ExpectedReading]?
    /// A phrase the error message must contain, when the input is malformed.
    public var expectedError: String?
    /// `partial: true`: only what the example lists is compared; by default every metric, event,
    /// point, attribute and time of every reading must be as listed, and nothing more.
    public var partial = false
    public var line: Int?
}

/// What an example says one reading holds. Compared in full unless the example is `partial`: an
/// absent `point` or `attributes` then means none, an absent `at` means the receive time.
public struct ExpectedReading: Sendable {
    public var events: [ExpectedEvent]?
    public var metrics: [String: Double]?
    public var point: [String: JSONValue]?
    public var attributes: [String: JSONValue]?
    public var at: String?
    /// Metrics and event types the reading must not carry (useful with `partial`).
    public var absentMetrics: [String] = []
    public var absentEvents: [String] = []
    public var line: Int?

    /// The event types listed, in order.
    public var eventTypes: [String] { events?.map(\.type) ?? [] }
}

/// An event an example expects: its type, and the channel and value when it has them.
public struct ExpectedEvent: Sendable, Hashable, CustomStringConvertible {
    public var type: String
    public var channel: Int?
    public var value: Double?

    public var description: String {
        type + (channel.map { " (channel \($0))" } ?? "") + (value.map { " = \($0)" } ?? "")
    }
}
