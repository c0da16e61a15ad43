import FireWatchCore
import Foundation

/// What one declared field turns its value into — the same for `json`, `binary` and `tlv` fields:
/// a metric, an attribute, events (value map, bit flags, a condition), a part of the point, the
/// reading's time, and the checks that make a payload malformed (`expect`, `range`).
///
/// Every comparison (`events`, `labels`, `flags`, `invalid`, `expect`, `when`) looks at the value as
/// read, before `scale`: vendors document codes and thresholds in raw units.
///
/// A class: it is shared by every payload the field is read from, never copied per payload.
final class FieldOutput: Sendable {
    /// Named in errors (`field "battery"`).
    let name: String
    let metric: String?
    let attribute: String?
    let scale: Scale
    /// Value → text for the attribute (an enum map).
    let labels: [Labelled]
    /// Value → events (an enum map); a value mapped to nothing says "no event".
    let events: [Mapped]
    /// Bit → event, for status bytes.
    let flags: [Flag]
    /// `event` emitted when `when` holds.
    let condition: ConditionalEvent?
    /// Raw values that mean "no measurement" (sensor lead open, read failed): no metric, the events instead.
    let invalid: [Mapped]
    /// Allowed values; anything else makes the payload malformed.
    let expect: [ValueKey]
    let expectError: String?
    /// Values outside this range make the payload malformed.
    let range: ClosedRange<Double>?
    let point: PointField?
    let time: TimeFormat?
    /// The channel of every event this field gives (flags may name their own).
    let channel: Int?
    /// Encode direction: the raw value this field always has (a version or device-type byte).
    let constant: ValueKey?
    /// Encode direction: the value, in the metric's units, written when a sample does not give it
    /// (a battery at 3.6 V rather than 0 V).
    let typical: Double?
    /// `metric_N` for channels 0...16, built once: string interpolation per payload and channel
    /// would cost more than the rest of a field's decoding.
    private let channelMetrics: [String]

    init(
        name: String, metric: String? = nil, attribute: String? = nil, scale: Scale = Scale(), labels: [Labelled] = [],
        events: [Mapped] = [], flags: [Flag] = [], condition: ConditionalEvent? = nil, invalid: [Mapped] = [],
        expect: [ValueKey] = [], expectError: String? = nil, range: ClosedRange<Double>? = nil, point: PointField? = nil,
        time: TimeFormat? = nil, channel: Int? = nil, constant: ValueKey? = nil, typical: Double? = nil
    ) {
        self.name = name
        self.metric = metric
        self.attribute = attribute
        self.scale = scale
        self.labels = labels
        self.events = events
        self.flags = flags
        self.condition = condition
        self.invalid = invalid
        self.expect = expect
        self.expectError = expectError
        self.range = range
        self.point = point
        self.time = time
        self.channel = channel
        self.constant = constant
        self.typical = typical
        self.channelMetrics = metric.map { m in (0...16).map { "\(m)_\($0)" } } ?? []
    }

    /// The metric's name for an item of a channel group (`temperature_c_2`), or its plain name.
    func metricName(channel: Int?) -> String? {
        guard let metric else { return nil }
        guard let channel else { return metric }
        return channel >= 0 && channel < channelMetrics.count ? channelMetrics[channel] : "\(metric)_\(channel)"
    }

    struct Labelled: Sendable { let key: ValueKey; let label: String }
    struct Mapped: Sendable { let key: ValueKey; let types: [EventType] }
    struct Flag: Sendable { let bit: Int; let type: EventType; let channel: Int? }
    struct ConditionalEvent: Sendable { let type: EventType; let channel: Int?; let when: Condition }

    /// Where a value came from, for errors: a byte offset (binary, tlv) and the repeated item it
    /// belongs to; the field's own name completes it. Text is built only when an error is thrown.
    struct Location: Sendable {
        var offset: Int?
        var item: Item?

        /// A repeated item: the group and the item's index in it.
        struct Item: Sendable {
            var group: String
            var index: Int
        }

        init(offset: Int?, item: Item? = nil) {
            self.offset = offset
            self.item = item
        }
    }

