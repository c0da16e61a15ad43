import FireWatchCore

/// Where a frame's checksum sits and what it covers: `{algorithm: crc16_modbus, from: 0, to: -4,
/// at: -4, endian: big}`. Negative offsets count from the payload's end, for frames whose length varies.
struct ChecksumSpec: Sendable {
    let algorithm: ChecksumAlgorithm
    /// First covered byte.
    let from: Int
    /// End of the covered bytes (exclusive).
    let to: Int
    /// Where the stored checksum starts.
    let at: Int
    let bigEndian: Bool

    static let keys: Set<String> = ["algorithm", "from", "to", "at", "endian"]

    init(algorithm: ChecksumAlgorithm, from: Int, to: Int, at: Int, bigEndian: Bool) {
        self.algorithm = algorithm
        self.from = from
        self.to = to
        self.at = at
        self.bigEndian = bigEndian
    }

    init(_ value: YAMLValue, defaultBigEndian: Bool) throws(SourceError) {
        let m = try value.mapping(allowed: Self.keys)
        let name = try SpecSyntax.choice(try m.required("algorithm"), ChecksumAlgorithm.allCases.map(\.rawValue))
        algorithm = ChecksumAlgorithm(rawValue: name)!
        from = try m["from"].map(SpecSyntax.integer) ?? 0
        at = try SpecSyntax.integer(try m.required("at"))
        to = try m["to"].map(SpecSyntax.integer) ?? at
        bigEndian = try SpecSyntax.bigEndian(m["endian"], default: defaultBigEndian)
        if from >= 0, to >= 0, from > to { throw value.error("checksum covers from \(from) to \(to): from must not be after to") }
    }

    /// The payload positions of the covered bytes and of the stored value, nil when they do not fit.
    private func positions(_ count: Int) -> (covered: Range<Int>, at: Int)? {
        func resolve(_ x: Int) -> Int { x >= 0 ? x : count + x }
        let (start, end, stored) = (resolve(from), resolve(to), resolve(at))
        guard start >= 0, start <= end, end <= count, stored >= 0, stored + algorithm.width <= count else { return nil }
        return (start..<end, stored)
    }

    /// Throws when the stored checksum differs, saying expected and found as a vendor would compare them.
    func verify(_ bytes: [UInt8]) throws(DecodeError) {
        guard let (covered, stored) = positions(bytes.count) else {
            throw DecodeError(offset: 0, field: "checksum", "payload of \(bytes.count) bytes is too short for its \(algorithm.rawValue) checksum")
        }
        let expected = algorithm.compute(bytes, covered)
        let found = read(bytes, at: stored)
        guard expected == found else {
            let digits = algorithm.width * 2
            throw DecodeError(
                offset: stored, field: "checksum",
                "\(algorithm.rawValue) checksum expected 0x\(Self.hex(expected, digits)), found 0x\(Self.hex(found, digits))")
        }
    }

    /// Computes the checksum of an encoded frame and stores it in place.
    func write(into bytes: inout [UInt8]) {
        guard let (covered, stored) = positions(bytes.count) else { return }
        let value = algorithm.compute(bytes, covered)
        if algorithm.width == 1 { bytes[stored] = UInt8(truncatingIfNeeded: value); return }
        let (high, low) = (UInt8(value >> 8), UInt8(value & 0xFF))
        bytes[stored] = bigEndian ? high : low
        bytes[stored + 1] = bigEndian ? low : high
    }

    private func read(_ bytes: [UInt8], at i: Int) -> UInt16 {
        if algorithm.width == 1 { return UInt16(bytes[i]) }
        let (a, b) = (UInt16(bytes[i]), UInt16(bytes[i + 1]))
        return bigEndian ? a << 8 | b : b << 8 | a
    }

    static func hex(_ v: UInt16, _ digits: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }
}
