import FireWatchCore
import Foundation

/// A reading being assembled from the fields of one payload (or of one repeated item), before it
/// knows its device and time.
struct ReadingDraft: Sendable {
    var at: Date?
    var point: Point?
    var metrics: [String: Double] = [:]
    var events: [DeviceEvent] = []
    var attributes: [String: JSONValue] = [:]

    /// Adds `event` unless the same type on the same channel is already there: two fields may say the
    /// same thing (an alarm bit and an alarm code), and rules count events, not fields.
    mutating func add(_ event: DeviceEvent) {
        if !events.contains(where: { $0.type == event.type && $0.channel == event.channel }) { events.append(event) }
    }

    mutating func add(_ types: [EventType], channel: Int? = nil) {
        for type in types { add(DeviceEvent(type, channel: channel)) }
    }

    mutating func setPoint(_ field: PointField, _ value: FieldValue) {
        var p = point ?? Point()
        let int = value.number.flatMap { $0.isFinite && abs($0) < 1e15 ? Int($0) : nil }
        switch field {
        case .systemType: p.systemType = int
        case .systemAddress: p.systemAddress = int
        case .componentType: p.componentType = int
        case .zone: p.zone = int
        case .position: p.position = int
        case .channel: p.channel = int
        case .description:
            if case .text(let s) = value { p.description = s } else { p.description = value.number.map(FieldValue.integerText) }
        }
        point = p
    }

    func reading(_ context: DecodeContext, snapshot: Bool) -> Reading {
        Reading(
            device: context.device, model: context.model, at: at ?? context.receivedAt, point: point,
            metrics: metrics, events: events, attributes: attributes, snapshot: snapshot)
    }
}

/// Which part of a reading's `point` a field fills.
enum PointField: String, CaseIterable, Sendable {
    case systemType = "system_type", systemAddress = "system_address", componentType = "component_type"
    case zone, position, channel, description
}

/// `metric = raw × scale + add`. A scale like 0.1 divides by 10 instead of multiplying, so 235 gives
/// 23.5 rather than 23.500000000000004 in stored readings and in example comparisons.
struct Scale: Hashable, Sendable {
    let factor: Double
    let add: Double
    private let divisor: Double?

    init(factor: Double = 1, add: Double = 0) {
        self.factor = factor
        self.add = add
        let inverse = 1 / factor
        let rounded = inverse.rounded()
        divisor = abs(factor) < 1 && factor != 0 && abs(inverse - rounded) < 1e-9 ? rounded : nil
    }

    var isIdentity: Bool { factor == 1 && add == 0 }

    func apply(_ raw: Double) -> Double {
        if let divisor { return raw / divisor + add }
        return raw * factor + add
    }

    /// The raw value that gives `value` (rounded to a whole raw unit), for the encode direction.
    func invert(_ value: Double) -> Double {
        let raw = divisor.map { (value - add) * $0 } ?? (value - add) / factor
        return raw.rounded()
    }
}

/// How a field's value is a time, making it the reading's `at`.
enum TimeFormat: String, CaseIterable, Sendable {
    /// Seconds since 1970 (UTC).
    case unix
    /// Milliseconds since 1970 (UTC).
    case unixMilliseconds = "unix_ms"
    /// RFC 3339 text with an offset.
    case rfc3339
    /// Local wall-clock time of the device in the configured time zone: `2026-03-14 15:09:26`,
    /// `20260314150926` or `260314150926` (BCD digits read as `hex`).
    case local

    func date(_ value: FieldValue, timeZone: TimeZone) -> Date? {
        switch self {
        case .unix: return value.number.map { Date(timeIntervalSince1970: $0) }
        case .unixMilliseconds: return value.number.map { Date(timeIntervalSince1970: $0 / 1000) }
        case .rfc3339:
            guard case .text(let s) = value else { return nil }
            return Timestamps.parse(s)
        case .local:
            guard case .text(let s) = value else { return nil }
            return LocalTime.parse(s, timeZone: timeZone)
        }
    }

    func value(_ date: Date, timeZone: TimeZone) -> FieldValue {
        switch self {
        case .unix: .number(date.timeIntervalSince1970.rounded(.down), bits: nil)
        case .unixMilliseconds: .number((date.timeIntervalSince1970 * 1000).rounded(), bits: nil)
        case .rfc3339: .text(Timestamps.string(date, in: timeZone))
        case .local: .text(LocalTime.format(date, timeZone: timeZone))
        }
    }
}

/// Wall-clock times without an offset, placed in a time zone; every date is checked (no 30 February).
enum LocalTime {
    static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        // Hex digits a-f mean the bytes were not BCD: refuse rather than skip them.
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || " -:T/.".contains($0)) }) else { return nil }
        let digits = text.filter(\.isNumber).compactMap(\.wholeNumberValue)
        let fields: [Int]
        switch digits.count {
        case 14: fields = [4, 2, 2, 2, 2, 2]
        case 12: fields = [2, 2, 2, 2, 2, 2]
        default: return nil
        }
        var values: [Int] = []
        var i = 0
        for width in fields {
            values.append(digits[i..<(i + width)].reduce(0) { $0 * 10 + $1 })
            i += width
        }
        let year = fields[0] == 2 ? 2000 + values[0] : values[0]
        let (month, day, hour, minute, second) = (values[1], values[2], values[3], values[4], values[5])
        guard (1...12).contains(month), day >= 1, hour < 24, minute < 60, second < 60 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components),
            calendar.component(.day, from: date) == day
        else { return nil }
        return date
    }

    static func format(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}
