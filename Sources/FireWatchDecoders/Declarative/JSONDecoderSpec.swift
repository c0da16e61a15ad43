import FireWatchCore
import Foundation

/// One field of a JSON decoder: a path and what its value becomes.
struct JSONField: Sendable {
    var path: JSONPath
    /// A missing required field makes the payload malformed; optional ones are simply skipped.
    var required: Bool
    var output: FieldOutput
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
                let place = (group.path.description, i)
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
        item: (group: String, index: Int)?, context: DecodeContext
    ) throws(DecodeError) {
        for field in fields {
            let location = FieldOutput.Location(offset: nil, name: field.path.description, item: item)
            guard let value = field.path.resolve(root)?.fieldValue else {
                if field.required { throw DecodeError(field: location.field, "required field is missing") }
                continue
            }
            if case .structure = value, field.output.attribute == nil || !field.output.producesNothingButAttribute {
                throw DecodeError(field: location.field, "expected a number or text, found an object or array")
            }
            try field.output.apply(value, to: &draft, channel: channel, at: location, timeZone: context.timeZone)
        }
    }

    /// Parses a payload as JSON; the error names the position the parser stopped at when it says so.
    static func parse(_ bytes: [UInt8], maxBytes: Int) throws(DecodeError) -> JSONValue {
        guard !bytes.isEmpty else { throw DecodeError(offset: 0, "empty payload: expected a JSON object") }
        guard bytes.count <= maxBytes else {
            throw DecodeError(offset: maxBytes, "payload is \(bytes.count) bytes, more than the \(maxBytes) this definition accepts")
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch let DecodingError.dataCorrupted(context) {
            let detail = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            throw DecodeError(offset: nil, "not valid JSON: \(detail ?? context.debugDescription)")
        } catch {
            throw DecodeError(offset: nil, "not valid JSON: \(error)")
        }
    }
}

extension FieldOutput {
    /// True when an attribute is all the field gives, so an object or array may be kept as it is.
    var producesNothingButAttribute: Bool {
        var copy = self
        copy.attribute = nil
        return copy.producesNothing && labels.isEmpty && expect.isEmpty && range == nil
    }
}
