import FireWatchCore
import Foundation

/// Turns the information objects of one frame into readings, one reading per object. Every field is
/// read through `ByteReader`, so a short object throws naming the field (`objects[2].timestamp`) and
/// its offset in the payload.
struct GB26875Objects: Sendable {
    private static let descriptionLength = 31

    private let session: GB26875Session
    private let frame: GB26875Frame
    private let bytes: [UInt8]
    private let baseAttributes: [String: JSONValue]
    private let strictTestBit: Bool

    init(session: GB26875Session, frame: GB26875Frame, flag: GB26875TypeFlag?, bytes: [UInt8]) {
        self.session = session
        self.frame = frame
        self.bytes = bytes
        var attributes = frame.attributes
        if let flag { attributes["type_flag"] = number(flag.rawValue) }
        self.baseAttributes = attributes
        self.strictTestBit = session.context.flag("strict_test_bit")
    }

    /// Reads one object of `layout`; `field` names it in errors.
    func read(_ layout: GB26875ObjectLayout, from r: inout ByteReader, field: String) throws(DecodeError) -> Reading {
        switch layout {
        case .systemState: try systemState(&r, field)
        case .componentState: try componentState(&r, field)
        case .analogValue: try analogValue(&r, field)
        case .systemOperation: try operation(&r, field, addressed: true, GB26875StateWords.systemOperation)
        case .uitdOperation: try operation(&r, field, addressed: false, GB26875StateWords.uitdOperation)
        case .systemVersion: try version(&r, field, addressed: true)
        case .uitdVersion: try version(&r, field, addressed: false)
        case .uitdState: try uitdState(&r, field)
        case .configText(let attribute, let addressed): try configText(&r, field, attribute, addressed: addressed)
        case .componentRecord: try componentRecord(&r, field)
        case .time(let attribute, let addressed): try time(&r, field, attribute, addressed: addressed)
        }
    }

    // MARK: Objects

    private func systemState(_ r: inout ByteReader, _ field: String) throws(DecodeError) -> Reading {
        let point = try system(&r, field)
        let word = try r.readUInt16LE("\(field).state_word")
        return reading(
            at: try timestamp(&r, field), point: point,
            events: GB26875StateWords.stateEvents(word, GB26875StateWords.system, strictTestBit: strictTestBit),
            attributes: ["state_word": number(word)], snapshot: true
        )
    }

    private func componentState(_ r: inout ByteReader, _ field: String) throws(DecodeError) -> Reading {
        var point = try component(&r, field)
        let word = try r.readUInt16LE("\(field).state_word")
        var attributes: [String: JSONValue] = ["state_word": number(word)]
        point.description = try description(&r, field, into: &attributes)
        var events = GB26875StateWords.stateEvents(word, GB26875StateWords.component, strictTestBit: strictTestBit)
        // A fire alarm from a button is someone raising it by hand: rules confirm those at once.
        if let type = point.componentType, GB26875CodeTables.manualAlarmComponents.contains(UInt8(truncatingIfNeeded: type)),
            let fire = events.firstIndex(where: { $0.type == .fireAlarm })
        {
            events.insert(DeviceEvent(.manualAlarm), at: fire + 1)
        }
        return reading(at: try timestamp(&r, field), point: point, events: events, attributes: attributes, snapshot: true)
    }

    private func analogValue(_ r: inout ByteReader, _ field: String) throws(DecodeError) -> Reading {
        let point = try component(&r, field)
        let type = try r.readUInt8("\(field).analog_type")
        let raw = try r.readInt16LE("\(field).value")
        var metrics: [String: Double] = [:]
        var attributes: [String: JSONValue] = [:]
        if let mapping = session.analogTypes.metric(for: type) {
            metrics[mapping.metric] = mapping.value(raw)
        } else {
            attributes["analog_\(type)"] = number(raw)
        }
        return reading(at: try timestamp(&r, field), point: point, metrics: metrics, attributes: attributes)
    }

    private func operation(
        _ r: inout ByteReader, _ field: String, addressed: Bool, _ table: [(bit: Int, event: EventType)]
    ) throws(DecodeError) -> Reading {
        let point = addressed ? try system(&r, field) : nil
        let flags = try r.readUInt8("\(field).operation_flags")
        let operatorNumber = try r.readUInt8("\(field).operator")
        return reading(
            at: try timestamp(&r, field), point: point, events: GB26875StateWords.events(UInt16(flags), table),
            attributes: ["operation_flags": number(flags), "operator": number(operatorNumber)]
        )
    }

    /// A version report is what a UITD or panel sends after booting or when asked: `startup`.
    private func version(_ r: inout ByteReader, _ field: String, addressed: Bool) throws(DecodeError) -> Reading {
        let point = addressed ? try system(&r, field) : nil
        let major = try r.readUInt8("\(field).major_version")
        let minor = try r.readUInt8("\(field).minor_version")
        return reading(
            at: try frameTime(), point: point, events: [DeviceEvent(.startup)],
            attributes: ["software_version": .string("\(major).\(minor)")]
        )
    }

