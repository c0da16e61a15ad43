/// Splits a TCP byte stream from a transmission device into GB/T 26875.3 frames, and says what the
/// centre must answer: a whole frame to handle, a damaged one to deny (with the header fields the
/// deny echoes), or bytes before a start marker to skip (the stream resynchronises on the next `@@`).
/// Pure and allocation-free until a frame is found; the TCP server feeds it its receive buffer.
public enum GB26875StreamFramer {
    /// The fixed part before the ADU: start, serial, version, time label, addresses, length, command.
    public static let headerLength = 27
    public static let overhead = GB26875Frame.overhead
    public static let maxADULength = GB26875Frame.maxADULength
    /// The longest frame the standard allows.
    public static let maxFrameLength = overhead + maxADULength

    /// What the next bytes of the stream are.
    public enum Unit: Sendable, Equatable {
        /// A frame with valid markers, length, checksum and command: `length` bytes from the front.
        case frame(GB26875Header, length: Int)
        /// A frame to deny: `consumed` bytes are dropped (the whole frame when its end is known,
        /// else only its start marker, so the stream resynchronises on the next `@@`).
        case deny(GB26875Header, GB26875DenyReason, consumed: Int)
        /// Bytes that are not a frame (before the next start marker).
        case garbage(Int)
    }

    /// The unit at the front of `bytes`, or nil when more bytes are needed to tell.
    public static func next(_ bytes: UnsafeRawBufferPointer) -> Unit? {
        let n = bytes.count
        guard n > 0 else { return nil }
        if !(n >= 2 && bytes[0] == 0x40 && bytes[1] == 0x40) {
            // A lone "@" may be the first half of a start marker: wait for the next byte.
            if n == 1, bytes[0] == 0x40 { return nil }
            var i = 1
            while i < n, !(bytes[i] == 0x40 && (i + 1 == n || bytes[i + 1] == 0x40)) { i += 1 }
            return .garbage(i)
        }
        guard n >= headerLength else { return nil }
        let header = GB26875Header(bytes)
        guard header.aduLength <= maxADULength else { return .deny(header, .oversizeADU(header.aduLength), consumed: 2) }
        let total = overhead + header.aduLength
        guard n >= total else { return nil }
        guard bytes[total - 2] == 0x23, bytes[total - 1] == 0x23 else {
            return .deny(header, .badEndMarker(offset: total - 2), consumed: 2)
        }
        var sum: UInt8 = 0
        for i in 2..<(headerLength + header.aduLength) { sum &+= bytes[i] }
        let found = bytes[headerLength + header.aduLength]
        guard sum == found else { return .deny(header, .badChecksum(expected: sum, found: found), consumed: total) }
        guard GB26875Frame.Command(rawValue: header.command) != nil || header.command >= 128 else {
            return .deny(header, .unknownCommand(header.command), consumed: total)
        }
        return .frame(header, length: total)
    }
}

/// The header fields of a frame on the wire: what a confirm or deny echoes, and who sent it.
public struct GB26875Header: Sendable, Equatable {
    public var serial: UInt16
    public var versionMajor: UInt8
    public var versionMinor: UInt8
    /// Second, minute, hour, day, month, year − 2000 (device local time), as sent.
    public var timeLabel: [UInt8]
    /// The 6-byte addresses, little-endian as on the wire.
    public var source: UInt64
    public var destination: UInt64
    public var aduLength: Int
    public var command: UInt8

    public init(serial: UInt16, versionMajor: UInt8 = 1, versionMinor: UInt8 = 1, timeLabel: [UInt8], source: UInt64, destination: UInt64,
                aduLength: Int, command: UInt8) {
        self.serial = serial
        self.versionMajor = versionMajor
        self.versionMinor = versionMinor
        self.timeLabel = timeLabel
        self.source = source
        self.destination = destination
        self.aduLength = aduLength
        self.command = command
    }

    /// Reads the 27 header bytes at the front of `b` (the caller checked there are that many).
    init(_ b: UnsafeRawBufferPointer) {
        func le48(_ at: Int) -> UInt64 { (0..<6).reduce(UInt64(0)) { $0 | UInt64(b[at + $1]) << (8 * UInt64($1)) } }
        self.init(
            serial: UInt16(b[2]) | UInt16(b[3]) << 8, versionMajor: b[4], versionMinor: b[5], timeLabel: Array(b[6..<12]),
            source: le48(12), destination: le48(18), aduLength: Int(b[24]) | Int(b[25]) << 8, command: b[26])
    }

    /// The registry's `gb_address` form of an address: 12 hex digits, low byte first (INTERFACES.md).
    public static func addressText(_ address: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(12)
        for i in 0..<6 {
            let byte = Int((address >> (8 * UInt64(i))) & 0xFF)
            out += [digits[byte >> 4], digits[byte & 0xF]]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses a `gb_address` (12 hex digits, low byte first); nil when malformed.
    public static func address(_ text: String) -> UInt64? {
        let t = Array(text.utf8)
        guard t.count == 12 else { return nil }
        var v: UInt64 = 0
        for i in 0..<6 {
            guard let hi = hexDigit(t[2 * i]), let lo = hexDigit(t[2 * i + 1]) else { return nil }
            v |= UInt64(hi << 4 | lo) << (8 * UInt64(i))
        }
        return v
    }

    static func hexDigit(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }
}

/// Why a frame is denied (命令字节 6), in the words the log and the journal use.
public enum GB26875DenyReason: Sendable, Equatable, CustomStringConvertible {
    case badChecksum(expected: UInt8, found: UInt8)
    case unknownCommand(UInt8)
    case oversizeADU(Int)
    case badEndMarker(offset: Int)

    public var description: String {
        switch self {
        case .badChecksum(let e, let f): "checksum expected \(GB26875Frame.hex(e)), found \(GB26875Frame.hex(f))"
        case .unknownCommand(let c): "unknown command \(c) (1 control, 2 send data, 3 confirm, 4 request, 5 response, 6 deny, 128–255 user-defined)"
        case .oversizeADU(let n): "ADU length \(n) exceeds the \(GB26875Frame.maxADULength)-byte maximum"
        case .badEndMarker(let offset): "expected frame end \"##\" (0x23 0x23) at byte \(offset) of the frame"
        }
    }

    /// A short label for metrics.
    public var label: String {
        switch self {
        case .badChecksum: "checksum"
        case .unknownCommand: "command"
        case .oversizeADU: "length"
        case .badEndMarker: "marker"
        }
    }
}
