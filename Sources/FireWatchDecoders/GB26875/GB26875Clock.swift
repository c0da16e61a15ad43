import Foundation

/// Reads the protocol's 6-byte times (second, minute, hour, day, month, year-2000). UITDs send
/// their local wall-clock time without an offset, so the definition's time zone places it.
struct GB26875Clock: Sendable {
    static let byteCount = 6
    private let calendar: Calendar

    init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// Reads one time. An impossible date (month 13, 30 February, minute 75) throws naming the offset
    /// of the time's first byte: a reading at a made-up instant would mislead every rule downstream.
    func read(_ reader: inout ByteReader, _ field: String) throws(DecodeError) -> Date {
        let start = reader.offset
        let b = try reader.readBytes(Self.byteCount, field).map(Int.init)
        let (second, minute, hour, day, month, year) = (b[0], b[1], b[2], b[3], b[4], 2000 + b[5])
        let valid = second < 60 && minute < 60 && hour < 24 && (1...12).contains(month)
            && (1...Self.days(inMonth: month, year: year)).contains(day)
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard valid, let date = calendar.date(from: components) else {
            let shown = String(format: "%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour, minute, second)
            throw DecodeError(
                offset: start, field: field,
                "invalid time \(shown) (bytes are second, minute, hour, day, month, year-2000)"
            )
        }
        return date
    }

    private static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// A frame's 6-byte time label as a date, for the centre's clock check; nil when it is no real time.
public enum GB26875TimeLabel {
    public static func date(_ label: [UInt8], timeZone: TimeZone) -> Date? {
        guard label.count == GB26875Clock.byteCount else { return nil }
        var reader = ByteReader(label, from: 0)
        return try? GB26875Clock(timeZone: timeZone).read(&reader, "time_label")
    }
}
