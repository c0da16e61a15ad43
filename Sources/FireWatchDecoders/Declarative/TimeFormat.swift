import FireWatchCore
import Foundation

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
/// Calendar arithmetic is done by hand: `Calendar` costs microseconds per date, and a gas detector
/// sends one with every frame.
enum LocalTime {
    static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        // One pass, no allocation: digits accumulate into one number, separators are skipped, and
        // hex digits a-f (bytes that were not BCD) or anything else refuse the text.
        var number = 0, count = 0
        for c in text.utf8 {
            if c >= 0x30 && c <= 0x39 {
                guard count < 14 else { return nil }
                number = number * 10 + Int(c - 0x30)
                count += 1
            } else if !(c == 0x20 || c == 0x2D || c == 0x3A || c == 0x54 || c == 0x2F || c == 0x2E) {
                return nil
            }
        }
        guard count == 12 || count == 14 else { return nil }
        let second = number % 100, minute = number / 100 % 100, hour = number / 10_000 % 100
        let day = number / 1_000_000 % 100, month = number / 100_000_000 % 100
        let yearDigits = number / 10_000_000_000
        let year = count == 12 ? 2000 + yearDigits : yearDigits
        guard (1...12).contains(month), day >= 1, day <= daysIn(month, year), hour < 24, minute < 60, second < 60 else { return nil }
        let wall = Double(daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
        // The offset in force at that wall time: look it up at the wall time read as UTC, then again
        // at the instant that gives, so a change of offset (DST) between the two is honoured.
        var offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: wall))
        offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: wall - Double(offset)))
        return Date(timeIntervalSince1970: wall - Double(offset))
    }

    static func format(_ date: Date, timeZone: TimeZone) -> String {
        let local = Int((date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))).rounded(.down))
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let seconds = local - days * 86_400
        let (y, m, d) = civilFromDays(days)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, seconds / 3600, seconds % 3600 / 60, seconds % 60)
    }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Calendar arithmetic lives in one place: `Timestamps` (Core).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        Timestamps.daysFromCivil(year: year, month: month, day: day)
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        Timestamps.civil(fromDays: days)
    }
}
