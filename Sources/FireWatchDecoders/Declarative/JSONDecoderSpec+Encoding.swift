import FireWatchCore
import Foundation

/// The encode direction of JSON decoders: every field the sample has a value for, at its path;
/// channel groups get one array item per channel the sample names.
extension JSONDecoderSpec {
    func encode(_ sample: DeviceSample, timeZone: TimeZone) throws(EncodeError) -> EncodedPayload {
        let sample = sample.fitted(to: Set(fields.flatMap { $0.output.items(channel: nil) }))
        var root: JSONValue = .object([:])
        set(fields, from: sample, channel: nil, in: &root, timeZone: timeZone)
        for group in groups where group.channels {
            var channels = Set(sample.channels).sorted()
            // Without a channel path an item's position is its channel: fill every position up to the last.
            if group.channelPath == nil, let last = channels.last, last >= group.firstChannel {
                channels = Array(group.firstChannel...last)
            }
            var items: [JSONValue] = []
            for channel in channels.prefix(group.max) {
                var item: JSONValue = .object([:])
                if let path = group.channelPath { path.set(.number(Double(channel)), in: &item) }
                set(group.fields, from: sample, channel: channel, in: &item, timeZone: timeZone)
                items.append(item)
            }
            if !items.isEmpty { group.path.set(.array(items), in: &root) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(root) else { throw EncodeError("the sample cannot be written as JSON") }
        return EncodedPayload(bytes: Array(data))
    }

    private func set(_ fields: [JSONField], from sample: DeviceSample, channel: Int?, in root: inout JSONValue, timeZone: TimeZone) {
        for field in fields {
            var value = field.output.encodedValue(for: sample, channel: channel, timeZone: timeZone)
            if value == nil, field.required { value = .number(0, bits: nil) }
            if let value { field.path.set(value.json, in: &root) }
        }
    }
}