    private func uitdState(_ r: inout ByteReader, _ field: String) throws(DecodeError) -> Reading {
        let state = try r.readUInt8("\(field).state_word")
        return reading(
            at: try timestamp(&r, field), point: nil,
            events: GB26875StateWords.stateEvents(UInt16(state), GB26875StateWords.uitd, strictTestBit: strictTestBit),
            attributes: ["state_word": number(state)], snapshot: true
        )
    }

    private func configText(
        _ r: inout ByteReader, _ field: String, _ attribute: String, addressed: Bool
    ) throws(DecodeError) -> Reading {
        let point = addressed ? try system(&r, field) : nil
        let length = Int(try r.readUInt8("\(field).length"))
        let text = try r.readBytes(length, "\(field).text")
        var attributes: [String: JSONValue] = [:]
        if let (decoded, lossy) = GB18030Text.decode(text) {
            attributes[attribute] = .string(decoded)
            if lossy { attributes["\(attribute)_hex"] = .string(GB18030Text.hex(text)) }
        }
        return reading(at: try frameTime(), point: point, attributes: attributes)
    }

    private func componentRecord(_ r: inout ByteReader, _ field: String) throws(DecodeError) -> Reading {
        var point = try component(&r, field)
        var attributes: [String: JSONValue] = [:]
        point.description = try description(&r, field, into: &attributes)
        if let text = point.description { attributes["component_config"] = .string(text) }
        return reading(at: try frameTime(), point: point, attributes: attributes)
    }

    /// A clock report. `at` stays the frame's time label (when the report was sent); the clock
    /// reading goes to attributes so a drifting panel clock can be spotted.
    private func time(
        _ r: inout ByteReader, _ field: String, _ attribute: String, addressed: Bool
    ) throws(DecodeError) -> Reading {
        let point = addressed ? try system(&r, field) : nil
        let clock = try session.clock.read(&r, "\(field).time")
        return reading(
            at: try frameTime(), point: point,
            attributes: [attribute: .string(Timestamps.string(clock, in: session.context.timeZone))]
        )
    }

    // MARK: Fields

    private func system(_ r: inout ByteReader, _ field: String) throws(DecodeError) -> Point {
        let type = try r.readUInt8("\(field).system_type")
        let address = try r.readUInt8("\(field).system_address")
        return Point(systemType: Int(type), systemAddress: Int(address))
    }

    /// System, component type and the 4-byte component address (zone LE, position LE).
    private func component(_ r: inout ByteReader, _ field: String) throws(DecodeError) -> Point {
        var point = try system(&r, field)
        point.componentType = Int(try r.readUInt8("\(field).component_type"))
        point.zone = Int(try r.readUInt16LE("\(field).zone"))
        point.position = Int(try r.readUInt16LE("\(field).position"))
        return point
    }

    /// The 31-byte GB18030 description; raw hex goes to `description_hex` when it is not valid GB18030.
    private func description(
        _ r: inout ByteReader, _ field: String, into attributes: inout [String: JSONValue]
    ) throws(DecodeError) -> String? {
        let raw = try r.readBytes(Self.descriptionLength, "\(field).description")
        guard let (text, lossy) = GB18030Text.decode(raw) else { return nil }
        if lossy { attributes["description_hex"] = .string(GB18030Text.hex(raw)) }
        return text
    }

    private func timestamp(_ r: inout ByteReader, _ field: String) throws(DecodeError) -> Date {
        try session.clock.read(&r, "\(field).timestamp")
    }

    /// The frame's time label, for heartbeats and objects that carry no timestamp of their own.
    func frameTime() throws(DecodeError) -> Date {
        var reader = ByteReader(bytes, from: frame.timeLabelOffset)
        return try session.clock.read(&reader, "time_label")
    }

    // MARK: Readings

    /// A reading with the frame's attributes, the code-table names of the point, and `attributes`.
    func reading(
        at: Date, point: Point?, events: [DeviceEvent] = [], metrics: [String: Double] = [:],
        attributes: [String: JSONValue] = [:], snapshot: Bool = false
    ) -> Reading {
        var all = baseAttributes
        if let type = point?.systemType.flatMap(UInt8.init(exactly:)) {
            all["system_type_name"] = .string(GB26875CodeTables.systemTypeName(type))
        }
        if let type = point?.componentType.flatMap(UInt8.init(exactly:)) {
            all["component_type_name"] = .string(GB26875CodeTables.componentTypeName(type))
        }
        all.merge(attributes) { _, object in object }
        return Reading(
            device: session.context.device, model: session.context.model, at: at, point: point,
            metrics: metrics, events: events, attributes: all, snapshot: snapshot
        )
    }
}

private func number<T: BinaryInteger>(_ value: T) -> JSONValue { .number(Double(value)) }
