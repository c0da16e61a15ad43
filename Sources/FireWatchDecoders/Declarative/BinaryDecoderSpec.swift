import FireWatchCore

/// `decoder: {type: binary}`: fixed-offset frames, one or several layouts chosen by fPort and by
/// bytes such as a report type. Work is one pass over the declared fields plus the checksums, so a
/// payload costs time proportional to its length whatever it holds.
struct BinaryDecoderSpec: Sendable {
    var layouts: [BinaryLayout]

    func decode(_ bytes: [UInt8], context: DecodeContext) throws(DecodeError) -> [Reading] {
        try layouts[try layoutIndex(for: bytes, fport: context.fport)].decode(bytes, context: context)
    }

    /// The first layout whose selector matches; the error lists what each layout expects. An index,
    /// so the layout is used in place rather than copied for every payload.
    func layoutIndex(for bytes: [UInt8], fport: Int?) throws(DecodeError) -> Int {
        if let match = layouts.firstIndex(where: { $0.selector.matches(bytes, fport: fport) }) { return match }
        if bytes.isEmpty { throw DecodeError(offset: 0, field: "length", "empty payload") }
        // Point at the first selector byte that no layout for this fPort accepts.
        let eligible = layouts.filter { fport == nil || $0.selector.fports.isEmpty || $0.selector.fports.contains(fport!) }
        let offsets = Set(eligible.flatMap { $0.selector.bytes.map(\.offset) }).sorted()
        let offset = offsets.first { $0 >= bytes.count } ?? offsets.first { o in
            !eligible.contains { $0.selector.bytes.contains { $0.offset == o && $0.values.contains(bytes[o]) } }
        } ?? offsets.first
        var found: [String] = []
        if let fport { found.append("fport \(fport)") }
        for o in offsets where o < bytes.count { found.append("byte \(o) = 0x\(ChecksumSpec.hex(UInt16(bytes[o]), 2))") }
        if offsets.contains(where: { $0 >= bytes.count }) { found.append("only \(bytes.count) byte(s)") }
        let known = layouts.map { "\($0.name): \($0.selector.summary)" }.joined(separator: "; ")
        throw DecodeError(
            offset: offset, field: "layout",
            "no layout for \(found.isEmpty ? "this payload" : found.joined(separator: ", ")) (known: \(known))")
    }
}
