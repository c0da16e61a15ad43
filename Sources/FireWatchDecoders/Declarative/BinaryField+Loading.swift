import FireWatchCore

extension BinaryField {
    static let keys: Set<String> = FieldOutput.keys.union(["name", "offset", "type", "length", "endian", "bits", "multiply_by"])

    /// Reads one field. Without `offset` it follows the previous field (`next`); `allowFromEnd`
    /// permits negative offsets.
    static func load(_ value: YAMLValue, next: Int, defaultBigEndian: Bool, allowFromEnd: Bool) throws(SourceError) -> BinaryField {
        let m = try value.mapping(allowed: Self.keys)
        let name = try m.string("name")
        let typeName = try m.string("type")
        let length = try m["length"].map { v throws(SourceError) in try SpecSyntax.integer(v, in: 1...1024, "length") }
        guard let type = BinaryType.named(typeName, length: length) else {
            if ["ascii", "hex", "bcd"].contains(typeName) { throw m.error(at: "type", "type \(typeName) needs \"length\" (bytes)") }
            throw m.error(at: "type", "unknown type \"\(typeName)\" (u8 i8 u16 i16 u24 i24 u32 i32 u64 i64 f32 f64 ascii hex bcd)")
        }
        if length != nil, !type.isText { throw m.error(at: "length", "\"length\" is for ascii, hex and bcd fields; \(typeName) has a fixed width") }
        let offset = try m["offset"].map { v throws(SourceError) in try SpecSyntax.integer(v, in: -65536...65535, "offset") } ?? next
        if offset < 0, !allowFromEnd { throw m.error(at: "offset", "offsets from the end are for layout fields only") }
        if m["multiply_by"] != nil, !allowFromEnd {
            throw m.error(at: "multiply_by", "multiply_by is for the fields of a layout (another field of the same frame)")
        }
        let bits = try m["bits"].map { v throws(SourceError) in try Self.bits(v, width: type.width) }
        if bits != nil, !type.isInteger { throw m.error(at: "bits", "bits are for integer fields") }
        let field = BinaryField(
            offset: offset, type: type, bigEndian: try SpecSyntax.bigEndian(m["endian"], default: defaultBigEndian), bits: bits,
            output: try FieldOutput(m, name: name, bitCount: bits?.count ?? type.width * 8))
        try field.validate(m)
        return field
    }

    /// Combinations that can never decode: a text as a metric, a number as a local time, ...
    private func validate(_ m: YAMLMapping) throws(SourceError) {
        if type.isText {
            if output.metric != nil { throw m.error(at: "metric", "a \(typeLabel) field cannot be a metric; use an integer type") }
            if !output.flags.isEmpty { throw m.error(at: "flags", "flags are bits of an integer field") }
            if output.time == .unix || output.time == .unixMilliseconds {
                throw m.error(at: "time", "unix times are integers; use u32 or u64")
            }
        } else if let time = output.time, time == .local || time == .rfc3339 {
            throw m.error(at: "time", "\(time.rawValue) times are text; read them as bcd, hex or ascii")
        }
    }

    private var typeLabel: String {
        if case .ascii = type { return "ascii" }
        return "hex"
    }

    /// `7`, `0-6` or `[0, 6]`: a bit or an inclusive range of bits, bit 0 the least significant.
    private static func bits(_ value: YAMLValue, width: Int) throws(SourceError) -> (low: Int, count: Int) {
        var low: Int, high: Int
        if case .sequence = value.node {
            let items = try value.list()
            guard items.count == 2 else { throw value.error("bits must be N, \"LOW-HIGH\" or [LOW, HIGH]") }
            (low, high) = (try SpecSyntax.integer(items[0]), try SpecSyntax.integer(items[1]))
        } else {
            let text = try value.string()
            let parts = text.split(separator: "-").map(String.init)
            guard (1...2).contains(parts.count), let a = Int(parts[0]), let b = Int(parts.last!) else {
                throw value.error("bits must be N, \"LOW-HIGH\" or [LOW, HIGH]")
            }
            (low, high) = (a, b)
        }
        guard low >= 0, low <= high, high < width * 8 else {
            throw value.error("bits \(low)-\(high) do not fit a \(width)-byte field (0-\(width * 8 - 1))")
        }
        return (low, high - low + 1)
    }

    /// Reads a list of fields laid out one after another from `start`.
    static func list(_ value: YAMLValue, start: Int = 0, defaultBigEndian: Bool, allowFromEnd: Bool) throws(SourceError) -> [BinaryField] {
        var fields: [BinaryField] = []
        var next = start
        for item in try value.list() {
            let field = try BinaryField.load(item, next: next, defaultBigEndian: defaultBigEndian, allowFromEnd: allowFromEnd)
            // Names are how counts, times and errors refer to fields: one name, one field.
            if fields.contains(where: { $0.name == field.name }) { throw item.error("field name \"\(field.name)\" is used twice") }
            if field.offset >= 0 { next = field.offset + field.width }
            fields.append(field)
        }
        return fields
    }
}
