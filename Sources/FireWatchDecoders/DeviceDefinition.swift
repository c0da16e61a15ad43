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
        return try decoder.decoder.decode(bytes, context: context)
    }
}

/// The `decoder:` block of a definition: which engine, and its options.
public struct DecoderSpec: Sendable {
    /// `builtin:NAME` today; `json`, `binary` and `tlv` join with the declarative engine.
    public var type: String
    public var decoder: any BuiltinDecoder
    public var options: [String: JSONValue]
}

/// One example of a definition: an input and either the readings it must give or the error.
public struct DecoderExample: Sendable {
    public var description: String
    public var bytes: [UInt8]
    public var fport: Int?
    public var expected: [ExpectedReading]?
    /// A phrase the error message must contain, when the input is malformed.
    public var expectedError: String?
    public var line: Int?
}

/// The parts of a reading an example pins down; what it omits is not compared.
public struct ExpectedReading: Sendable {
    public var events: [String]?
    public var metrics: [String: Double]?
    public var point: [String: JSONValue]?
    public var at: String?
}
