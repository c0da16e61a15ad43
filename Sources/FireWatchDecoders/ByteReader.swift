/// A bounds-checked cursor over a binary payload, for decoders that walk fields one after another.
///
/// Every read checks the remaining length first and throws a `DecodeError` naming the field and its
/// offset, so a decoder never subscripts out of range whatever the payload holds. Offsets are always
/// into the whole payload, also for a reader limited to one frame or one object, because that is the
/// number a vendor finds in a capture.
public struct ByteReader: Sendable {
    /// The whole payload; the reader only looks at `offset..<end`.
    public let bytes: [UInt8]
    /// Where the next read starts, counted from the start of the payload.
    public private(set) var offset: Int
    /// Where this reader stops (exclusive); reads past it fail even when the payload goes on.
    public let end: Int

    /// A reader over `bytes[start..<end]` (the whole payload by default). Out-of-range bounds are
    /// clamped, so building a reader never traps either.
    public init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        let lower = min(max(start, 0), bytes.count)
        self.bytes = bytes
        self.offset = lower
        self.end = min(max(end ?? bytes.count, lower), bytes.count)
    }

    /// Bytes left before `end`.
    public var remaining: Int { end - offset }

    /// True when nothing is left to read.
    public var isAtEnd: Bool { offset >= end }

    /// The next byte without consuming it, nil at the end.
    public func peek() -> UInt8? { isAtEnd ? nil : bytes[offset] }

    /// Throws unless `count` more bytes can be read; the error names `field` and where it starts.
    public func require(_ count: Int, _ field: String) throws(DecodeError) {
        guard count >= 0, count <= remaining else {
            throw DecodeError(
                offset: offset, field: field,
                "truncated: needs \(count) byte\(count == 1 ? "" : "s"), only \(max(remaining, 0)) left before offset \(end)"
            )
        }
    }

    /// Consumes `count` bytes and returns them as a slice of the payload (indices are payload offsets).
    public mutating func readBytes(_ count: Int, _ field: String) throws(DecodeError) -> ArraySlice<UInt8> {
        try require(count, field)
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    /// Skips `count` bytes.
    public mutating func skip(_ count: Int, _ field: String) throws(DecodeError) {
        try require(count, field)
        offset += count
    }

    /// Consumes `count` bytes and returns a reader limited to them, for nested structures whose
    /// length is known up front (a frame's ADU, a length-prefixed text).
    public mutating func subReader(_ count: Int, _ field: String) throws(DecodeError) -> ByteReader {
        try require(count, field)
        defer { offset += count }
        return ByteReader(bytes, from: offset, to: offset + count)
    }

    /// One unsigned byte.
    public mutating func readUInt8(_ field: String) throws(DecodeError) -> UInt8 {
        try require(1, field)
        defer { offset += 1 }
        return bytes[offset]
    }

    /// An unsigned integer of `byteCount` bytes (1...8), little-endian unless `bigEndian`.
    public mutating func readUInt(
        _ byteCount: Int, _ field: String, bigEndian: Bool = false
    ) throws(DecodeError) -> UInt64 {
        guard (1...8).contains(byteCount) else {
            throw DecodeError(offset: offset, field: field, "an integer is 1 to 8 bytes wide, not \(byteCount)")
        }
        let slice = try readBytes(byteCount, field)
        var value: UInt64 = 0
        for (i, byte) in slice.enumerated() {
            let shift = 8 * (bigEndian ? byteCount - 1 - i : i)
            value |= UInt64(byte) << UInt64(shift)
        }
        return value
    }

    /// An unsigned little-endian 16-bit integer.
    public mutating func readUInt16LE(_ field: String) throws(DecodeError) -> UInt16 {
        UInt16(truncatingIfNeeded: try readUInt(2, field))
    }

    /// A signed (two's complement) little-endian 16-bit integer.
    public mutating func readInt16LE(_ field: String) throws(DecodeError) -> Int16 {
        Int16(bitPattern: try readUInt16LE(field))
    }

    /// An unsigned little-endian 32-bit integer.
    public mutating func readUInt32LE(_ field: String) throws(DecodeError) -> UInt32 {
        UInt32(truncatingIfNeeded: try readUInt(4, field))
    }
}
