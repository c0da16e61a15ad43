import FireWatchCore

/// GB/T 26875.3-2011, the frames user information transmission devices (UITDs) send from beside a
/// building's fire alarm panel (`decoder: {builtin: gb26875}`). A gateway forwards the raw TCP bytes
/// as MQTT payloads, so one payload may hold several frames back to back: each is validated (markers,
/// ADU length, checksum) and decoded into one reading per information object.
///
/// Options from the definition's `decoder:` block:
/// - `strict_test_bit: true` makes a clear bit0 of a state word a `test` event (off by default:
///   devices in the field send 0 there in normal operation).
/// - `analog_types: {"128": {"metric": "residual_current_ma", "scale": 1}}` maps analog types the
///   standard leaves to vendors (or overrides its own).
public struct GB26875Decoder: BuiltinDecoder {
    public let id = "gb26875"

    public init() {}

    /// Decodes every frame of `bytes`. Any defect in any frame throws, naming the offset into the
    /// whole payload: a partly understood frame is not trusted, since a misread state word could
    /// raise or clear a fire alarm.
    public func decode(_ bytes: [UInt8], context: DecodeContext) throws(DecodeError) -> [Reading] {
        guard !bytes.isEmpty else {
            throw DecodeError(offset: 0, "empty payload: expected at least one GB/T 26875.3 frame (\"@@\" … \"##\")")
        }
        let session = GB26875Session(
            context: context, clock: GB26875Clock(timeZone: context.timeZone),
            analogTypes: try GB26875AnalogTypes(options: context.options)
        )
        var readings: [Reading] = []
        var start = 0
        while start < bytes.count {
            let frame = try GB26875Frame.parse(bytes, at: start)
            readings += try session.readings(of: frame, in: bytes)
            start = frame.end
        }
        return readings
    }
}

/// What stays the same for every frame of one payload.
struct GB26875Session: Sendable {
    let context: DecodeContext
    let clock: GB26875Clock
    let analogTypes: GB26875AnalogTypes

    /// The readings of one frame, by command:
    /// - send data (2): an empty ADU is the heartbeat UITDs send every 20–30 s, else the ADU's objects;
    /// - response (5): the same objects, answering the centre's read requests (an empty one says nothing);
    /// - control, confirm, request, deny (1, 3, 4, 6) and user-defined commands (128–255): no readings.
    ///   They acknowledge or steer the link and say nothing about the building; a reading with only
    ///   attributes would look to rules like a device report without content.
    func readings(of frame: GB26875Frame, in bytes: [UInt8]) throws(DecodeError) -> [Reading] {
        switch GB26875Frame.Command(rawValue: frame.command) {
        case .sendData where frame.adu.isEmpty:
            let objects = GB26875Objects(session: self, frame: frame, flag: nil, bytes: bytes)
            return [objects.reading(at: try objects.frameTime(), point: nil, events: [DeviceEvent(.heartbeat)])]
        case .sendData, .response:
            if frame.adu.isEmpty { return [] }
            return try GB26875ADU.readings(of: frame, in: bytes, session: self)
        default:
            return []
        }
    }
}
