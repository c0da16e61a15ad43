import FireWatchCore
import Foundation

/// What a decoder knows besides the bytes: which device and model, when the message arrived, the
/// timezone of device clocks that send local time, the fPort, and the definition's decoder options.
public struct DecodeContext: Sendable {
    public var device: String
    public var model: String
    public var receivedAt: Date
    public var timeZone: TimeZone
    public var fport: Int?
    /// Options from the definition's `decoder:` block (e.g. `strict_test_bit: true`).
    public var options: [String: JSONValue]

    public init(
        device: String, model: String, receivedAt: Date, timeZone: TimeZone, fport: Int? = nil,
        options: [String: JSONValue] = [:]
    ) {
        self.device = device
        self.model = model
        self.receivedAt = receivedAt
        self.timeZone = timeZone
        self.fport = fport
        self.options = options
    }

    /// A boolean option, `false` when absent.
    public func flag(_ name: String) -> Bool {
        if case .bool(let b) = options[name] { return b }
        return false
    }
}

/// A protocol decoder written in Swift (`decoder: {builtin: NAME}`), for protocols too rich for the
/// declarative engine. Pure: no I/O, bounded work per byte.
public protocol BuiltinDecoder: Sendable {
    /// The name definitions use after `builtin:`.
    var id: String { get }
    /// Decodes one payload into readings, or throws a `DecodeError` naming offset or field.
    func decode(_ bytes: [UInt8], context: DecodeContext) throws(DecodeError) -> [Reading]
    /// The bytes a device would send to say what `sample` says (for `firewatch simulate`). The
    /// default refuses: a protocol encodes only when someone wrote its encoder.
    func encode(_ sample: DeviceSample, context: DecodeContext) throws(EncodeError) -> EncodedPayload
}

extension BuiltinDecoder {
    public func encode(_ sample: DeviceSample, context: DecodeContext) throws(EncodeError) -> EncodedPayload {
        throw EncodeError("builtin decoder \(id) has no encoder")
    }
}

/// Every built-in decoder, in one explicit list (Swift has no load-time registration).
public enum BuiltinDecoders {
    public static let all: [any BuiltinDecoder] = [
        GB26875Decoder(),
    ]

    /// The built-in decoder named `id`, if any.
    public static func named(_ id: String) -> (any BuiltinDecoder)? {
        all.first { $0.id == id }
    }
}
