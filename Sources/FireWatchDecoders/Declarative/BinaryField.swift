import FireWatchCore
import Foundation

/// How a field's bytes are read: integers of 1–8 bytes, IEEE floats, ASCII text, or hex digits
/// (`hex`, also spelled `bcd` for dates and codes written as decimal digits in nibbles).
enum BinaryType: Hashable, Sendable {
    case unsigned(Int)
    case signed(Int)
    case float32, float64
    case ascii(Int)
    case hex(Int)

    var width: Int {
        switch self {
        case .unsigned(let w), .signed(let w), .ascii(let w), .hex(let w): w
        case .float32: 4
        case .float64: 8
        }
    }

    var isText: Bool {
        switch self {
        case .ascii, .hex: true
        default: false
        }
    }

    var isInteger: Bool {
        switch self {
        case .unsigned, .signed: true
        default: false
        }
    }

    /// `u8 i8 u16 i16 u24 i24 u32 i32 u64 i64 f32 f64`, or `ascii`/`hex`/`bcd` with `length`.
    static func named(_ name: String, length: Int?) -> BinaryType? {
        switch name {
        case "f32": return .float32
        case "f64": return .float64
        case "ascii": return length.map(BinaryType.ascii)
        case "hex", "bcd": return length.map(BinaryType.hex)
        default:
            guard let kind = name.first, kind == "u" || kind == "i", let bits = Int(name.dropFirst()),
                bits % 8 == 0, (8...64).contains(bits)
            else { return nil }
            return kind == "u" ? .unsigned(bits / 8) : .signed(bits / 8)
        }
    }
}

/// One field of a binary layout, TLV record or repeated item: where it is, how it is read, and
/// what it becomes (`FieldOutput`). A class so that walking a layout's fields for every payload
/// shares them instead of copying each field's maps and lists.
final class BinaryField: Sendable {
    /// From the start of the layout, record value or item; negative counts from the payload's end
    /// (layout fields only: checksums and end markers of variable-length frames).
    let offset: Int
    let type: BinaryType
    let bigEndian: Bool
    /// Only these bits of an integer (`bits: 0-6`), shifted down.
    let bits: (low: Int, count: Int)?
    let output: FieldOutput
    /// For a marker (a hex field that only expects constant bytes, like a frame's start and end):
    /// the allowed byte sequences, compared without making text of the payload.
    let marker: [[UInt8]]?

    init(offset: Int, type: BinaryType, bigEndian: Bool, bits: (low: Int, count: Int)?, output: FieldOutput) {
        self.offset = offset
        self.type = type
        self.bigEndian = bigEndian
        self.bits = bits
        self.output = output
        if case .hex = type, !output.expect.isEmpty, output.producesNothing {
            marker = output.expect.compactMap { PayloadText.hexBytes($0.text) }
        } else {
            marker = nil
        }
    }

    /// The value to write for `sample` (encode direction); a marker writes its bytes as they are.
    func encodedValue(for sample: DeviceSample, channel: Int?, timeZone: TimeZone) -> FieldValue? {
        if type.isText, let first = output.expect.first { return .text(first.text) }
        if output.time == .local, case .hex(let w) = type {
            // BCD digits: yyyyMMddHHmmss in 7 bytes, yyMMddHHmmss in 6.
            let digits = LocalTime.format(sample.at, timeZone: timeZone).filter(\.isNumber)
            return .text(String(digits.suffix(w * 2)))
        }
        return output.encodedValue(for: sample, channel: channel, timeZone: timeZone)
    }

    /// Checks a field that must hold given values before anything else is read (markers first: a
    /// frame that does not start right is no frame of this layout at all).
    func checkExpected(_ bytes: [UInt8], at start: Int) throws(DecodeError) {
        if let marker, marker.contains(where: { bytes[start..<(start + width)].elementsEqual($0) }) { return }
        try output.check(read(bytes, at: start), at: .init(offset: start))
    }

    var name: String { output.name }

    /// The largest magnitude an integer field holds (its bits), for the encode direction.
    var maxRaw: Double {
        let count = bits?.count ?? type.width * 8
        switch type {
        case .unsigned: return Double(Self.mask(count))
        case .signed: return Double(Self.mask(count - 1))
        default: return .infinity
        }
    }
    var width: Int { type.width }

