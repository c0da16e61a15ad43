import FireWatchCore
import Foundation

/// The engine behind a definition's `decoder:` block: one of the declarative types, or a protocol
/// written in Swift. Both directions dispatch here, so a new engine is one case in one place.
enum DecoderEngine: Sendable {
    case builtin(any BuiltinDecoder)
    case json(JSONDecoderSpec)
    case binary(BinaryDecoderSpec)
    case tlv(TLVDecoderSpec)

    /// The declarative types, as definitions spell them in `decoder: {type: ...}`.
    static let declarativeTypes = ["json", "binary", "tlv"]

    func decode(_ bytes: [UInt8], context: DecodeContext) throws(DecodeError) -> [Reading] {
        switch self {
        case .builtin(let decoder): try decoder.decode(bytes, context: context)
        case .json(let spec): try spec.decode(bytes, context: context)
        case .binary(let spec): try spec.decode(bytes, context: context)
        case .tlv(let spec): try spec.decode(bytes, context: context)
        }
    }

    func encode(_ sample: DeviceSample, context: DecodeContext) throws(EncodeError) -> EncodedPayload {
        switch self {
        case .builtin(let decoder): try decoder.encode(sample, context: context)
        case .json(let spec): try spec.encode(sample, timeZone: context.timeZone)
        case .binary(let spec): try spec.encode(sample, timeZone: context.timeZone)
        case .tlv(let spec): try spec.encode(sample, timeZone: context.timeZone)
        }
    }

    /// Reads the `decoder:` block: `{builtin: NAME, ...options}` or `{type: json|binary|tlv, ...}`.
    /// `snapshot` is the definition's default for the readings it produces.
    static func load(_ value: YAMLValue, snapshot: Bool) throws(SourceError) -> DecoderSpec {
        let m = try value.mapping()
        if let name = try m.optionalString("builtin") {
            guard let builtin = BuiltinDecoders.named(name) else {
                let known = BuiltinDecoders.all.map(\.id).joined(separator: ", ")
                throw m.error(at: "builtin", "unknown builtin decoder \"\(name)\" (known: \(known))")
            }
            var options: [String: JSONValue] = [:]
            for (key, v) in m.entries where key != "builtin" { options[key] = try v.json() }
            return DecoderSpec(type: "builtin:\(name)", engine: .builtin(builtin), options: options)
        }
        guard let typeValue = m["type"] else {
            throw value.error("decoder needs \"type: json|binary|tlv\" or \"builtin: NAME\"")
        }
        let type = try SpecSyntax.choice(typeValue, declarativeTypes)
        let engine: DecoderEngine
        switch type {
        case "json": engine = .json(try JSONDecoderSpec(value, snapshot: snapshot))
        case "tlv": engine = .tlv(try TLVDecoderSpec(value, snapshot: snapshot))
        default: engine = .binary(try BinaryDecoderSpec(value, snapshot: snapshot))
        }
        return DecoderSpec(type: type, engine: engine, options: [:])
    }
}
