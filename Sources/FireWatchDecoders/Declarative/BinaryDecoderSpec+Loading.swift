import FireWatchCore

extension BinaryDecoderSpec {
    static let layoutKeys: Set<String> = [
        "name", "when", "reject", "length", "length_field", "length_adjust", "fields", "groups", "checksum", "emit",
        "snapshot",
    ]
    static let groupKeys: Set<String> = ["name", "offset", "count", "max", "size", "as", "first_channel", "at", "fields"]

    /// Reads `decoder: {type: binary, endian, layouts: [...]}`, or a single layout written directly
    /// under `decoder:`. `snapshot` is the definition's default for layouts that do not say.
    init(_ value: YAMLValue, snapshot: Bool) throws(SourceError) {
        let m = try value.mapping()
        let bigEndian = try SpecSyntax.bigEndian(m["endian"], default: true)
        if let list = m["layouts"] {
            _ = try value.mapping(allowed: ["type", "endian", "layouts"])
            layouts = []
            for (i, item) in try list.list().enumerated() {
                layouts.append(try Self.layout(item, name: "layout \(i + 1)", bigEndian: bigEndian, snapshot: snapshot, extraKeys: []))
            }
            guard !layouts.isEmpty else { throw list.error("layouts must not be empty") }
        } else {
            layouts = [try Self.layout(value, name: "frame", bigEndian: bigEndian, snapshot: snapshot, extraKeys: ["type", "endian"])]
        }
    }

    private static func layout(
        _ value: YAMLValue, name: String, bigEndian: Bool, snapshot: Bool, extraKeys: Set<String>
    ) throws(SourceError) -> BinaryLayout {
        let m = try value.mapping(allowed: layoutKeys.union(extraKeys))
        var layout = BinaryLayout(name: try m.optionalString("name") ?? name)
        if let when = m["when"] { layout.selector = try selector(when) }
        layout.reject = try m.optionalString("reject")
        layout.snapshot = try m.optionalBool("snapshot") ?? snapshot
        layout.emit = try m["emit"].map(SpecSyntax.events) ?? []
        layout.fields = try m["fields"].map { v throws(SourceError) in
            try BinaryField.list(v, defaultBigEndian: bigEndian, allowFromEnd: true)
        } ?? []
        var names: [String: Int] = [:]
        for (i, field) in layout.fields.enumerated() { names[field.name] = i }
        func fieldIndex(_ v: YAMLValue, integer: Bool) throws(SourceError) -> Int {
            let fieldName = try v.string()
            guard let index = names[fieldName] else { throw v.error("no field named \"\(fieldName)\" in \(layout.name)") }
            if integer, !layout.fields[index].type.isInteger { throw v.error("field \"\(fieldName)\" must be an integer field") }
            return index
        }
        // (Not inout: fieldIndex reads the layout.)
        let multipliers = try multipliers(m, fields: layout.fields, fieldIndex: fieldIndex)
        layout.multipliers = multipliers
        if let v = m["length_field"] {
            layout.lengthField = (try fieldIndex(v, integer: true), try m["length_adjust"].map(SpecSyntax.integer) ?? 0)
        }
        for item in try m["checksum"].map(SpecSyntax.oneOrMany) ?? [] {
            layout.checksums.append(try ChecksumSpec(item, defaultBigEndian: bigEndian))
        }
        layout.headEnd = layout.fields.filter { $0.offset >= 0 }.map { $0.offset + $0.width }.max() ?? 0
        let fromEnd = layout.fields.filter { $0.offset < 0 }.map { -$0.offset }
            + layout.checksums.flatMap { [$0.at, $0.to] }.filter { $0 < 0 }.map { -$0 }
        layout.tailSize = fromEnd.max() ?? 0
        for item in try m["groups"]?.list() ?? [] {
            layout.groups.append(try group(item, bigEndian: bigEndian, fieldIndex: fieldIndex))
        }
        try lengthRule(m, into: &layout)
        try checkFits(m, layout)
        var capacity = ReadingDraft.Capacity(layout.fields.map(\.output))
        for group in layout.groups where group.channelBase != nil {
            if case .fixed(let n) = group.count { capacity.metrics += ReadingDraft.Capacity(group.fields.map(\.output), channels: n).metrics }
        }
        layout.capacity = capacity
        return layout
    }

