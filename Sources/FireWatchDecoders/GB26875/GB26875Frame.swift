import FireWatchCore

/// One validated frame of a payload: header fields and where its ADU lies. All positions are offsets
/// into the whole payload, because several frames arrive back to back in one MQTT message.
struct GB26875Frame: Sendable {
    static let startMarker: [UInt8] = [0x40, 0x40]  // "@@"
    static let endMarker: [UInt8] = [0x23, 0x23]  // "##"
    /// Start, header (25 bytes), checksum and end around the ADU.
    static let overhead = 30
    static let maxADULength = 1024

    /// Commands (命令字节). 128–255 are user-defined; 0 and 7–127 are reserved.
    enum Command: UInt8 {
        case control = 1, sendData = 2, confirm = 3, request = 4, response = 5, deny = 6
    }

    let start: Int
    let serial: UInt16
    let version: (major: UInt8, minor: UInt8)
    /// Offset of the 6-byte time label (device local time), read only when a reading needs it.
    let timeLabelOffset: Int
    let source: UInt64
    let destination: UInt64
    let command: UInt8
    /// The ADU's bytes in the payload; empty for confirm/deny and heartbeats.
    let adu: Range<Int>

    /// Offset just past the frame's end marker: where the next frame starts.
    var end: Int { adu.upperBound + 3 }

    /// Frame-level facts every reading of the frame carries in `attributes`.
    var attributes: [String: JSONValue] {
        [
            "serial": .number(Double(serial)),
            "version": .string("\(version.major).\(version.minor)"),
            "source_address": .number(Double(source)),
            "destination_address": .number(Double(destination)),
            "command": .number(Double(command)),
        ]
    }

    /// Parses and validates the frame starting at `start`: markers, ADU length, checksum, command.
    static func parse(_ bytes: [UInt8], at start: Int) throws(DecodeError) -> GB26875Frame {
        var reader = ByteReader(bytes, from: start)
        let marker = try reader.readBytes(2, "start")
        guard marker.elementsEqual(startMarker) else {
            throw DecodeError(offset: start, field: "start", "expected frame start \"@@\" (0x40 0x40), found \(hex(marker))")
        }
        guard reader.remaining >= overhead - 2 else {
            throw DecodeError(
                offset: start, field: "frame",
                "truncated frame: a frame is at least \(overhead) bytes, only \(reader.remaining + 2) remain"
            )
        }
        let serial = try reader.readUInt16LE("serial")
        let major = try reader.readUInt8("version")
        let minor = try reader.readUInt8("version")
        let timeLabelOffset = reader.offset
        try reader.skip(GB26875Clock.byteCount, "time_label")
        let source = try reader.readUInt(6, "source_address")
        let destination = try reader.readUInt(6, "destination_address")
        let lengthOffset = reader.offset
        let length = Int(try reader.readUInt16LE("adu_length"))
        let command = try reader.readUInt8("command")
        guard length <= maxADULength else {
            throw DecodeError(
                offset: lengthOffset, field: "adu_length", "ADU length \(length) exceeds the \(maxADULength)-byte maximum"
            )
        }
        let adu = reader.offset..<(reader.offset + length)
        try checkEnd(bytes, start: start, adu: adu, lengthOffset: lengthOffset)
        try checkSum(bytes, start: start, adu: adu)
        guard Command(rawValue: command) != nil || command >= 128 else {
            throw DecodeError(
                offset: lengthOffset + 2, field: "command",
                "unknown command \(command) (1 control, 2 send data, 3 confirm, 4 request, 5 response, 6 deny, 128–255 user-defined)"
            )
        }
        return GB26875Frame(
            start: start, serial: serial, version: (major, minor), timeLabelOffset: timeLabelOffset,
            source: source, destination: destination, command: command, adu: adu
        )
    }

    /// The end marker must follow the checksum that follows the ADU. When it does not, a plausible
    /// real end (a "##" with a matching checksum, at the payload's end or before the next "@@")
    /// tells a wrong length field apart from a damaged end marker, and the error says which.
    private static func checkEnd(_ bytes: [UInt8], start: Int, adu: Range<Int>, lengthOffset: Int) throws(DecodeError) {
        let endOffset = adu.upperBound + 1
        if endOffset + 2 <= bytes.count, bytes[endOffset..<(endOffset + 2)].elementsEqual(endMarker) { return }
        let declared = adu.count
        if let actualEnd = plausibleEnd(bytes, start: start, aduStart: adu.lowerBound), actualEnd != endOffset {
            let actual = actualEnd - 1 - adu.lowerBound
            throw DecodeError(
                offset: lengthOffset, field: "adu_length",
                "ADU length \(declared) does not match the frame: its end \"##\" is at offset \(actualEnd), "
                    + "which makes the ADU \(actual) bytes"
            )
        }
        guard endOffset + 2 <= bytes.count else {
            throw DecodeError(
                offset: lengthOffset, field: "adu_length",
                "ADU length \(declared) does not match the frame: it needs \(overhead + declared) bytes "
                    + "from offset \(start), only \(bytes.count - start) remain"
            )
        }
        throw DecodeError(
            offset: endOffset, field: "end",
            "expected frame end \"##\" (0x23 0x23), found \(hex(bytes[endOffset..<(endOffset + 2)]))"
        )
    }

    /// The first offset after the ADU start where "##" closes a frame that ends the payload or is
    /// followed by "@@", and whose checksum would match had the length field given that ADU length
    /// (the field itself is what is suspect). Bounded by the maximum ADU length.
    private static func plausibleEnd(_ bytes: [UInt8], start: Int, aduStart: Int) -> Int? {
        let lengthOffset = aduStart - 3
        let declaredLength = bytes[lengthOffset] &+ bytes[lengthOffset + 1]
        var sum = bytes[(start + 2)..<aduStart].reduce(UInt8(0), &+) &- declaredLength
        var checksumOffset = aduStart
        while checksumOffset + 2 < bytes.count, checksumOffset - aduStart <= maxADULength {
            let endOffset = checksumOffset + 1
            let closes = bytes[endOffset] == 0x23 && bytes[endOffset + 1] == 0x23
            let next = endOffset + 2
            let followed = next == bytes.count || (next + 1 < bytes.count && bytes[next] == 0x40 && bytes[next + 1] == 0x40)
            let length = checksumOffset - aduStart
            let checksum = sum &+ UInt8(truncatingIfNeeded: length) &+ UInt8(truncatingIfNeeded: length >> 8)
            if closes, followed, bytes[checksumOffset] == checksum { return endOffset }
            sum &+= bytes[checksumOffset]
            checksumOffset += 1
        }
        return nil
    }

    /// Checksum: the low 8 bits of the sum of every byte after the start marker up to the ADU's end.
    private static func checkSum(_ bytes: [UInt8], start: Int, adu: Range<Int>) throws(DecodeError) {
        let expected = bytes[(start + 2)..<adu.upperBound].reduce(UInt8(0), &+)
        let found = bytes[adu.upperBound]
        guard expected == found else {
            throw DecodeError(
                offset: adu.upperBound, field: "checksum",
                "checksum expected \(hex(expected)), found \(hex(found))"
            )
        }
    }

    static func hex(_ byte: UInt8) -> String {
        "0x" + String(byte, radix: 16).leftPadded(to: 2)
    }

    static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.map(hex).joined(separator: " ")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
