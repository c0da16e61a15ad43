import FireWatchCore
import Foundation
import Testing

@testable import FireWatchDecoders

/// The type flags beyond the sheet's examples, analog mapping and GB18030 text.
extension GB26875DecoderTests {
    static let sanLou: [UInt8] = [0xc8, 0xfd, 0xc2, 0xa5]  // "三楼" in GB18030

    @Test func gb18030Description() throws {
        let description = Self.sanLou + Array("east ".utf8)  // trailing space trimmed too
        let reading = try single(Self.frame(adu: Self.componentState(type: 42, state: 0x0003, description: description)))
        #expect(reading.point?.description == "三楼east")
        #expect(reading.attributes["description_hex"] == nil)
    }

    @Test func invalidGB18030KeepsTheHex() throws {
        let reading = try single(Self.frame(adu: Self.componentState(type: 42, state: 1, description: [0x42, 0xff, 0xff])))
        #expect(reading.point?.description == "B\u{FFFD}\u{FFFD}")
        #expect(reading.attributes["description_hex"] == .string("42ffff" + String(repeating: "00", count: 28)))
    }

    @Test func blankDescriptionIsAbsent() throws {
        #expect(try single(Self.frame(adu: Self.componentState(type: 42, state: 1))).point?.description == nil)
    }

    @Test func severalObjectsGiveOneReadingEachWithTheirOwnTime() throws {
        let later: [UInt8] = [0x00, 0x0a, 0x0f, 0x0e, 0x03, 0x1a]  // 15:10:00
        let adu: [UInt8] = [1, 2, 1, 2, 0x03, 0x00] + Self.exampleTime + [1, 3, 0x05, 0x00] + later
        let readings = try decode(Self.frame(adu: adu))
        #expect(readings.map(\.point?.systemAddress) == [2, 3])
        #expect(readings.map(\.events) == [[DeviceEvent(.fireAlarm)], [DeviceEvent(.fault)]])
        #expect(readings.map(\.at) == [Self.exampleAt, Self.exampleAt.addingTimeInterval(34)])
    }

    @Test func zeroObjectsGiveNoReadings() throws {
        #expect(try decode(Self.frame(adu: [1, 0])).isEmpty)
    }

    @Test func missingObjectCount() throws {
        let error = try #require(decodeError(Self.frame(adu: [1])))
        #expect(error.offset == 28)
        #expect(error.field == "object_count")
    }

    // MARK: Analog values

    static func analog(type: UInt8, value: Int16) -> [UInt8] {
        let raw = UInt16(bitPattern: value)
        return [3, 1, 0x81, 0x01, 17, 0x01, 0x00, 0x02, 0x00, type, UInt8(raw & 0xff), UInt8(raw >> 8)] + exampleTime
    }

    @Test(arguments: [
        (UInt8(1), Int16(12), "event_count", 12.0), (2, 250, "level_m", 2.5), (3, -55, "temperature_c", -5.5),
        (4, 6, "pressure_mpa", 0.6), (5, 3, "pressure_kpa", 0.3), (6, 105, "gas_lel_pct", 10.5),
        (7, 90, "duration_s", 90), (8, 2200, "voltage_v", 220), (9, 153, "current_a", 15.3),
        (10, 7, "flow_lps", 0.7), (11, 1234, "air_flow_m3min", 123.4), (12, 9, "wind_speed_ms", 9),
    ])
    func analogTypes(type: UInt8, value: Int16, metric: String, expected: Double) throws {
        let reading = try single(Self.frame(adu: Self.analog(type: type, value: value)))
        #expect(reading.metrics == [metric: expected])
        #expect(reading.point == Point(systemType: 0x81, systemAddress: 1, componentType: 17, zone: 1, position: 2))
        #expect(reading.attributes["system_type_name"] == "user-defined")
    }

    @Test func unknownAnalogTypeBecomesAnAttribute() throws {
        let reading = try single(Self.frame(adu: Self.analog(type: 0x80, value: 300)))
        #expect(reading.metrics.isEmpty)
        #expect(reading.attributes["analog_128"] == 300)
    }

    @Test(arguments: ["128", "0x80"])
    func definitionMapsUserDefinedAnalogTypes(key: String) throws {
        let options: [String: JSONValue] = [
            "analog_types": .object([key: .object(["metric": "residual_current_ma", "scale": 1])])
        ]
        let reading = try single(Self.frame(adu: Self.analog(type: 0x80, value: 300)), options)
        #expect(reading.metrics == ["residual_current_ma": 300])
        #expect(reading.attributes["analog_128"] == nil)
    }

