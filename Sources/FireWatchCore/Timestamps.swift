import Foundation

/// RFC 3339 timestamps with an explicit offset, as every FireWatch JSON shape uses.
public enum Timestamps {
    /// Formats `date` as `2026-03-14T15:09:26+08:00` in `timeZone` (milliseconds when not whole).
    /// Arithmetic, not Calendar: it runs for every date of every JSON document the daemon writes.
    public static func string(_ date: Date, in timeZone: TimeZone = .current) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        let local = date.timeIntervalSince1970 + Double(offset)
        let whole = local.rounded(.down)
        var millis = Int(((local - whole) * 1000).rounded())
        var seconds = Int(whole)
        if millis >= 1000 { millis -= 1000; seconds += 1 }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (y, m, d) = civil(fromDays: days)
        var out = ""
        out.reserveCapacity(29)
        func pad(_ v: Int, _ width: Int) {
            let text = String(v)
            if text.count < width { out += String(repeating: "0", count: width - text.count) }
            out += text
        }
        pad(y, 4); out += "-"; pad(m, 2); out += "-"; pad(d, 2); out += "T"
        pad(secondOfDay / 3600, 2); out += ":"; pad(secondOfDay % 3600 / 60, 2); out += ":"; pad(secondOfDay % 60, 2)
        if millis > 0 { out += "."; pad(millis, 3) }
        if offset == 0 { return out + "Z" }
        out += offset < 0 ? "-" : "+"
        pad(abs(offset) / 3600, 2); out += ":"; pad(abs(offset) % 3600 / 60, 2)
        return out
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    public static func civil(fromDays z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Parses RFC 3339 with or without fractional seconds; nil when malformed. Hand-parsed: it runs
    /// once per LoRaWAN uplink, and a Foundation date formatter per call was most of the pipeline's time.
    public static func parse(_ text: String) -> Date? {
        var utf8 = text.utf8[...]
        func number(_ digits: Int) -> Int? {
            guard utf8.count >= digits else { return nil }
            var v = 0
            for _ in 0..<digits {
                let c = utf8.removeFirst()
                guard c >= 0x30, c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            return v
        }
        func expect(_ chars: String) -> Bool {
            guard let c = utf8.first, chars.utf8.contains(c) else { return false }
            utf8.removeFirst()
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2), expect("Tt "),
              let hour = number(2), expect(":"), let minute = number(2), expect(":"), let second = number(2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60
        else { return nil }
        var fraction = 0.0
        if utf8.first == UInt8(ascii: ".") {
            utf8.removeFirst()
            var scale = 0.1
            var any = false
            while let c = utf8.first, c >= 0x30, c <= 0x39 {
                fraction += Double(c - 0x30) * scale
                scale /= 10
                any = true
                utf8.removeFirst()
            }
            guard any else { return nil }
        }
        var offset = 0
        if expect("Zz") {
            offset = 0
        } else if let sign = utf8.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            utf8.removeFirst()
            guard let oh = number(2), expect(":"), let om = number(2), oh < 24, om < 60 else { return nil }
            offset = (oh * 3600 + om * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        guard utf8.isEmpty else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
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
