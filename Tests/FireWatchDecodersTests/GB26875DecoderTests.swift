import FireWatchCore
import Foundation
import Testing

@testable import FireWatchDecoders

/// GB/T 26875.3 decoding, specified by the worked frames of docs/protocols/gb26875-3.md.
@Suite("GB26875Decoder")
struct GB26875DecoderTests {
    // MARK: Fixtures

    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    /// 2026-03-14 15:09:26 in Asia/Shanghai, the time of every example frame.
    static let exampleAt = Date(timeIntervalSince1970: 1_773_472_166)
    /// That time in the protocol's layout: second, minute, hour, day, month, year-2000.
    static let exampleTime: [UInt8] = [0x1a, 0x09, 0x0f, 0x0e, 0x03, 0x1a]

    static let systemAlarm = hex(
        "40 40 07 00 01 01 1a 09 0f 0e 03 1a 01 10 00 00 00 00 02 20 00 00 00 00 0c 00 02 01 01 01 02 03 00 1a 09 0f 0e 03 1a 0c 23 23"
    )
    static let analogTemperature = hex(
        "40 40 08 00 01 01 1a 09 0f 0e 03 1a 01 10 00 00 00 00 02 20 00 00 00 00 12 00 02 03 01 01 02 12 03 00 11 00 03 6b 03 1a 09 0f 0e 03 1a a9 23 23"
    )
    static let componentFault = hex(
        "40 40 09 00 01 01 1a 09 0f 0e 03 1a 01 10 00 00 00 00 02 20 00 00 00 00 30 00 02 02 01 01 02 2a 05 00 09 00 05 00 42 31 20 63 61 72 20 70 61 72 6b 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 1a 09 0f 0e 03 1a 04 23 23"
    )
    static let heartbeat = hex(
        "40 40 0a 00 01 01 1a 09 0f 0e 03 1a 01 10 00 00 00 00 02 20 00 00 00 00 00 00 02 9e 23 23"
    )
    static let examples = [systemAlarm, analogTemperature, componentFault, heartbeat]

    let decoder = GB26875Decoder()

    static func hex(_ text: String) -> [UInt8] {
        text.split(separator: " ").compactMap { UInt8($0, radix: 16) }
    }

    static func context(_ options: [String: JSONValue] = [:]) -> DecodeContext {
        DecodeContext(
            device: "uitd-0007", model: "gb26875/uitd", receivedAt: Date(timeIntervalSince1970: 0),
            timeZone: shanghai, options: options
        )
    }

