/// The checksums device frames use, table-driven so that verifying one costs a lookup per byte.
/// Names follow the CRC catalogue (reveng): MODBUS, CCITT-FALSE, XMODEM, KERMIT.
public enum ChecksumAlgorithm: String, CaseIterable, Sendable {
    /// Low 8 bits of the byte sum (GB/T 26875.3 and many serial protocols).
    case sum8
    /// XOR of all bytes (BCC).
    case xor8
    /// CRC-16/MODBUS: poly 0x8005 reflected, init 0xFFFF ("123456789" → 0x4B37).
    case crc16Modbus = "crc16_modbus"
    /// CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, not reflected ("123456789" → 0x29B1).
    case crc16CCITT = "crc16_ccitt"
    /// CRC-16/XMODEM: poly 0x1021, init 0 ("123456789" → 0x31C3).
    case crc16XModem = "crc16_xmodem"
    /// CRC-16/KERMIT: poly 0x1021 reflected, init 0 ("123456789" → 0x2189).
    case crc16Kermit = "crc16_kermit"

    /// Bytes the checksum occupies in a frame.
    public var width: Int {
        switch self {
        case .sum8, .xor8: 1
        default: 2
        }
    }

    /// The checksum of `bytes[range]`.
    public func compute(_ bytes: [UInt8], _ range: Range<Int>) -> UInt16 {
        switch self {
        case .sum8:
            var sum: UInt8 = 0
            for i in range { sum &+= bytes[i] }
            return UInt16(sum)
        case .xor8:
            var x: UInt8 = 0
            for i in range { x ^= bytes[i] }
            return UInt16(x)
        case .crc16Modbus: return CRC16.reflected(bytes, range, init: 0xFFFF, table: CRC16.modbusTable)
        case .crc16Kermit: return CRC16.reflected(bytes, range, init: 0, table: CRC16.kermitTable)
        case .crc16CCITT: return CRC16.forward(bytes, range, init: 0xFFFF)
        case .crc16XModem: return CRC16.forward(bytes, range, init: 0)
        }
    }

    /// The checksum of a whole buffer.
    public func compute(_ bytes: [UInt8]) -> UInt16 { compute(bytes, 0..<bytes.count) }
}

/// CRC-16 tables, built once.
enum CRC16 {
    /// Reflected tables: the polynomial bit-reversed (0x8005 → 0xA001, 0x1021 → 0x8408).
    static let modbusTable = reflectedTable(0xA001)
    static let kermitTable = reflectedTable(0x8408)
    static let ccittTable = forwardTable(0x1021)

    static func reflected(_ bytes: [UInt8], _ range: Range<Int>, init: UInt16, table: [UInt16]) -> UInt16 {
        var crc = `init`
        for i in range { crc = (crc >> 8) ^ table[Int((crc ^ UInt16(bytes[i])) & 0xFF)] }
        return crc
    }

    static func forward(_ bytes: [UInt8], _ range: Range<Int>, init: UInt16) -> UInt16 {
        var crc = `init`
        for i in range { crc = (crc << 8) ^ ccittTable[Int(((crc >> 8) ^ UInt16(bytes[i])) & 0xFF)] }
        return crc
    }

    private static func reflectedTable(_ poly: UInt16) -> [UInt16] {
        (0..<256).map { n in
            var c = UInt16(n)
            for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ poly : c >> 1 }
            return c
        }
    }

    private static func forwardTable(_ poly: UInt16) -> [UInt16] {
        (0..<256).map { n in
            var c = UInt16(n) << 8
            for _ in 0..<8 { c = c & 0x8000 != 0 ? (c << 1) ^ poly : c << 1 }
            return c
        }
    }
}
