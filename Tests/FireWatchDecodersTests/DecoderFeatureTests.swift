import FireWatchCore
import FireWatchDecoders
import Foundation
import Testing

/// Decoder features real devices need (issue 19): a metric multiplied by another field, directly
/// or through a code table; `add` on points and attributes and refused where it means nothing; and
/// constants and typical values for the encode direction.
@Suite struct DecoderFeatureTests {
    static let coded = """
          type: binary
          fields:
            - {name: current, offset: 0, type: u16, scale: 0.001, metric: current_a, multiply_by: {field: code, map: {0: 1, 1: 5, 2: 10, 3: 100}}}
            - {name: code, offset: 2, type: u8, bits: 4-5}
            - {name: battery, offset: 3, type: u8, scale: 0.1, metric: battery_v, typical: 3.6}
            - {name: version, offset: 4, type: u8, attribute: version, constant: 1}
        """

    @Test func aMetricIsMultipliedByAnotherFieldThroughItsCodeTable() throws {
        let def = try Inline.decoder(Self.coded)
        // 1000 mA with code 2 (bits 4-5 of byte 2) is 10 A.
        let r = try def.decode(Inline.hex("03 e8 20 24 01"), device: "d", receivedAt: Inline.receivedAt, timeZone: Inline.shanghai)[0]
        #expect(r.metrics["current_a"] == 10)
        // Code 0 is ×1; the other bits of the byte are not the code's.
        let plain = try def.decode(Inline.hex("03 e8 c0 24 01"), device: "d", receivedAt: Inline.receivedAt, timeZone: Inline.shanghai)[0]
        #expect(plain.metrics["current_a"] == 1)
    }

    @Test func aCodeOutsideTheTableNamesTheFieldAndOffset() throws {
        let def = try Inline.decoder(Self.coded.replacingOccurrences(of: "{0: 1, 1: 5, 2: 10, 3: 100}", with: "{0: 1, 1: 5}"))
        let error = try #require(throws: DecodeError.self) {
            try def.decode(Inline.hex("03 e8 30 24 01"), device: "d", receivedAt: Inline.receivedAt, timeZone: Inline.shanghai)
        }
        #expect(error.description.contains("offset 2") && error.description.contains("code") && error.description.contains("multiplier code 3 is not in the map (0, 1)"),
                "\(error)")
    }

    @Test func aDirectMultiplierIsTheOtherFieldsValue() throws {
        let def = try Inline.decoder("""
              type: binary
              fields:
                - {name: current, offset: 0, type: u16, scale: 0.001, metric: current_a, multiply_by: multiplier}
                - {name: multiplier, offset: 2, type: u8, attribute: multiplier}
            """)
        let r = try def.decode(Inline.hex("03 e8 0a"), device: "d", receivedAt: Inline.receivedAt, timeZone: Inline.shanghai)[0]
        #expect(r.metrics["current_a"] == 10 && r.attributes["multiplier"] == .number(10))
    }

    @Test func theEncoderPicksAFactorThatFitsAndWritesConstantsAndTypicalValues() throws {
        let def = try Inline.decoder(Self.coded)
        // 700 A does not fit a u16 of mA at ×1, ×5 or ×10; at ×100 it is 7000.
        let payload = try def.encode(DeviceSample(metrics: ["current_a": 700], at: Inline.receivedAt))
        #expect(payload.bytes == Inline.hex("1b 58 30 24 01"), "\(PayloadText.hex(payload.bytes))")
        let back = try def.decode(payload.bytes, device: "d", receivedAt: Inline.receivedAt, timeZone: Inline.shanghai)[0]
        #expect(back.metrics == ["current_a": 700, "battery_v": 3.6], "a battery the sample does not name is typical, not 0 V")
        #expect(back.attributes["version"] == .number(1), "a constant byte is written whatever the sample says")
    }

    @Test func addPlacesAPointAndIsRefusedWhereItMeansNothing() throws {
        let def = try Inline.decoder("""
              type: binary
              fields:
                - {name: probe, offset: 0, type: u8, point: channel, add: 1}
                - {name: t, offset: 1, type: i16, scale: 0.1, metric: temperature_c}
            """)
        let r = try def.decode(Inline.hex("00 00 fa"), device: "d", receivedAt: Inline.receivedAt, timeZone: Inline.shanghai)[0]
        #expect(r.point?.channel == 1, "a 0-based channel byte read as 1-based")
        let e = try #require(Inline.loadError("  type: binary\n  fields:\n    - {name: a, type: u8, event: fault, add: 1}\n"))
        #expect(e.line == 8 && e.message.contains("\"add\" applies to a metric, an attribute or a numeric point"), "\(e)")
        let typical = try #require(Inline.loadError("  type: binary\n  fields:\n    - {name: a, type: u8, attribute: x, typical: 3}\n"))
        #expect(typical.message.contains("\"typical\" is the value a metric is encoded with"), "\(typical)")
    }

    @Test(arguments: [
        ("  type: binary\n  fields:\n    - {name: a, type: u16, metric: current_a, multiply_by: m}\n", "no field named \"m\""),
        ("  type: binary\n  fields:\n    - {name: a, type: u16, attribute: x, multiply_by: b}\n    - {name: b, type: u8}\n", "multiply_by scales a metric"),
        ("  type: binary\n  fields:\n    - {name: a, type: u16, metric: current_a, multiply_by: a}\n", "cannot multiply itself"),
        ("  type: binary\n  fields:\n    - {name: a, type: u16, metric: current_a, multiply_by: b}\n    - {name: b, type: ascii, length: 2}\n", "must be an integer field"),
        ("  type: binary\n  groups:\n    - {name: g, count: 1, fields: [{name: v, type: u8, metric: current_a, multiply_by: v}]}\n", "multiply_by is for the fields of a layout"),
    ])
    func multiplierMistakesAreReportedAtLoad(block: String, phrase: String) throws {
        let e = try #require(Inline.loadError(block))
        #expect(e.message.contains(phrase), "\(e)")
        #expect(e.line != nil)
    }
}

extension DecoderFeatureTests {
    /// A layout chosen by bits of a byte: the report type in the high nibble, a sequence number in the low one.
    @Test func aLayoutIsChosenByBitsOfAByte() throws {
        let def = try Inline.decoder("""
              type: binary
              layouts:
                - name: status
                  when: {bits: {0: {bits: 4-7, equals: 1}}}
                  fields: [{name: t, offset: 1, type: u8, metric: temperature_c}]
                - name: alarm
                  when: {bits: {0: {bits: 4-7, equals: 2}}}
                  fields: [{name: a, offset: 1, type: u8, event: fire_alarm}]
            """)
        let status = try def.decode(Inline.hex("1f 17"), device: "d", receivedAt: Inline.receivedAt, timeZone: Inline.shanghai)[0]
        #expect(status.metrics["temperature_c"] == 23)
        let alarm = try def.decode(Inline.hex("23 01"), device: "d", receivedAt: Inline.receivedAt, timeZone: Inline.shanghai)[0]
        #expect(alarm.events.map(\.type) == [.fireAlarm])
        #expect(throws: DecodeError.self) { _ = try def.decode(Inline.hex("33 01"), device: "d", receivedAt: Inline.receivedAt, timeZone: Inline.shanghai) }
        // The encode direction writes the nibble and leaves the rest of the byte alone.
        let payload = try def.encode(DeviceSample(events: [.fireAlarm], at: Inline.receivedAt))
        #expect(payload.bytes[0] >> 4 == 2)
    }
}
