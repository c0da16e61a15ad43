import FireWatchCore
import Foundation

/// How definitions spell numbers, events and metrics, checked at load time so a mistake is reported
/// with file:line instead of showing up as a missing reading in production.
enum SpecSyntax {
    /// Metric names of VOCABULARY.md; a channel is a `_N` suffix (`temperature_c_2`).
    static let metrics: Set<String> = [
        "temperature_c", "humidity_pct", "smoke_pct", "battery_pct", "battery_v", "signal_dbm",
        "residual_current_ma", "current_a", "current_max_a", "current_min_a", "voltage_v", "pressure_mpa",
        "pressure_kpa", "level_m", "gas_lel_pct", "flow_lps", "air_flow_m3min", "wind_speed_ms", "event_count",
        "duration_s",
    ]

    /// `12`, `-3`, `0x0a`, `0b101`, `1.5`, `true`/`false` → a number; nil for other text.
    static func number(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "true" { return 1 }
        if t == "false" { return 0 }
        let negative = t.hasPrefix("-")
        let body = negative ? String(t.dropFirst()) : t
        var magnitude: Double?
        if body.hasPrefix("0x") { magnitude = UInt64(body.dropFirst(2), radix: 16).map { Double($0) } }
        else if body.hasPrefix("0b") { magnitude = UInt64(body.dropFirst(2), radix: 2).map { Double($0) } }
        else if let d = Double(body), d.isFinite, body.first?.isNumber == true { magnitude = d }
        return magnitude.map { negative ? -$0 : $0 }
    }

    /// `text` as a whole number of at most 15 digits, nil otherwise (never traps on huge or fractional text).
    static func wholeNumber(_ text: String) -> Int? {
        guard let n = number(text), n.rounded() == n, abs(n) < 1e15 else { return nil }
        return Int(n)
    }

    /// A whole number written in decimal or 0x/0b form.
    static func integer(_ value: YAMLValue) throws(SourceError) -> Int {
        guard let n = wholeNumber(try value.string()) else {
            throw value.error("must be a whole number (decimal, 0x hex or 0b binary)")
        }
        return n
    }

    /// A whole number within `range`.
    static func integer(_ value: YAMLValue, in range: ClosedRange<Int>, _ what: String) throws(SourceError) -> Int {
        let n = try integer(value)
        guard range.contains(n) else { throw value.error("\(what) must be within \(range.lowerBound)...\(range.upperBound), not \(n)") }
        return n
    }

    /// A finite number.
    static func double(_ value: YAMLValue) throws(SourceError) -> Double {
        guard let n = number(try value.string()), n.isFinite else { throw value.error("must be a number") }
        return n
    }

    /// An event type of VOCABULARY.md.
    static func event(_ value: YAMLValue) throws(SourceError) -> EventType {
        let name = try value.string()
        guard let type = EventType(rawValue: name) else {
            throw value.error("unknown event type \"\(name)\" (VOCABULARY.md)")
        }
        return type
    }

    /// One event or a list of them; `null` or `[]` for none.
    static func events(_ value: YAMLValue) throws(SourceError) -> [EventType] {
        if value.isNull { return [] }
        if case .sequence = value.node {
            var out: [EventType] = []
            for item in try value.list() { out.append(try event(item)) }
            return out
        }
        return [try event(value)]
    }

    /// A metric name of VOCABULARY.md, optionally with a `_N` channel suffix.
    static func metric(_ value: YAMLValue) throws(SourceError) -> String {
        let name = try value.string()
        guard isMetric(name) else {
            throw value.error("unknown metric \"\(name)\" (VOCABULARY.md: \(metrics.sorted().joined(separator: ", ")), optionally with a _N channel suffix)")
        }
        return name
    }

    static func isMetric(_ name: String) -> Bool {
        if metrics.contains(name) { return true }
        guard let underscore = name.lastIndex(of: "_") else { return false }
        let suffix = name[name.index(after: underscore)...]
        return !suffix.isEmpty && suffix.allSatisfy(\.isNumber) && metrics.contains(String(name[..<underscore]))
    }

    /// An attribute name: snake_case words, as every FireWatch JSON key.
    static func attribute(_ value: YAMLValue) throws(SourceError) -> String {
        let name = try value.string()
        guard !name.isEmpty, name.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" }), name.first?.isLetter == true else {
            throw value.error("attribute name \"\(name)\" must be snake_case (a-z, 0-9, _)")
        }
        return name
    }

    /// One of `choices`.
    static func choice(_ value: YAMLValue, _ choices: [String]) throws(SourceError) -> String {
        let text = try value.string()
        guard choices.contains(text) else { throw value.error("must be one of \(choices.joined(separator: ", ")), not \"\(text)\"") }
        return text
    }

    /// `big` or `little`, as a flag.
    static func bigEndian(_ value: YAMLValue?, default fallback: Bool) throws(SourceError) -> Bool {
        guard let value else { return fallback }
        return try choice(value, ["big", "little"]) == "big"
    }

    /// A list of keys: one scalar or a list of scalars.
    static func keys(_ value: YAMLValue) throws(SourceError) -> [ValueKey] {
        if case .sequence = value.node {
            var out: [ValueKey] = []
            for item in try value.list() { out.append(ValueKey(try item.string())) }
            return out
        }
        return [ValueKey(try value.string())]
    }

    /// A mapping or a list of mappings, as a list.
    static func oneOrMany(_ value: YAMLValue) throws(SourceError) -> [YAMLValue] {
        if case .sequence = value.node { return try value.list() }
        return [value]
    }
}
