import FireWatchCore
import Foundation

/// One field of a JSON decoder: a path and what its value becomes. A class, shared rather than
/// copied on every payload.
final class JSONField: Sendable {
    let path: JSONPath
    /// A missing required field makes the payload malformed; optional ones are simply skipped.
    let required: Bool
    let output: FieldOutput

    init(path: JSONPath, required: Bool, output: FieldOutput) {
        self.path = path
        self.required = required
        self.output = output
    }
}

/// An array of objects inside a JSON payload: channels of the main reading, or readings of their own.
struct JSONGroup: Sendable {
    var path: JSONPath
    var channels: Bool
    var firstChannel: Int
    /// Where an item states its own channel number (else its position gives it).
    var channelPath: JSONPath?
    var max: Int
    var fields: [JSONField]
}

/// `decoder: {type: json}`: NB-IoT and platform payloads. Fields are looked up by path; the payload
/// size is capped (`max_bytes`), and the parser's own depth limit bounds nesting, so a payload costs
/// bounded work.
struct JSONDecoderSpec: Sendable {
    var fields: [JSONField]
    var groups: [JSONGroup]
    var maxBytes: Int
    var snapshot: Bool

    func decode(_ bytes: [UInt8], context: DecodeContext) throws(DecodeError) -> [Reading] {
        let root = try Self.parse(bytes, maxBytes: maxBytes)
        var main = ReadingDraft()
        try apply(fields, in: root, to: &main, channel: nil, item: nil, context: context)
        var readings: [Reading] = []
        for group in groups {
            guard let value = group.path.resolve(root) else { continue }
            guard case .array(let items) = value else {
                throw DecodeError(field: group.path.description, "expected an array, found \(value.fieldValue?.shown ?? "null")")
            }
            guard items.count <= group.max else {
                throw DecodeError(field: group.path.description, "\(items.count) items are more than the maximum \(group.max)")
            }
            for (i, item) in items.enumerated() {
                let place = FieldOutput.Location.Item(group: group.path.description, index: i)
                if group.channels {
                    var channel = group.firstChannel + i
                    if let path = group.channelPath, let n = path.resolve(item)?.fieldValue?.number, n.isFinite, abs(n) < 1e9 { channel = Int(n) }
                    try apply(group.fields, in: item, to: &main, channel: channel, item: place, context: context)
                } else {
                    var draft = ReadingDraft()
                    draft.at = main.at
                    try apply(group.fields, in: item, to: &draft, channel: nil, item: place, context: context)
                    readings.append(draft.reading(context, snapshot: false))
                }
            }
        }
        return [main.reading(context, snapshot: snapshot)] + readings
    }

    private func apply(
        _ fields: [JSONField], in root: JSONValue, to draft: inout ReadingDraft, channel: Int?,
        item: FieldOutput.Location.Item?, context: DecodeContext
    ) throws(DecodeError) {
        for field in fields {  // JSON parsing costs far more than this loop's retains
            let location = FieldOutput.Location(offset: nil, item: item)
            guard let value = field.path.resolve(root)?.fieldValue else {
                if field.required { throw DecodeError(field: field.output.field(location), "required field is missing") }
                continue
            }
            if case .structure = value, field.output.attribute == nil || !field.output.producesNothingButAttribute {
                throw DecodeError(field: field.output.field(location), "expected a number or text, found an object or array")
            }
            try field.output.apply(value, to: &draft, channel: channel, at: location, context: context)
        }
    }

    /// Parses a payload as JSON within the size limit; errors name the offset of the defect.
    static func parse(_ bytes: [UInt8], maxBytes: Int) throws(DecodeError) -> JSONValue {
        try checkSize(bytes, maxBytes: maxBytes)
        return try JSONText.parse(bytes)
    }

    /// Refuses an empty payload, and one over the limit before any of it is read.
    static func checkSize(_ bytes: [UInt8], maxBytes: Int) throws(DecodeError) {
        guard !bytes.isEmpty else { throw DecodeError(offset: 0, "empty payload: expected a JSON object") }
        guard bytes.count <= maxBytes else {
            throw DecodeError(offset: maxBytes, "payload is \(bytes.count) bytes, more than the \(maxBytes) this definition accepts")
        }
    }
}

extension FieldOutput {
    /// True when an attribute is all the field gives, so an object or array may be kept as it is.
    var producesNothingButAttribute: Bool {
        metric == nil && events.isEmpty && flags.isEmpty && condition == nil && invalid.isEmpty && point == nil
            && time == nil && labels.isEmpty && expect.isEmpty && range == nil
    }
}