    /// `multiply_by` of the layout's fields: another integer field of the layout, read directly or
    /// through `map` (code → factor).
    private static func multipliers(
        _ m: YAMLMapping, fields: [BinaryField], fieldIndex: (YAMLValue, Bool) throws(SourceError) -> Int
    ) throws(SourceError) -> [BinaryLayout.Multiplier?] {
        guard let list = try m["fields"]?.list() else { return [] }
        var out: [BinaryLayout.Multiplier?] = Array(repeating: nil, count: fields.count)
        for (i, item) in list.enumerated() {
            guard let v = try item.mapping()["multiply_by"] else { continue }
            guard fields[i].output.metric != nil else { throw v.error("multiply_by scales a metric; \"\(fields[i].name)\" has none") }
            var map: [UInt64: Double]?
            let target: YAMLValue
            if case .mapping = v.node {
                let mm = try v.mapping(allowed: ["field", "map"])
                target = try mm.required("field")
                var codes: [UInt64: Double] = [:]
                for (key, factor) in try mm.required("map").mapping().entries {
                    guard let code = SpecSyntax.wholeNumber(key), code >= 0 else { throw factor.error("map code \"\(key)\" must be a whole number") }
                    codes[UInt64(code)] = try SpecSyntax.double(factor)
                }
                guard !codes.isEmpty else { throw v.error("map needs at least one code: factor") }
                map = codes
            } else {
                target = v
            }
            let index = try fieldIndex(target, true)
            guard index != i else { throw target.error("a field cannot multiply itself") }
            out[i] = BinaryLayout.Multiplier(index: index, map: map)
        }
        return out.contains(where: { $0 != nil }) ? out : []
    }

    /// `when: {fport: 6, bytes: {2: 0x01}}`.
    private static func selector(_ value: YAMLValue) throws(SourceError) -> LayoutSelector {
        let m = try value.mapping(allowed: ["fport", "bytes", "bits"])
        var s = LayoutSelector()
        if let v = m["fport"] { s.fports = try SpecSyntax.keys(v).map { k throws(SourceError) in try port(k, v) } }
        for (key, values) in try m["bytes"]?.mapping().entries ?? [] {
            guard let offset = SpecSyntax.wholeNumber(key), offset >= 0, offset < 65536 else {
                throw values.error("byte offset \"\(key)\" must be a whole number 0...65535")
            }
            let bytes = try SpecSyntax.keys(values).map { k throws(SourceError) in
                guard let n = k.number, n >= 0, n <= 255, n.rounded() == n else { throw values.error("\"\(k)\" is not a byte value 0...255") }
                return UInt8(n)
            }
            s.bytes.append((offset, bytes))
        }
        for (key, spec) in try m["bits"]?.mapping().entries ?? [] {
            guard let offset = SpecSyntax.wholeNumber(key), offset >= 0, offset < 65536 else {
                throw spec.error("byte offset \"\(key)\" must be a whole number 0...65535")
            }
            let bm = try spec.mapping(allowed: ["bits", "equals"])
            let text = try bm.string("bits")
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard (1...2).contains(parts.count), let low = parts.first, let high = parts.last, low >= 0, low <= high, high < 8 else {
                throw bm.error(at: "bits", "bits must be N or LOW-HIGH within one byte (0-7)")
            }
            let count = high - low + 1
            let values = try SpecSyntax.keys(try bm.required("equals")).map { k throws(SourceError) -> UInt8 in
                guard let n = k.number, n >= 0, n < Double(1 << count), n.rounded() == n else {
                    throw bm.error(at: "equals", "\"\(k)\" does not fit \(count) bit(s)")
                }
                return UInt8(n)
            }
            s.bitRanges.append((offset, low, count, values))
        }
        guard !s.isEmpty else { throw value.error("when needs fport, bytes or bits") }
        return s
    }

    private static func port(_ key: ValueKey, _ value: YAMLValue) throws(SourceError) -> Int {
        guard let n = key.number, n >= 0, n <= 255, n.rounded() == n else { throw value.error("fport must be 0...255") }
        return Int(n)
    }

