import FireWatchCore
import Foundation

/// Builds GB/T 26875.3 frames — the encode direction of `builtin: gb26875`, used by `firewatch
/// simulate` and by tests to publish the bytes a real UITD would send.
public struct GB26875FrameBuilder: Sendable {
    public var serial: UInt16
    public var source: UInt64
    public var destination: UInt64
    public var timeZone: TimeZone

    public init(serial: UInt16 = 1, source: UInt64 = 0x1001, destination: UInt64 = 0x2002, timeZone: TimeZone) {
        self.serial = serial
        self.source = source
        self.destination = destination
        self.timeZone = timeZone
    }

    /// A component state object (type flag 2): `state` bits as in the standard (bit1 fire alarm, bit2 fault, ...).
    public struct ComponentState: Sendable {
        public var systemType: UInt8 = 1
        public var systemAddress: UInt8 = 1
        public var componentType: UInt8
        public var zone: UInt16
        public var position: UInt16
        public var state: UInt16
        /// ASCII or GB18030 bytes, at most 31.
        public var description: [UInt8] = []

        public init(systemType: UInt8 = 1, systemAddress: UInt8 = 1, componentType: UInt8, zone: UInt16, position: UInt16,
                    state: UInt16, description: [UInt8] = []) {
            self.systemType = systemType
            self.systemAddress = systemAddress
            self.componentType = componentType
            self.zone = zone
            self.position = position
            self.state = state
            self.description = description
        }
    }

    /// State word bits (GB/T 26875.3 system and component state).
    public enum StateBit {
        public static let fireAlarm: UInt16 = 1 << 1
        public static let fault: UInt16 = 1 << 2
        public static let disabled: UInt16 = 1 << 3
        public static let supervisory: UInt16 = 1 << 4
    }

    /// A `send data` frame with component state objects.
    public func componentStates(_ objects: [ComponentState], at date: Date) -> [UInt8] {
        var adu: [UInt8] = [2, UInt8(objects.count)]
        for o in objects {
            adu += [o.systemType, o.systemAddress, o.componentType]
            adu += Self.le(o.zone) + Self.le(o.position) + Self.le(o.state)
            adu += Array(o.description.prefix(31)) + Array(repeating: 0, count: max(0, 31 - o.description.count))
            adu += timeLabel(date)
        }
        return frame(command: 2, adu: adu, at: date)
    }

    /// A `send data` frame with one building fire system state object (type flag 1).
    public func systemState(systemType: UInt8 = 1, systemAddress: UInt8 = 1, state: UInt16, at date: Date) -> [UInt8] {
        frame(command: 2, adu: [1, 1, systemType, systemAddress] + Self.le(state) + timeLabel(date), at: date)
    }

    /// A `send data` frame with one UITD operation record (type flag 24): bit5 of `flags` is "duty check answered".
    public func uitdOperation(flags: UInt8, operatorNumber: UInt8 = 0, at date: Date) -> [UInt8] {
        frame(command: 2, adu: [24, 1, flags, operatorNumber] + timeLabel(date), at: date)
    }

    /// A heartbeat: `send data` with an empty ADU.
    public func heartbeat(at date: Date) -> [UInt8] { frame(command: 2, adu: [], at: date) }

    /// Start, header, ADU, checksum (sum of header and ADU after the start bytes), end.
    public func frame(command: UInt8, adu: [UInt8], at date: Date) -> [UInt8] {
        Self.frame(serial: serial, version: (1, 1), timeLabel: timeLabel(date), source: source, destination: destination, command: command, adu: adu)
    }

    static func frame(serial: UInt16, version: (UInt8, UInt8), timeLabel: [UInt8], source: UInt64, destination: UInt64, command: UInt8,
                      adu: [UInt8]) -> [UInt8] {
        var body: [UInt8] = le(serial) + [version.0, version.1] + timeLabel
        body += le48(source) + le48(destination) + le(UInt16(adu.count)) + [command] + adu
        let checksum = body.reduce(UInt8(0)) { $0 &+ $1 }
        return [0x40, 0x40] + body + [checksum, 0x23, 0x23]
    }

    /// The centre's answer to a frame: `confirm` (3) or `deny` (6) with the frame's serial, version and
    /// time label, the addresses swapped and an empty ADU.
    public static func reply(to h: GB26875Header, command: UInt8) -> [UInt8] {
        frame(serial: h.serial, version: (h.versionMajor, h.versionMinor), timeLabel: h.timeLabel, source: h.destination,
              destination: h.source, command: command, adu: [])
    }

    /// Downlink type flags (control command 1).
    public enum Downlink {
        /// Synchronise the device's clock: one 6-byte time.
        public static let clockSync: UInt8 = 90
        /// Duty check (查岗): the control room must answer; the device reports it as an operation record.
        public static let dutyCheck: UInt8 = 91
    }

    /// A `control` (1) frame setting the device's clock to `date` (type flag 90, one object: the time).
    public func clockSync(at date: Date) -> [UInt8] {
        frame(command: 1, adu: [Downlink.clockSync, 1] + timeLabel(date), at: date)
    }

    /// A `control` (1) frame asking the control room to answer a duty check (type flag 91, one object:
    /// the time of the check).
    public func dutyCheck(at date: Date) -> [UInt8] {
        frame(command: 1, adu: [Downlink.dutyCheck, 1] + timeLabel(date), at: date)
    }

    /// A frame (or several back to back) with another serial and addresses, checksums redone: what a
    /// device with its own address and counter sends for a frame encoded elsewhere.
    public static func readdressed(_ frames: [UInt8], serial: UInt16, source: UInt64, destination: UInt64) -> [UInt8] {
        var out = frames
        var start = 0
        while start + GB26875StreamFramer.overhead <= out.count, out[start] == 0x40, out[start + 1] == 0x40 {
            let length = Int(out[start + 24]) | Int(out[start + 25]) << 8
            let end = start + GB26875StreamFramer.overhead + length
            guard end <= out.count else { break }
            out.replaceSubrange((start + 2)..<(start + 4), with: le(serial))
            out.replaceSubrange((start + 12)..<(start + 18), with: le48(source))
            out.replaceSubrange((start + 18)..<(start + 24), with: le48(destination))
            out[end - 3] = out[(start + 2)..<(end - 3)].reduce(UInt8(0), &+)
            start = end
        }
        return out
    }

    /// The answer a device gives a frame from the centre (its confirm), for simulators.
    public func confirm(_ h: GB26875Header) -> [UInt8] { Self.reply(to: h, command: 3) }

    /// Second, minute, hour, day, month, year − 2000 in the device's local time.
    public func timeLabel(_ date: Date) -> [UInt8] {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return [c.second!, c.minute!, c.hour!, c.day!, c.month!, c.year! - 2000].map { UInt8(clamping: $0) }
    }

    static func le(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    static func le48(_ v: UInt64) -> [UInt8] { (0..<6).map { UInt8((v >> (8 * UInt64($0))) & 0xFF) } }
}
