import FireWatchCore

extension FieldOutput {
    /// The keys every kind of field understands; each decoder type adds its own (`offset`, `path`, ...).
    static let keys: Set<String> = [
        "metric", "attribute", "scale", "add", "labels", "events", "flags", "event", "when", "channel", "invalid",
        "expect", "expect_error", "range", "point", "time", "constant", "typical",
    ]

    /// Reads the output keys of one field. `bitCount` bounds `flags` (nil: 64).
    convenience init(_ m: YAMLMapping, name: String, bitCount: Int? = nil) throws(SourceError) {
        let metric = try m["metric"].map(SpecSyntax.metric)
        let attribute = try m["attribute"].map(SpecSyntax.attribute)
        let factor = try m["scale"].map(SpecSyntax.double) ?? 1
        guard factor != 0 else { throw m.error(at: "scale", "scale must not be zero") }
        let scale = Scale(factor: factor, add: try m["add"].map(SpecSyntax.double) ?? 0)
        let channel = try m["channel"].map { v throws(SourceError) in try SpecSyntax.integer(v, in: 0...65535, "channel") }
        var labels: [Labelled] = []
        if let v = m["labels"] {
            for (key, label) in try v.mapping().entries { labels.append(Labelled(key: ValueKey(key), label: try label.string())) }
        }
        var condition: ConditionalEvent?
        if let v = m["event"] {
            let when = try m["when"].map(Self.condition) ?? Condition()
            condition = ConditionalEvent(type: try SpecSyntax.event(v), channel: channel, when: when)
        } else if m["when"] != nil {
            throw m.error(at: "when", "\"when\" needs \"event\": the event to emit when the condition holds")
        }
        if !labels.isEmpty, attribute == nil {
            throw m.error(at: "labels", "\"labels\" name the values of an attribute: add \"attribute: NAME\"")
        }
        let point = try m["point"].map { v throws(SourceError) in
            PointField(rawValue: try SpecSyntax.choice(v, PointField.allCases.map(\.rawValue)))
        } ?? nil
        let time = try m["time"].map { v throws(SourceError) in
            TimeFormat(rawValue: try SpecSyntax.choice(v, TimeFormat.allCases.map(\.rawValue)))
        } ?? nil
        // `scale` and `add` change a number: a metric, a numeric attribute or a point. Anywhere else
        // they would be ignored without a word, so they are refused.
        for key in ["scale", "add"] where m[key] != nil {
            if metric == nil && attribute == nil && (point == nil || point == .description) {
                throw m.error(at: key, "\"\(key)\" applies to a metric, an attribute or a numeric point; this field has none")
            }
            if attribute != nil, !labels.isEmpty { throw m.error(at: key, "\"\(key)\" cannot apply to an attribute with labels (labels name raw values)") }
        }
        let typical = try m["typical"].map(SpecSyntax.double)
        if typical != nil, metric == nil { throw m.error(at: "typical", "\"typical\" is the value a metric is encoded with; this field has no metric") }
        let constant = try m["constant"].map { v throws(SourceError) -> ValueKey in
            guard let key = try SpecSyntax.keys(v).first else { throw v.error("constant needs a value") }
            return key
        }
        self.init(
            name: name, metric: metric, attribute: attribute, scale: scale, labels: labels,
            events: try m["events"].map(Self.mapped) ?? [], flags: try m["flags"].map { v throws(SourceError) in
                try Self.flags(v, bitCount: bitCount ?? 64)
            } ?? [],
            condition: condition, invalid: try m["invalid"].map(Self.mapped) ?? [],
            expect: try m["expect"].map(SpecSyntax.keys) ?? [], expectError: try m.optionalString("expect_error"),
            range: try m["range"].map(Self.range), point: point, time: time, channel: channel, constant: constant, typical: typical)
    }

    /// `{value: event | [events] | null}`, or a list of values that give no event.
    private static func mapped(_ value: YAMLValue) throws(SourceError) -> [Mapped] {
        if case .sequence = value.node {
            return try SpecSyntax.keys(value).map { Mapped(key: $0, types: []) }
        }
        var out: [Mapped] = []
        for (key, events) in try value.mapping().entries {
            out.append(Mapped(key: ValueKey(key), types: try SpecSyntax.events(events)))
        }
        return out
    }

    /// `{bit: event}` or `{bit: {event: E, channel: N}}`.
    private static func flags(_ value: YAMLValue, bitCount: Int) throws(SourceError) -> [Flag] {
        var out: [Flag] = []
        for (key, entry) in try value.mapping().entries {
            guard let bit = SpecSyntax.wholeNumber(key), (0..<bitCount).contains(bit) else {
                throw entry.error("flag bit \"\(key)\" must be a bit number 0...\(bitCount - 1)")
            }
            if case .mapping = entry.node {
                let m = try entry.mapping(allowed: ["event", "channel"])
                let channel = try m["channel"].map { v throws(SourceError) in try SpecSyntax.integer(v, in: 0...65535, "channel") }
                out.append(Flag(bit: bit, type: try SpecSyntax.event(try m.required("event")), channel: channel))
            } else {
                for type in try SpecSyntax.events(entry) { out.append(Flag(bit: bit, type: type, channel: nil)) }
            }
        }
        return out
    }

    /// `when: {equals: V | [V], not: V | [V], in: [V], above: N, below: N, at_least: N, at_most: N}`.
    static func condition(_ value: YAMLValue) throws(SourceError) -> Condition {
        let m = try value.mapping(allowed: ["equals", "not", "in", "above", "below", "at_least", "at_most"])
        var c = Condition()
        if let v = m["equals"] { c.equals += try SpecSyntax.keys(v) }
        if let v = m["in"] { c.equals += try SpecSyntax.keys(v) }
        if let v = m["not"] { c.notEquals = try SpecSyntax.keys(v) }
        c.above = try m["above"].map(SpecSyntax.double)
        c.below = try m["below"].map(SpecSyntax.double)
        c.atLeast = try m["at_least"].map(SpecSyntax.double)
        c.atMost = try m["at_most"].map(SpecSyntax.double)
        guard !c.isEmpty else { throw value.error("a condition needs at least one of equals, not, in, above, below, at_least, at_most") }
        return c
    }

    /// `[min, max]`.
    private static func range(_ value: YAMLValue) throws(SourceError) -> ClosedRange<Double> {
        let items = try value.list()
        guard items.count == 2 else { throw value.error("range must be [min, max]") }
        let low = try SpecSyntax.double(items[0]), high = try SpecSyntax.double(items[1])
        guard low <= high else { throw value.error("range minimum \(low) is above its maximum \(high)") }
        return low...high
    }
}