    private static func group(
        _ value: YAMLValue, bigEndian: Bool, fieldIndex: (YAMLValue, Bool) throws(SourceError) -> Int
    ) throws(SourceError) -> BinaryGroup {
        let m = try value.mapping(allowed: groupKeys)
        let name = try m.string("name")
        let fields = try BinaryField.list(try m.required("fields"), defaultBigEndian: bigEndian, allowFromEnd: false)
        let fieldsEnd = fields.map { $0.offset + $0.width }.max() ?? 0
        let size = try m["size"].map { v throws(SourceError) in try SpecSyntax.integer(v, in: 1...4096, "size") } ?? fieldsEnd
        guard size >= fieldsEnd, size > 0 else { throw m.error(at: "size", "item size \(size) is smaller than its fields (\(fieldsEnd) bytes)") }
        let countValue = try m.required("count")
        let count: BinaryGroup.Count
        if let n = SpecSyntax.number(try countValue.string()) {
            guard n >= 0, n <= 4096, n.rounded() == n else { throw countValue.error("count must be 0...4096") }
            count = .fixed(Int(n))
        } else if try countValue.string() == "rest" {
            count = .rest
        } else {
            count = .field(try fieldIndex(countValue, true))
        }
        let max = try m["max"].map { v throws(SourceError) in try SpecSyntax.integer(v, in: 0...65535, "max") } ?? 1024
        let mode: BinaryGroup.Mode
        switch try m["as"].map({ v throws(SourceError) in try SpecSyntax.choice(v, ["readings", "channels"]) }) ?? "readings" {
        case "channels": mode = .channels(first: try m["first_channel"].map(SpecSyntax.integer) ?? 1)
        default: mode = .readings
        }
        var time: BinaryGroup.ItemTime?
        if let at = m["at"] {
            let t = try at.mapping(allowed: ["base", "step", "newest"])
            let base = try t["base"].map { v throws(SourceError) in try fieldIndex(v, false) }
            let stepValue = try t.required("step")
            let step: BinaryGroup.ItemTime.Step
            if let seconds = SpecSyntax.number(try stepValue.string()) { step = .seconds(seconds) } else { step = .field(try fieldIndex(stepValue, true)) }
            let newest = try t["newest"].map { v throws(SourceError) in try SpecSyntax.choice(v, ["last", "first"]) } ?? "last"
            time = .init(base: base, step: step, newestLast: newest == "last")
        }
        return BinaryGroup(
            name: name, offset: try m["offset"].map { v throws(SourceError) in try SpecSyntax.integer(v, in: 0...65535, "offset") },
            count: count, max: max, itemSize: size, mode: mode, time: time, fields: fields)
    }

    /// A group of a fixed number of items must fit a layout of fixed length: checked here, at the
    /// group's line, rather than on the first payload.
    private static func checkFits(_ m: YAMLMapping, _ layout: BinaryLayout) throws(SourceError) {
        guard layout.maxLength != .max, let items = try m["groups"]?.list() else { return }
        var cursor = layout.headEnd
        for (group, item) in zip(layout.groups, items) {
            let start = group.offset ?? cursor
            guard case .fixed(let n) = group.count else { return }
            let end = start + n * group.itemSize
            if end + layout.tailSize > layout.maxLength {
                throw item.error("group \"\(group.name)\" (\(n) item(s) of \(group.itemSize) bytes from byte \(start)) ends at byte \(end), "
                    + "past the layout's length \(layout.maxLength)")
            }
            cursor = end
        }
    }

    /// `length: N` or `{min: N, max: M}`; without it the layout needs at least its fixed fields.
    private static func lengthRule(_ m: YAMLMapping, into layout: inout BinaryLayout) throws(SourceError) {
        let fixed = layout.headEnd + layout.tailSize
        guard let v = m["length"] else {
            layout.minLength = fixed
            return
        }
        if case .mapping = v.node {
            let lm = try v.mapping(allowed: ["min", "max"])
            layout.minLength = try lm["min"].map(SpecSyntax.integer) ?? fixed
            layout.maxLength = try lm["max"].map(SpecSyntax.integer) ?? .max
        } else {
            layout.minLength = try SpecSyntax.integer(v, in: 1...65535, "length")
            layout.maxLength = layout.minLength
        }
        guard layout.minLength >= fixed else {
            // Name the field that does not fit, at its own line.
            if let (i, item) = try m["fields"]?.list().enumerated().first(where: { i, _ in
                let f = layout.fields[i]
                return f.offset >= 0 && f.offset + f.width > layout.minLength || f.offset < 0 && -f.offset > layout.minLength
            }) {
                let f = layout.fields[i]
                let start = f.offset >= 0 ? "byte \(f.offset)" : "\(-f.offset) bytes from the end"
                throw item.error("field \"\(f.name)\" (\(f.width) byte(s) at \(start)) does not fit the layout's length \(layout.minLength) (line \(v.line ?? 0)); "
                    + "the fields need \(fixed) bytes")
            }
            throw v.error("length \(layout.minLength) is shorter than the layout's fields (\(fixed) bytes)")
        }
        guard layout.minLength <= layout.maxLength else { throw v.error("min length is above max length") }
    }
}