    /// A frame around `adu` with the examples' header and a correct checksum.
    static func frame(serial: UInt16 = 1, command: UInt8 = 2, time: [UInt8] = exampleTime, adu: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0x40, 0x40, UInt8(serial & 0xff), UInt8(serial >> 8), 0x01, 0x01] + time
        bytes += [0x01, 0x10, 0, 0, 0, 0, 0x02, 0x20, 0, 0, 0, 0]
        bytes += [UInt8(adu.count & 0xff), UInt8(adu.count >> 8), command] + adu
        bytes.append(bytes[2...].reduce(0, &+))
        return bytes + [0x23, 0x23]
    }

    /// A component-state ADU (flag 2) with one object.
    static func componentState(type: UInt8, state: UInt16, description: [UInt8] = []) -> [UInt8] {
        let text = Array((description + Array(repeating: 0, count: 31)).prefix(31))
        return [0x02, 0x01, 0x01, 0x02, type, 0x05, 0x00, 0x09, 0x00, UInt8(state & 0xff), UInt8(state >> 8)]
            + text + exampleTime
    }

    func decode(_ bytes: [UInt8], _ options: [String: JSONValue] = [:]) throws -> [Reading] {
        try decoder.decode(bytes, context: Self.context(options))
    }

    func decodeError(_ bytes: [UInt8], _ options: [String: JSONValue] = [:]) -> DecodeError? {
        do throws(DecodeError) {
            _ = try decoder.decode(bytes, context: Self.context(options))
            return nil
        } catch {
            return error
        }
    }

    func single(_ bytes: [UInt8], _ options: [String: JSONValue] = [:]) throws -> Reading {
        let readings = try decode(bytes, options)
        try #require(readings.count == 1)
        return readings[0]
    }

    // MARK: The sheet's examples

    @Test func builderReproducesTheSheetsFrames() {
        #expect(Self.frame(serial: 7, adu: Array(Self.systemAlarm[27..<39])) == Self.systemAlarm)
        #expect(Self.frame(serial: 10, adu: []) == Self.heartbeat)
    }

    @Test func exampleTimeIsShanghaiLocal() {
        #expect(Timestamps.string(Self.exampleAt, in: Self.shanghai) == "2026-03-14T15:09:26+08:00")
    }

    @Test func systemStateFireAlarm() throws {
        let reading = try single(Self.systemAlarm)
        #expect(reading.device == "uitd-0007")
        #expect(reading.model == "gb26875/uitd")
        #expect(reading.at == Self.exampleAt)
        #expect(reading.point == Point(systemType: 1, systemAddress: 2))
        #expect(reading.events == [DeviceEvent(.fireAlarm)])
        #expect(reading.snapshot)
        #expect(reading.attributes["serial"] == 7)
        #expect(reading.attributes["command"] == 2)
        #expect(reading.attributes["version"] == "1.1")
        #expect(reading.attributes["source_address"] == 0x1001)
        #expect(reading.attributes["destination_address"] == 0x2002)
        #expect(reading.attributes["type_flag"] == 1)
        #expect(reading.attributes["state_word"] == 3)
        #expect(reading.attributes["system_type_name"] == "fire alarm system")
    }

    @Test func analogTemperature() throws {
        let reading = try single(Self.analogTemperature)
        #expect(reading.metrics == ["temperature_c": 87.5])
        #expect(reading.point == Point(systemType: 1, systemAddress: 2, componentType: 18, zone: 3, position: 17))
        #expect(reading.events.isEmpty)
        #expect(!reading.snapshot)
        #expect(reading.at == Self.exampleAt)
        #expect(reading.attributes["component_type_name"] == "temperature-sensing electrical detector")
    }

    @Test func componentFault() throws {
        let reading = try single(Self.componentFault)
        #expect(reading.events == [DeviceEvent(.fault)])
        #expect(
            reading.point
                == Point(systemType: 1, systemAddress: 2, componentType: 42, zone: 5, position: 9, description: "B1 car park")
        )
        #expect(reading.snapshot)
        #expect(reading.at == Self.exampleAt)
        #expect(reading.attributes["component_type_name"] == "photoelectric smoke detector")
    }

    @Test func heartbeat() throws {
        let reading = try single(Self.heartbeat)
        #expect(reading.events == [DeviceEvent(.heartbeat)])
        #expect(reading.point == nil)
        #expect(reading.at == Self.exampleAt)
        #expect(reading.attributes["serial"] == 10)
        #expect(!reading.snapshot)
    }

    @Test func multiFramePayloadDecodesEveryFrameInOrder() throws {
        let readings = try decode(Self.examples.flatMap { $0 })
        #expect(readings.map(\.attributes["serial"]) == [7, 8, 9, 10])
        #expect(readings.map(\.events) == [[DeviceEvent(.fireAlarm)], [], [DeviceEvent(.fault)], [DeviceEvent(.heartbeat)]])
    }

    @Test func registeredInTheBuiltinList() {
        #expect(BuiltinDecoders.named("gb26875") is GB26875Decoder)
    }

    // MARK: Commands

    @Test func responseFrameDecodesLikeAnUpload() throws {
        let reading = try single(Self.frame(serial: 7, command: 5, adu: Array(Self.systemAlarm[27..<39])))
        #expect(reading.events == [DeviceEvent(.fireAlarm)])
        #expect(reading.attributes["command"] == 5)
        #expect(try decode(Self.frame(command: 5, adu: [])).isEmpty)
    }

    @Test(arguments: [UInt8(1), 3, 4, 6, 128, 255])
    func linkCommandsGiveNoReadings(command: UInt8) throws {
        #expect(try decode(Self.frame(command: command, adu: [])).isEmpty)
        #expect(try decode(Self.frame(command: command, adu: [0x51, 0x01])).isEmpty)
    }

    @Test func reservedCommandIsRejected() throws {
        let error = try #require(decodeError(Self.frame(command: 7, adu: [])))
        #expect(error.offset == 26)
        #expect(error.field == "command")
    }

    // MARK: Frame errors

    @Test func corruptedChecksumSaysExpectedAndFound() throws {
        var bytes = Self.systemAlarm
        bytes[39] = 0x0d
        let error = try #require(decodeError(bytes))
        #expect(error.offset == 39)
        #expect(error.field == "checksum")
        #expect(error.reason.contains("expected 0x0c, found 0x0d"))
    }

    @Test func corruptedDataFailsTheChecksum() throws {
        var bytes = Self.systemAlarm
        bytes[31] = 0x07  // state word 0x0007
        let error = try #require(decodeError(bytes))
        #expect(error.field == "checksum")
        #expect(error.reason.contains("expected 0x10, found 0x0c"))
    }

    @Test func errorOffsetsCountFromThePayloadStart() throws {
        var bytes = Self.systemAlarm + Self.analogTemperature
        bytes[42 + 45] ^= 0xff
        let error = try #require(decodeError(bytes))
        #expect(error.offset == 87)
        #expect(error.field == "checksum")
    }

    @Test func badStart() throws {
        var bytes = Self.systemAlarm
        bytes[0] = 0x41
        let error = try #require(decodeError(bytes))
        #expect(error.offset == 0)
        #expect(error.field == "start")
        #expect(error.reason.contains("0x41 0x40"))
    }

    @Test func garbageAfterAFrameIsABadStart() throws {
        let error = try #require(decodeError(Self.heartbeat + [0x0d, 0x0a]))
        #expect(error.offset == 30)
        #expect(error.field == "start")
    }

    @Test func badEnd() throws {
        var bytes = Self.systemAlarm
        bytes[41] = 0x24
        let error = try #require(decodeError(bytes))
        #expect(error.offset == 40)
        #expect(error.field == "end")
        #expect(error.reason.contains("0x23 0x24"))
    }

    @Test(arguments: [UInt8(0x0b), 0x0d, 0x40])
    func lengthNotMatchingTheFrame(length: UInt8) throws {
        var bytes = Self.systemAlarm
        bytes[24] = length
        let error = try #require(decodeError(bytes))
        #expect(error.offset == 24)
        #expect(error.field == "adu_length")
        #expect(error.reason.contains("ADU length \(length) does not match the frame"))
    }

    @Test func lengthOver1024() throws {
        var bytes = Self.heartbeat
        bytes[24] = 0x01
        bytes[25] = 0x04  // 1025
        let error = try #require(decodeError(bytes))
        #expect(error.offset == 24)
        #expect(error.field == "adu_length")
        #expect(error.reason.contains("1025 exceeds the 1024-byte maximum"))
    }

    @Test func truncatedFrame() throws {
        let error = try #require(decodeError(Array(Self.heartbeat.prefix(20))))
        #expect(error.offset == 0)
        #expect(error.field == "frame")
        #expect(try #require(decodeError([])).offset == 0)
    }

    @Test func truncatedObject() throws {
        // Object count 2, but only one 10-byte object follows.
        let error = try #require(decodeError(Self.frame(adu: [0x01, 0x02] + Array(Self.systemAlarm[29..<39]))))
        #expect(error.offset == 39)
        #expect(error.field == "objects[1].system_type")
        #expect(error.reason.contains("truncated"))

        let cut = Self.frame(adu: Array(Self.componentState(type: 42, state: 1).dropLast(3)))
        let inner = try #require(decodeError(cut))
        #expect(inner.offset == 27 + 2 + 40)
        #expect(inner.field == "objects[0].timestamp")
    }

    @Test func bytesLeftAfterTheObjects() throws {
        let error = try #require(decodeError(Self.frame(adu: Array(Self.systemAlarm[27..<39]) + [0xff])))
        #expect(error.offset == 39)
        #expect(error.field == "adu")
    }

    @Test func unknownTypeFlag() throws {
        let error = try #require(decodeError(Self.frame(adu: [0x09, 0x01, 0x00])))
        #expect(error.offset == 27)
        #expect(error.field == "type_flag")
        #expect(error.reason.contains("unknown type flag 9"))
    }

    @Test func invalidObjectDateNamesItsOffset() throws {
        var adu = Array(Self.systemAlarm[27..<39])
        adu[9] = 0x1e  // day 30
        adu[10] = 0x02  // of February
        let error = try #require(decodeError(Self.frame(adu: adu)))
        #expect(error.offset == 27 + 6)
        #expect(error.field == "objects[0].timestamp")
        #expect(error.reason.contains("2026-02-30 15:09:26"))
    }

    @Test func invalidTimeLabelOfAHeartbeat() throws {
        let error = try #require(decodeError(Self.frame(time: [0, 0, 24, 1, 1, 26], adu: [])))
        #expect(error.offset == 6)
        #expect(error.field == "time_label")
    }

    // MARK: State words

    @Test func testBitCountsOnlyWhenStrict() throws {
        var adu = Array(Self.systemAlarm[27..<39])
        adu[4] = 0x02  // fire alarm with bit0 clear, as the standard's own example sends
        let bytes = Self.frame(adu: adu)
        #expect(try single(bytes).events == [DeviceEvent(.fireAlarm)])
        #expect(try single(bytes, ["strict_test_bit": true]).events == [DeviceEvent(.test), DeviceEvent(.fireAlarm)])
        // bit0 set means normal: never a test, strict or not.
        #expect(try single(Self.systemAlarm, ["strict_test_bit": true]).events == [DeviceEvent(.fireAlarm)])
    }

    static let systemBits: [(Int, EventType)] = [
        (1, .fireAlarm), (2, .fault), (3, .disabled), (4, .supervisory), (5, .started), (6, .feedback), (7, .delay),
        (8, .mainPowerFault), (9, .backupPowerFault), (10, .busFault), (11, .manualMode), (12, .configChanged),
        (13, .reset),
    ]

    @Test(arguments: systemBits)
    func systemStateBit(bit: Int, event: EventType) throws {
        var adu = Array(Self.systemAlarm[27..<39])
        let word = UInt16(1) | UInt16(1) << UInt16(bit)
        (adu[4], adu[5]) = (UInt8(word & 0xff), UInt8(word >> 8))
        #expect(try single(Self.frame(adu: adu)).events == [DeviceEvent(event)])
    }

    static let componentBits: [(Int, EventType)] = Array(systemBits.prefix(7)) + [(8, .powerFault)]

    @Test(arguments: componentBits)
    func componentStateBit(bit: Int, event: EventType) throws {
        let reading = try single(Self.frame(adu: Self.componentState(type: 40, state: 1 | 1 << UInt16(bit))))
        #expect(reading.events == [DeviceEvent(event)])
    }

    static let uitdBits: [(Int, EventType)] = [
        (1, .fireAlarm), (2, .fault), (3, .mainPowerFault), (4, .backupPowerFault), (5, .channelFault), (6, .lineFault),
    ]

    @Test(arguments: uitdBits)
    func uitdStateBit(bit: Int, event: EventType) throws {
        let reading = try single(Self.frame(adu: [21, 1, UInt8(1 | 1 << bit)] + Self.exampleTime))
        #expect(reading.events == [DeviceEvent(event)])
        #expect(reading.point == nil)
        #expect(reading.snapshot)
    }

    @Test func uitdStateBit0UnderStrict() throws {
        let bytes = Self.frame(adu: [21, 1, 0x00] + Self.exampleTime)
        #expect(try single(bytes).events.isEmpty)
        #expect(try single(bytes, ["strict_test_bit": true]).events == [DeviceEvent(.test)])
    }

    @Test(arguments: [UInt8(23), 24])
    func manualCallPointInFireAlarm(type: UInt8) throws {
        let reading = try single(Self.frame(adu: Self.componentState(type: type, state: 0x0002)))
        #expect(reading.events == [DeviceEvent(.fireAlarm), DeviceEvent(.manualAlarm)])
        // A fault of the same button is not a manual alarm.
        #expect(try single(Self.frame(adu: Self.componentState(type: type, state: 0x0005))).events == [DeviceEvent(.fault)])
    }

    @Test func smokeDetectorFireAlarmIsNotManual() throws {
        #expect(try single(Self.frame(adu: Self.componentState(type: 42, state: 0x0003))).events == [DeviceEvent(.fireAlarm)])
    }

    @Test func systemOperation() throws {
        let reading = try single(Self.frame(adu: [4, 1, 0x01, 0x02, 0x61, 7] + Self.exampleTime))
        #expect(reading.events == [DeviceEvent(.reset), DeviceEvent(.confirmedByOperator), DeviceEvent(.test)])
        #expect(reading.point == Point(systemType: 1, systemAddress: 2))
        #expect(reading.attributes["operator"] == 7)
        #expect(!reading.snapshot)
    }

    @Test func uitdOperation() throws {
        let reading = try single(Self.frame(adu: [24, 1, 0x3e, 3] + Self.exampleTime))
        #expect(
            reading.events
                == [.silenced, .manualAlarm, .alarmClearedByOperator, .selfTest, .dutyCheckAnswered].map { DeviceEvent($0) }
        )
        #expect(reading.point == nil)
        #expect(reading.at == Self.exampleAt)
    }
}
