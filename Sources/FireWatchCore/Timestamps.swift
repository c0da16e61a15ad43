import Foundation

/// RFC 3339 timestamps with an explicit offset, as every FireWatch JSON shape uses.
public enum Timestamps {
    /// Formats `date` as `2026-03-14T15:09:26+08:00` in `timeZone` (milliseconds when not whole).
    public static func string(_ date: Date, in timeZone: TimeZone = .current) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        let local = date.addingTimeInterval(TimeInterval(offset))
        let seconds = local.timeIntervalSince1970
        let whole = floor(seconds)
        let millis = Int(((seconds - whole) * 1000).rounded())
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(secondsFromGMT: 0)!
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: whole))
        var s = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
        if millis > 0 && millis < 1000 { s += String(format: ".%03d", millis) }
        if offset == 0 { return s + "Z" }
        let sign = offset < 0 ? "-" : "+"
        let abs = Swift.abs(offset)
        return s + String(format: "%@%02d:%02d", sign, abs / 3600, (abs % 3600) / 60)
    }

    /// Parses RFC 3339 with or without fractional seconds; nil when malformed.
    public static func parse(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = withFraction.date(from: text) { return d }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        return plain.date(from: text)
    }

    /// A JSON encoder writing dates as RFC 3339 with the offset of `timeZone` and sorted keys.
    public static func encoder(timeZone: TimeZone = .current) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(Timestamps.string(date, in: timeZone))
        }
        return e
    }

    /// A JSON decoder reading RFC 3339 dates.
    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let s = try c.decode(String.self)
            guard let date = Timestamps.parse(s) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an RFC 3339 time: \(s)")
            }
            return date
        }
        return d
    }
}

/// Parses durations such as `10m`, `2h`, `30s`, `1d`, `90` (seconds).
public enum Durations {
    public static func seconds(_ text: String) -> TimeInterval? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let last = t.last else { return nil }
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        if let unit = units[last], let n = Double(t.dropLast()), n >= 0 { return n * unit }
        if let n = Double(t), n >= 0 { return n }
        return nil
    }
}
