import FireWatchCore

/// How one analog type becomes a metric: its normalized name and the value of one raw unit.
struct GB26875AnalogMetric: Hashable, Sendable {
    let metric: String
    let scale: Double

    /// The raw int16 in metric units. A scale like 0.1 divides by 10 instead of multiplying, so
    /// 875 gives 87.5 and 3 gives 0.3 rather than 0.30000000000000004 in stored readings.
    func value(_ raw: Int16) -> Double {
        let raw = Double(raw)
        guard scale != 0, abs(scale) < 1 else { return raw * scale }
        let divisor = (1 / scale).rounded()
        return abs(1 / scale - divisor) < 1e-9 ? raw / divisor : raw * scale
    }
}

/// The analog types in force for one definition: the standard's table, overridden or extended by the
/// definition's `analog_types` option. Field variants report electrical-fire data (residual current,
/// cable temperature) under user-defined types 0x80+ whose meaning only the definition knows.
struct GB26875AnalogTypes: Sendable {
    private let mappings: [UInt8: GB26875AnalogMetric]

    static let optionName = "analog_types"
    private static let example = #"{"128": {"metric": "residual_current_ma", "scale": 1}}"#

    /// Reads `options["analog_types"]`; throws naming the option path when it is malformed, so the
    /// definition's author learns what to fix rather than seeing the metrics silently missing.
    init(options: [String: JSONValue]) throws(DecodeError) {
        var mappings = GB26875CodeTables.analogTypes
        guard let option = options[Self.optionName] else {
            self.mappings = mappings
            return
        }
        guard case .object(let entries) = option else {
            throw DecodeError(field: Self.optionName, "must be an object like \(Self.example)")
        }
        for (key, entry) in entries {
            let path = "\(Self.optionName).\(key)"
            guard let type = Self.analogType(key) else {
                throw DecodeError(field: path, "key must be an analog type 0–255 (decimal or 0x hex)")
            }
            mappings[type] = try Self.metric(entry, path: path)
        }
        self.mappings = mappings
    }

    /// The mapping for `type`, nil when neither the standard nor the definition names it.
    func metric(for type: UInt8) -> GB26875AnalogMetric? { mappings[type] }

    /// The analog type that carries `metric`, the lowest when several do (encode direction).
    func type(for metric: String) -> (type: UInt8, mapping: GB26875AnalogMetric)? {
        mappings.filter { $0.value.metric == metric }.min { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    private static func analogType(_ key: String) -> UInt8? {
        let lower = key.lowercased()
        if lower.hasPrefix("0x") { return UInt8(lower.dropFirst(2), radix: 16) }
        return UInt8(lower)
    }

    private static func metric(_ entry: JSONValue, path: String) throws(DecodeError) -> GB26875AnalogMetric {
        guard case .object(let fields) = entry else {
            throw DecodeError(field: path, "must be an object like \(example)")
        }
        guard case .string(let metric)? = fields["metric"], !metric.isEmpty else {
            throw DecodeError(field: "\(path).metric", "must be a metric name such as \"residual_current_ma\"")
        }
        var scale = 1.0
        if let value = fields["scale"] {
            guard case .number(let number) = value, number.isFinite, number != 0 else {
                throw DecodeError(field: "\(path).scale", "must be a non-zero number (the value of one raw unit)")
            }
            scale = number
        }
        return GB26875AnalogMetric(metric: metric, scale: scale)
    }
}
