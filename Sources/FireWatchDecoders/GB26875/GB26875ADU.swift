import FireWatchCore

/// Upstream information type flags (类型标志) a UITD sends. Anything else is rejected: guessing the
/// layout of an unknown type would misplace every byte after it.
enum GB26875TypeFlag: UInt8, CaseIterable, Sendable {
    case systemState = 1, componentState = 2, analogValue = 3, systemOperation = 4, systemVersion = 5
    case systemConfig = 6, componentConfig = 7, systemTime = 8
    case uitdState = 21, uitdOperation = 24, uitdVersion = 25, uitdConfig = 26, uitdTime = 28

    /// The object layout of the fact sheet.
    var layout: GB26875ObjectLayout {
        switch self {
        case .systemState: .systemState
        case .componentState: .componentState
        case .analogValue: .analogValue
        case .systemOperation: .systemOperation
        case .systemVersion: .systemVersion
        case .systemConfig: .configText(attribute: "system_config", addressed: true)
        case .componentConfig: .configText(attribute: "component_config", addressed: true)
        case .systemTime: .time(attribute: "system_time", addressed: false)
        case .uitdState: .uitdState
        case .uitdOperation: .uitdOperation
        case .uitdVersion: .uitdVersion
        case .uitdConfig: .configText(attribute: "uitd_config", addressed: true)
        case .uitdTime: .time(attribute: "uitd_time", addressed: false)
        }
    }

    /// The published standard's layout where it differs from the sheet's: 7 is a 38-byte component
    /// record, 8 has system type and address before the time, 26 has no system type and address.
    /// It is tried only when the sheet's layout does not account for the ADU exactly, so devices
    /// built to either decode, and a damaged ADU still gets the sheet layout's precise error.
    var standardLayout: GB26875ObjectLayout? {
        switch self {
        case .componentConfig: .componentRecord
        case .systemTime: .time(attribute: "system_time", addressed: true)
        case .uitdConfig: .configText(attribute: "uitd_config", addressed: false)
        default: nil
        }
    }

    static let known = allCases.map { String($0.rawValue) }.joined(separator: ", ")
}

/// How one information object is laid out (see `GB26875Objects` for each).
enum GB26875ObjectLayout: Hashable, Sendable {
    case systemState, componentState, analogValue, systemOperation, systemVersion
    case uitdState, uitdOperation, uitdVersion
    /// System type and address (when `addressed`), length L, L bytes of GB18030 text; no timestamp.
    case configText(attribute: String, addressed: Bool)
    /// The standard's component configuration: system, component type, address, 31-byte description.
    case componentRecord
    /// A clock reading (with system type and address first when `addressed`); no separate timestamp.
    case time(attribute: String, addressed: Bool)
}

/// The application data unit: `type flag | object count | objects…`.
enum GB26875ADU {
    static func readings(
        of frame: GB26875Frame, in bytes: [UInt8], session: GB26875Session
    ) throws(DecodeError) -> [Reading] {
        var header = ByteReader(bytes, from: frame.adu.lowerBound, to: frame.adu.upperBound)
        let flagOffset = header.offset
        let rawFlag = try header.readUInt8("type_flag")
        let count = Int(try header.readUInt8("object_count"))
        guard let flag = GB26875TypeFlag(rawValue: rawFlag) else {
            throw DecodeError(
                offset: flagOffset, field: "type_flag",
                "unknown type flag \(rawFlag) (known upstream flags: \(GB26875TypeFlag.known))"
            )
        }
        let objects = GB26875Objects(session: session, frame: frame, flag: flag, bytes: bytes)
        do throws(DecodeError) {
            return try readings(count, flag.layout, from: header, objects: objects)
        } catch {
            if let standard = flag.standardLayout,
                let readings = try? readings(count, standard, from: header, objects: objects)
            {
                return readings
            }
            throw error
        }
    }

    /// Reads `count` objects of one layout; the ADU must end exactly after the last one, since
    /// leftover bytes mean the layout (or the count) was not what the device meant.
    private static func readings(
        _ count: Int, _ layout: GB26875ObjectLayout, from start: ByteReader, objects: GB26875Objects
    ) throws(DecodeError) -> [Reading] {
        var reader = start
        var readings: [Reading] = []
        readings.reserveCapacity(count)
        for index in 0..<count {
            readings.append(try objects.read(layout, from: &reader, field: "objects[\(index)]"))
        }
        guard reader.isAtEnd else {
            throw DecodeError(
                offset: reader.offset, field: "adu",
                "\(reader.remaining) byte(s) left after the \(count) object(s) the object count announces"
            )
        }
        return readings
    }
}