    @Test func definitionScaleAndStandardTypesStay() throws {
        let options: [String: JSONValue] = ["analog_types": .object(["129": .object(["metric": "temperature_c", "scale": 0.1])])]
        #expect(try single(Self.frame(adu: Self.analog(type: 0x81, value: 3)), options).metrics == ["temperature_c": 0.3])
        #expect(try single(Self.frame(adu: Self.analog(type: 8, value: 2200)), options).metrics == ["voltage_v": 220])
    }

    @Test(arguments: [
        (JSONValue.string("x"), "analog_types"),
        (.object(["300": .object(["metric": "x"])]), "analog_types.300"),
        (.object(["128": .object(["scale": 1])]), "analog_types.128.metric"),
        (.object(["128": .object(["metric": "x", "scale": "big"])]), "analog_types.128.scale"),
    ])
    func malformedAnalogOptionNamesThePath(option: JSONValue, field: String) throws {
        let error = try #require(decodeError(Self.heartbeat, ["analog_types": option]))
        #expect(error.field == field)
    }

    // MARK: Versions, configuration, clocks

    @Test func systemSoftwareVersion() throws {
        let reading = try single(Self.frame(adu: [5, 1, 1, 2, 3, 4]))
        #expect(reading.attributes["software_version"] == "3.4")
        #expect(reading.events == [DeviceEvent(.startup)])
        #expect(reading.point == Point(systemType: 1, systemAddress: 2))
        #expect(reading.at == Self.exampleAt)  // no timestamp of its own: the frame's time label
    }

    @Test func uitdSoftwareVersion() throws {
        let reading = try single(Self.frame(adu: [25, 1, 2, 9]))
        #expect(reading.attributes["software_version"] == "2.9")
        #expect(reading.point == nil)
    }

    @Test func systemConfigurationText() throws {
        let reading = try single(Self.frame(adu: [6, 1, 1, 2, 4] + Self.sanLou))
        #expect(reading.attributes["system_config"] == "三楼")
        #expect(reading.point == Point(systemType: 1, systemAddress: 2))
        #expect(reading.events.isEmpty)
    }

    @Test func componentConfigurationInBothLayouts() throws {
        let sheet = try single(Self.frame(adu: [7, 1, 1, 2, 2] + Array("ok".utf8)))
        #expect(sheet.attributes["component_config"] == "ok")

        let record: [UInt8] = [7, 1, 1, 2, 42, 5, 0, 9, 0] + Self.sanLou + Array(repeating: 0, count: 27)
        let standard = try single(Self.frame(adu: record))
        let point = Point(systemType: 1, systemAddress: 2, componentType: 42, zone: 5, position: 9, description: "三楼")
        #expect(standard.point == point)
        #expect(standard.attributes["component_config"] == "三楼")
    }

    @Test func uitdConfigurationInBothLayouts() throws {
        #expect(try single(Self.frame(adu: [26, 1, 0, 0, 5] + Array("hello".utf8))).attributes["uitd_config"] == "hello")
        #expect(try single(Self.frame(adu: [26, 1, 5] + Array("hello".utf8))).attributes["uitd_config"] == "hello")
    }

    @Test func damagedConfigurationGetsTheSheetLayoutsError() throws {
        let error = try #require(decodeError(Self.frame(adu: [6, 1, 1, 2, 9] + Array("short".utf8))))
        #expect(error.field == "objects[0].text")
        #expect(error.offset == 27 + 5)
    }

    @Test func systemTimeInBothLayouts() throws {
        let panelClock: [UInt8] = [0x14, 0x09, 0x0f, 0x0e, 0x03, 0x1a]  // 15:09:20
        let sheet = try single(Self.frame(adu: [8, 1] + panelClock))
        #expect(sheet.attributes["system_time"] == "2026-03-14T15:09:20+08:00")
        #expect(sheet.at == Self.exampleAt)

        let standard = try single(Self.frame(adu: [8, 1, 1, 2] + panelClock))
        #expect(standard.attributes["system_time"] == "2026-03-14T15:09:20+08:00")
        #expect(standard.point == Point(systemType: 1, systemAddress: 2))
    }

    @Test func uitdTime() throws {
        let reading = try single(Self.frame(adu: [28, 1] + Self.exampleTime))
        #expect(reading.attributes["uitd_time"] == "2026-03-14T15:09:26+08:00")
        #expect(reading.point == nil)
    }
}
