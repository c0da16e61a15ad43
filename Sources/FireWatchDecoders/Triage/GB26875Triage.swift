/// A GB/T 26875.3 payload read only as far as urgency needs: each frame's command, its ADU's type
/// flag and the state bits of its objects. A `send data` frame with a fire alarm bit set (system,
/// component or UITD state), or with an operation record (a manual alarm is one), is urgent.
enum GB26875Triage {
    /// Fire alarm: bit 1 of a system's, a component's or the UITD's state.
    static let fireBit: UInt16 = 1 << 1

    static func mayAlarm(_ bytes: [UInt8]) -> Bool {
        var start = 0
        while start + GB26875Frame.overhead <= bytes.count {
            guard bytes[start] == 0x40, bytes[start + 1] == 0x40 else { return false }
            let length = Int(bytes[start + 24]) | Int(bytes[start + 25]) << 8
            let command = bytes[start + 26]
            let adu = (start + 27)..<(start + 27 + length)
            guard length <= GB26875Frame.maxADULength, adu.upperBound + 3 <= bytes.count else { return false }
            if command == 2, length >= 2, urgentADU(bytes, adu) { return true }
            start = adu.upperBound + 3
        }
        return false
    }

    /// Objects follow `type flag | count`: system state 10 bytes (state at 2), component state 46 (state
    /// at 7), UITD state 7 (state at 0, one byte); operations (4, 24) are always urgent.
    static func urgentADU(_ b: [UInt8], _ adu: Range<Int>) -> Bool {
        let type = b[adu.lowerBound]
        let count = Int(b[adu.lowerBound + 1])
        let (size, at, wide): (Int, Int, Bool)
        switch type {
        case 1: (size, at, wide) = (10, 2, true)
        case 2: (size, at, wide) = (46, 7, true)
        case 21: (size, at, wide) = (7, 0, false)
        case 4, 24: return count > 0
        default: return false
        }
        var o = adu.lowerBound + 2
        for _ in 0..<count {
            guard o + size <= adu.upperBound else { return false }
            let state = wide ? UInt16(b[o + at]) | UInt16(b[o + at + 1]) << 8 : UInt16(b[o + at])
            if state & fireBit != 0 { return true }
            o += size
        }
        return false
    }
}
