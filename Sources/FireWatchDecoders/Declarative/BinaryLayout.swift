import FireWatchCore

/// Which payloads a layout is for: an fPort and bytes at fixed offsets (a report type, a command).
/// When the fPort is unknown (a capture decoded by hand) the bytes decide alone; a layout chosen by
/// fPort only then never matches, since nothing would tell it apart.
struct LayoutSelector: Sendable {
    var fports: [Int] = []
    var bytes: [(offset: Int, values: [UInt8])] = []
    /// Bits of a byte (`bits: {10: {bits: 4-7, equals: 3}}`): a report type in a nibble.
    var bitRanges: [(offset: Int, low: Int, count: Int, values: [UInt8])] = []

    var isEmpty: Bool { fports.isEmpty && bytes.isEmpty && bitRanges.isEmpty }

    func matches(_ payload: [UInt8], fport: Int?) -> Bool {
        if !fports.isEmpty {
            if let fport { if !fports.contains(fport) { return false } } else if bytes.isEmpty { return false }
        }
        for (offset, values) in bytes {
            guard offset < payload.count, values.contains(payload[offset]) else { return false }
        }
        for r in bitRanges {
            guard r.offset < payload.count else { return false }
            let v = (payload[r.offset] >> UInt8(r.low)) & UInt8((1 << r.count) - 1)
            guard r.values.contains(v) else { return false }
        }
        return true
    }

    var summary: String {
        var parts: [String] = []
        if !fports.isEmpty { parts.append("fport \(fports.map(String.init).joined(separator: "/"))") }
        for (offset, values) in bytes {
            parts.append("byte \(offset) = \(values.map { "0x" + ChecksumSpec.hex(UInt16($0), 2) }.joined(separator: "/"))")
        }
        for r in bitRanges {
            parts.append("bits \(r.low)-\(r.low + r.count - 1) of byte \(r.offset) = \(r.values.map(String.init).joined(separator: "/"))")
        }
        return parts.isEmpty ? "any payload" : parts.joined(separator: ", ")
    }
}

/// One frame layout of a binary decoder: its checks (length, markers, length field, checksums), its
/// fields and repeated groups, and the events it always carries (`emit`).
struct BinaryLayout: Sendable {
    var name: String
    var selector = LayoutSelector()
    /// Payloads matching this layout are malformed for this reason (an exception response, an
    /// unsupported device type).
    var reject: String?
    var minLength = 0
    var maxLength = Int.max
    /// The field that states the whole payload's length, and what to add to it.
    var lengthField: (index: Int, adjust: Int)?
    var fields: [BinaryField] = []
    var groups: [BinaryGroup] = []
    var checksums: [ChecksumSpec] = []
    var emit: [EventType] = []
    var snapshot = false
    /// End of the fields at non-negative offsets: where a group without its own offset starts.
    var headEnd = 0
    /// Bytes at the payload's end addressed from the end (checksums, end markers).
    var tailSize = 0
    /// How many metrics and attributes the main reading gets at most, to size its maps once.
    var capacity = ReadingDraft.Capacity()
    /// Per field (empty when no field has one): the field of the same layout its value is multiplied
    /// by (`multiply_by`), directly or through a code table.
    var multipliers: [Multiplier?] = []

    /// `multiply_by: FIELD` or `{field: FIELD, map: {code: factor}}`.
    struct Multiplier: Sendable {
        let index: Int
        let map: [UInt64: Double]?

        /// The factors it can give, smallest first (the encode direction picks one).
        var factors: [(code: UInt64, factor: Double)] {
            if let map { return map.map { ($0.key, $0.value) }.sorted { $0.factor < $1.factor } }
            return [1, 2, 5, 10, 20, 50, 100, 1000].map { (UInt64($0), Double($0)) }
        }
    }

    /// The factor field `i` is multiplied by in `bytes`, 1 without a multiplier.
    func factor(_ i: Int, _ bytes: [UInt8]) throws(DecodeError) -> Double {
        guard !multipliers.isEmpty, let m = multipliers[i] else { return 1 }
        let field = fields[m.index]
        let position = try position(of: field, in: bytes)
        guard case .number(let n, let bits) = field.read(bytes, at: position) else { return 1 }
        guard let map = m.map else { return n }
        let code = bits ?? UInt64(max(0, n))
        guard let factor = map[code] else {
            throw DecodeError(
                offset: position, field: field.name,
                "multiplier code \(code) is not in the map (\(map.keys.sorted().map(String.init).joined(separator: ", ")))")
        }
        return factor
    }

    /// Where `field` starts in `bytes`, throwing when it does not fit.
    func position(of field: BinaryField, in bytes: [UInt8]) throws(DecodeError) -> Int {
        let start = field.offset >= 0 ? field.offset : bytes.count + field.offset
        guard start >= 0, start + field.width <= bytes.count else {
            throw DecodeError(
                offset: Swift.max(start, 0), field: field.name,
                "truncated: needs \(field.width) byte(s) at offset \(start), the payload has \(bytes.count)")
        }
        return start
    }

    func decode(_ bytes: [UInt8], context: DecodeContext) throws(DecodeError) -> [Reading] {
        if let reject { throw DecodeError(offset: selector.bytes.first?.offset, field: name, reject) }
        try checkLength(bytes)
        // Loops index the arrays: `for x in array` retains every element it hands out, which cost
        // more than decoding the field itself.
        for i in fields.indices where fields[i].type.isText && !fields[i].output.expect.isEmpty {
            try fields[i].checkExpected(bytes, at: try position(of: fields[i], in: bytes))
        }
        if let (index, adjust) = lengthField {
            let field = fields[index]
            let position = try position(of: field, in: bytes)
            let stated = field.read(bytes, at: position)
            if stated.number.flatMap({ Int(exactly: $0) }).map({ $0 + adjust }) != bytes.count {
                throw DecodeError(offset: position, field: field.name, "length \(stated.shown) does not match the payload's \(bytes.count) bytes")
            }
        }
        for checksum in checksums { try checksum.verify(bytes) }
        var main = ReadingDraft(capacity: capacity)
        for i in fields.indices where fields[i].marker == nil {
            let position = try position(of: fields[i], in: bytes)
            try fields[i].output.apply(
                fields[i].read(bytes, at: position), to: &main, channel: nil, at: .init(offset: position), context: context,
                factor: try factor(i, bytes))
        }
        main.add(emit)
        if groups.isEmpty { return [main.reading(context, snapshot: snapshot)] }
        var readings: [Reading] = [Reading(device: "", model: "", at: context.receivedAt)]
        var cursor = headEnd
        let regionEnd = bytes.count - tailSize
        for i in groups.indices {
            let counted: Bool
            if case .fixed = groups[i].count { counted = false } else { counted = true }
            cursor = try groups[i].decode(
                bytes, start: groups[i].offset ?? cursor, regionEnd: regionEnd, mustFill: counted && i == groups.count - 1,
                layout: self, main: &main, readings: &readings, context: context)
        }
        readings[0] = main.reading(context, snapshot: snapshot)
        return readings
    }

    private func checkLength(_ bytes: [UInt8]) throws(DecodeError) {
        guard bytes.count < minLength || bytes.count > maxLength else { return }
        let wanted = minLength == maxLength ? "\(minLength)" : maxLength == .max ? "at least \(minLength)" : "\(minLength) to \(maxLength)"
        throw DecodeError(
            offset: Swift.min(bytes.count, maxLength), field: "length",
            "payload is \(bytes.count) bytes, the \(name) layout needs \(wanted)")
    }
}
