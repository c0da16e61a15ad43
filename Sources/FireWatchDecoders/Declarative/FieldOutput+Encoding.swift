import FireWatchCore
import Foundation

/// The encode direction of one field: which value makes the decoder give back what a sample says.
extension FieldOutput {
    /// What this field can say, for picking the layout or records that cover a sample best.
    func items(channel groupChannel: Int?) -> [SampleItem] {
        let channel = self.channel ?? groupChannel
        var out: [SampleItem] = []
        if let metric = metricName(channel: groupChannel) { out.append(.metric(metric)) }
        if let attribute { out.append(.attribute(attribute)) }
        for entry in events + invalid { out += entry.types.map { .event($0, channel) } }
        out += flags.map { .event($0.type, $0.channel ?? channel) }
        if let condition { out.append(.event(condition.type, condition.channel ?? channel)) }
        return out
    }

    /// The value to write, or nil when the sample says nothing this field carries (the encoder then
    /// writes zero or leaves the field out).
    func encodedValue(for sample: DeviceSample, channel groupChannel: Int?, timeZone: TimeZone) -> FieldValue? {
        if let constant { return constant.value }
        if let first = expect.first { return first.value }
        if let time { return time.value(sample.at, timeZone: timeZone) }
        let channel = self.channel ?? groupChannel
        let metricKey = metricName(channel: groupChannel)
        var value: FieldValue?
        if let hit = invalid.first(where: { entry in
            !entry.types.isEmpty && entry.types.allSatisfy { sample.has($0, channel: channel) }
        }), metricKey.flatMap({ sample.metrics[$0] }) == nil {
            return hit.key.value
        }
        if let name = metricKey, let v = sample.metrics[name] {
            value = .number(scale.invert(v), bits: nil)
        } else if let attribute, let v = sample.attributes[attribute] {
            value = attributeRaw(v)
        }
        if let hit = events.first(where: { entry in
            !entry.types.isEmpty && entry.types.allSatisfy { sample.has($0, channel: channel) }
        }) {
            value = hit.key.value
        } else if value == nil, let quiet = events.first(where: \.types.isEmpty) {
            value = quiet.key.value
        }
        if let condition {
            let wanted = sample.has(condition.type, channel: condition.channel ?? channel)
            let current = value ?? .number(0, bits: nil)
            if condition.when.holds(for: current) != wanted { value = condition.when.witness(wanted) ?? value }
        }
        if !flags.isEmpty {
            var bits = value.flatMap(Self.bits) ?? 0
            for flag in flags where sample.has(flag.type, channel: flag.channel ?? channel) { bits |= 1 << UInt64(flag.bit) }
            if bits != 0 || value != nil { value = .number(Double(bits), bits: bits) }
        }
        if value == nil, let point, let p = sample.point {
            value = Self.pointValue(point, p).map { v in v.number.map { .number(scale.invert($0), bits: nil) } ?? v }
        }
        if value == nil, let typical { value = .number(scale.invert(typical), bits: nil) }
        return value
    }

    /// An attribute's raw value: the label's key, the unscaled number, or the text itself.
    private func attributeRaw(_ v: JSONValue) -> FieldValue? {
        switch v {
        case .string(let s):
            if let label = labels.first(where: { $0.label == s }) { return label.key.value }
            return .text(s)
        case .number(let n): return .number(scale.invert(n), bits: nil)
        case .bool(let b): return .flag(b)
        default: return .structure(v)
        }
    }

    private static func pointValue(_ field: PointField, _ p: Point) -> FieldValue? {
        let int: Int?
        switch field {
        case .systemType: int = p.systemType
        case .systemAddress: int = p.systemAddress
        case .componentType: int = p.componentType
        case .zone: int = p.zone
        case .position: int = p.position
        case .channel: int = p.channel
        case .description: return p.description.map(FieldValue.text)
        }
        return int.map { .number(Double($0), bits: nil) }
    }
}
