import FireWatchCore
import Foundation

/// What one declared field turns its value into — the same for `json`, `binary` and `tlv` fields:
/// a metric, an attribute, events (value map, bit flags, a condition), a part of the point, the
/// reading's time, and the checks that make a payload malformed (`expect`, `range`).
///
/// Every comparison (`events`, `labels`, `flags`, `invalid`, `expect`, `when`) looks at the value as
/// read, before `scale`: vendors document codes and thresholds in raw units.
struct FieldOutput: Sendable {
    /// Named in errors (`field "battery"`).
    var name: String
    var metric: String?
    var attribute: String?
    var scale = Scale()
    /// Value → text for the attribute (an enum map).
    var labels: [Labelled] = []
    /// Value → events (an enum map); a value mapped to nothing says "no event".
    var events: [Mapped] = []
    /// Bit → event, for status bytes.
    var flags: [Flag] = []
    /// `event` emitted when `when` holds.
    var condition: ConditionalEvent?
    /// Raw values that mean "no measurement" (sensor lead open, read failed): no metric, the events instead.
    var invalid: [Mapped] = []
    /// Allowed values; anything else makes the payload malformed.
    var expect: [ValueKey] = []
    var expectError: String?
    /// Values outside this range make the payload malformed.
    var range: ClosedRange<Double>?
    var point: PointField?
    var time: TimeFormat?

    struct Labelled: Sendable { let key: ValueKey; let label: String }
    struct Mapped: Sendable { let key: ValueKey; let types: [EventType] }
    struct Flag: Sendable { let bit: Int; let type: EventType; let channel: Int? }
    struct ConditionalEvent: Sendable { let type: EventType; let channel: Int?; let when: Condition }

    /// The channel of every event this field gives (flags may name their own).
    var channel: Int?

    /// Where a value came from, for errors: a byte offset (binary, tlv), the field's name or path,
    /// and the repeated item it belongs to. The message text is built only when an error is thrown.
    struct Location: Sendable {
        var offset: Int?
        var name: String
        var item: (group: String, index: Int)?

        init(offset: Int?, name: String, item: (group: String, index: Int)? = nil) {
            self.offset = offset
            self.name = name
            self.item = item
        }

        var field: String { item.map { "\($0.group)[\($0.index)].\(name)" } ?? name }
    }

    /// Applies `value` to `draft`. `channel` is the item's channel inside `as: channels` groups: it
    /// suffixes metric names (`temperature_c_2`) and tags events.
    func apply(
        _ value: FieldValue, to draft: inout ReadingDraft, channel groupChannel: Int?, at location: Location,
        timeZone: TimeZone
    ) throws(DecodeError) {
        try check(value, at: location)
        let channel = self.channel ?? groupChannel
        if let hit = invalid.first(where: { value.matches($0.key) }) {
            for type in hit.types { draft.add(DeviceEvent(type, channel: channel)) }
            return
        }
        if let metric {
            guard let n = value.number, n.isFinite else {
                throw DecodeError(offset: location.offset, field: location.field, "expected a number, found \(value.shown)")
            }
            draft.metrics[groupChannel.map { "\(metric)_\($0)" } ?? metric] = scale.apply(n)
        }
        if let attribute { draft.attributes[attribute] = attributeValue(value) }
        if let hit = events.first(where: { value.matches($0.key) }) {
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
        if let point { draft.setPoint(point, value) }
        if let time {
            guard let date = time.date(value, timeZone: timeZone) else {
                throw DecodeError(offset: location.offset, field: location.field, "\(value.shown) is not a valid \(time.rawValue) time")
            }
            draft.at = date
        }
    }

    /// `expect` and `range`: the checks that make a payload malformed rather than merely unusual.
    func check(_ value: FieldValue, at location: Location) throws(DecodeError) {
        if !expect.isEmpty, !expect.contains(where: value.matches) {
            let wanted = expect.map(\.text).joined(separator: " or ")
            let reason = expectError.map { "\($0): " } ?? ""
            throw DecodeError(offset: location.offset, field: location.field, "\(reason)expected \(wanted), found \(value.shown)")
        }
        if let range, let n = value.number, !range.contains(n) {
            throw DecodeError(
                offset: location.offset, field: location.field,
                "\(value.shown) is outside the valid range \(FieldValue.integerText(range.lowerBound))...\(FieldValue.integerText(range.upperBound))")
        }
    }

    func attributeValue(_ value: FieldValue) -> JSONValue {
        if let label = labels.first(where: { value.matches($0.key) }) { return .string(label.label) }
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