    /// The field's name as errors show it: `records[2].pressure` inside a group.
    func field(_ location: Location) -> String {
        location.item.map { "\($0.group)[\($0.index)].\(name)" } ?? name
    }

    /// Applies `value` to `draft`. `channel` is the item's channel inside `as: channels` groups: it
    /// suffixes metric names (`temperature_c_2`) and tags events.
    /// `factor`: another field's value this one is multiplied by (`multiply_by`), before `scale`.
    func apply(
        _ value: FieldValue, to draft: inout ReadingDraft, channel groupChannel: Int?, at location: Location,
        context: DecodeContext, factor: Double = 1
    ) throws(DecodeError) {
        if !expect.isEmpty || range != nil { try check(value, at: location) }
        let channel = self.channel ?? groupChannel
        if !invalid.isEmpty, let hit = invalid.first(where: { value.matches($0.key) }) {
            for type in hit.types { draft.add(DeviceEvent(type, channel: channel)) }
            return
        }
        if let metric = metricName(channel: groupChannel) {
            guard let n = value.number, n.isFinite else {
                throw DecodeError(offset: location.offset, field: field(location), "expected a number, found \(value.shown)")
            }
            draft.metrics[metric] = scale.apply(factor == 1 ? n : n * factor)
        }
        if let attribute { draft.attributes[attribute] = attributeValue(value) }
        if !events.isEmpty, let hit = events.first(where: { value.matches($0.key) }) {
            for type in hit.types { draft.add(DeviceEvent(type, channel: channel)) }
        }
        if !flags.isEmpty, let bits = Self.bits(value) {
            for flag in flags where bits & (1 << UInt64(flag.bit)) != 0 {
                draft.add(DeviceEvent(flag.type, channel: flag.channel ?? channel))
            }
        }
        if let condition, condition.when.holds(for: value) {
            draft.add(DeviceEvent(condition.type, channel: condition.channel ?? channel))
        }
        if let point {
            // `add` (and `scale`) place a point too: a 0-based channel byte read as 1-based.
            if !scale.isIdentity, let n = value.number { draft.setPoint(point, .number(scale.apply(n), bits: nil)) } else { draft.setPoint(point, value) }
        }
        if let time {
            guard let date = time.date(value, timeZone: context.timeZone) else {
                throw DecodeError(offset: location.offset, field: field(location), "\(value.shown) is not a valid \(time.rawValue) time")
            }
            draft.at = date
        }
    }

    /// `expect` and `range`: the checks that make a payload malformed rather than merely unusual.
    func check(_ value: FieldValue, at location: Location) throws(DecodeError) {
        if !expect.isEmpty, !expect.contains(where: value.matches) {
            let wanted = expect.map(\.text).joined(separator: " or ")
            let reason = expectError.map { "\($0): " } ?? ""
            throw DecodeError(offset: location.offset, field: field(location), "\(reason)expected \(wanted), found \(value.shown)")
        }
        if let range, let n = value.number, !range.contains(n) {
            throw DecodeError(
                offset: location.offset, field: field(location),
                "\(value.shown) is outside the valid range \(FieldValue.integerText(range.lowerBound))...\(FieldValue.integerText(range.upperBound))")
        }
    }

    func attributeValue(_ value: FieldValue) -> JSONValue {
        if !labels.isEmpty, let label = labels.first(where: { value.matches($0.key) }) { return .string(label.label) }
        if !scale.isIdentity, let n = value.number { return .number(scale.apply(n)) }
        return value.json
    }

    /// The bit pattern of an integer value, for `flags`.
    static func bits(_ value: FieldValue) -> UInt64? {
        switch value {
        case .number(_, let bits?): return bits
        case .number(let n, nil): return n >= 0 && n < 1.8e19 && n.rounded() == n ? UInt64(n) : nil
        case .flag(let b): return b ? 1 : 0
        case .text(let s): return UInt64(s)
        case .structure: return nil
        }
    }

    /// True when the field only checks the payload or places it (markers, counts), so an encoder
    /// or a coverage count can pass it by.
    var producesNothing: Bool {
        metric == nil && attribute == nil && events.isEmpty && flags.isEmpty && condition == nil && invalid.isEmpty
            && point == nil && time == nil
    }
}