    /// Reads the field whose first byte is at `start`; the caller has checked that it fits.
    func read(_ bytes: [UInt8], at start: Int) -> FieldValue {
        switch type {
        case .unsigned(let w), .signed(let w):
            var raw = unsignedInteger(bytes, start, w)
            var bitCount = w * 8
            if let bits {
                raw = (raw >> UInt64(bits.low)) & Self.mask(bits.count)
                bitCount = bits.count
            }
            if case .signed = type, bitCount < 64, raw & (1 << UInt64(bitCount - 1)) != 0 {
                return .number(Double(Int64(bitPattern: raw | ~Self.mask(bitCount))), bits: raw)
            }
            if case .signed = type, bitCount == 64 { return .number(Double(Int64(bitPattern: raw)), bits: raw) }
            return .number(Double(raw), bits: raw)
        case .float32:
            let raw = unsignedInteger(bytes, start, 4)
            return .number(Double(Float(bitPattern: UInt32(truncatingIfNeeded: raw))), bits: raw)
        case .float64:
            let raw = unsignedInteger(bytes, start, 8)
            return .number(Double(bitPattern: raw), bits: raw)
        case .ascii(let w):
            var end = start + w
            while end > start, bytes[end - 1] == 0 || bytes[end - 1] == 0x20 { end -= 1 }
            return .text(String(decoding: bytes[start..<end], as: UTF8.self))
        case .hex(let w):
            return .text(PayloadText.hex(bytes[start..<(start + w)]))
        }
    }

    private func unsignedInteger(_ bytes: [UInt8], _ start: Int, _ width: Int) -> UInt64 {
        var value: UInt64 = 0
        if bigEndian {
            for i in start..<(start + width) { value = value << 8 | UInt64(bytes[i]) }
        } else {
            for i in stride(from: start + width - 1, through: start, by: -1) { value = value << 8 | UInt64(bytes[i]) }
        }
        return value
    }

    static func mask(_ count: Int) -> UInt64 { count >= 64 ? ~0 : (1 << UInt64(count)) - 1 }

    /// Writes `value` at `start` (encode direction). Bit fields are merged into what is there, so
    /// several fields can share one status byte.
    func write(_ value: FieldValue, into bytes: inout [UInt8], at start: Int) {
        guard start >= 0, start + width <= bytes.count else { return }
        switch type {
        case .unsigned, .signed:
            var raw = Self.integerBits(value)
            if let bits {
                let mask = Self.mask(bits.count) << UInt64(bits.low)
                raw = (readRaw(bytes, start) & ~mask) | ((raw << UInt64(bits.low)) & mask)
            }
            writeRaw(raw, into: &bytes, at: start)
        case .float32:
            writeRaw(UInt64(Float(value.number ?? 0).bitPattern), into: &bytes, at: start)
        case .float64:
            writeRaw((value.number ?? 0).bitPattern, into: &bytes, at: start)
        case .ascii(let w):
            let text: [UInt8]
            if case .text(let s) = value { text = Array(s.utf8.prefix(w)) } else { text = Array((value.number.map(FieldValue.integerText) ?? "").utf8.prefix(w)) }
            for i in 0..<w { bytes[start + i] = i < text.count ? text[i] : 0 }
        case .hex(let w):
            guard case .text(let s) = value, let digits = PayloadText.hexBytes(s) else { return }
            for i in 0..<min(w, digits.count) { bytes[start + i] = digits[i] }
        }
    }

    private static func integerBits(_ value: FieldValue) -> UInt64 {
        if case .number(_, let bits?) = value { return bits }
        guard let n = value.number?.rounded(), n.isFinite else { return 0 }
        if n < 0 { return UInt64(bitPattern: Int64(max(n, -9.2e18))) }
        return n >= 1.8e19 ? ~0 : UInt64(n)
    }

    private func readRaw(_ bytes: [UInt8], _ start: Int) -> UInt64 { unsignedInteger(bytes, start, width) }

    private func writeRaw(_ raw: UInt64, into bytes: inout [UInt8], at start: Int) {
        for i in 0..<width {
            let shift = UInt64(8 * (bigEndian ? width - 1 - i : i))
            bytes[start + i] = UInt8(truncatingIfNeeded: raw >> shift)
        }
    }
}
