import FireWatchCore
import FireWatchDecoders
import Foundation
import Testing

/// The `binary` decoder type, one feature at a time, through definitions as vendors write them.
@Suite struct BinaryDecoderTests {
    @Test func widthsEndiannessSignednessAndScale() throws {
        let def = try Inline.decoder("""
              type: binary
              endian: little
              fields:
                - {name: a, offset: 0, type: u16, endian: big, metric: current_a, scale: 0.01}
                - {name: b, offset: 2, type: i16, metric: temperature_c, scale: 0.1}
                - {name: c, offset: 4, type: i8, metric: signal_dbm}
                - {name: d, offset: 5, type: u24, metric: event_count}
                - {name: e, offset: 8, type: i32, metric: level_m, scale: 0.001, add: 1}
                - {name: f, offset: 12, type: f32, metric: voltage_v}
            """)
        // 0x2710 = 100.00 A (big-endian), 0xff9c = -10.0 C (little), 0xb9 = -71, 0x010203 (LE) = 197121,
        // 0xfffffc18 = -1000 -> -1 + 1 = 0, f32 229.5
        let r = try def.decode(hex: "27 10 9c ff b9 03 02 01 18 fc ff ff 00 80 65 43")
        #expect(r.count == 1)
        #expect(r[0].metrics == ["current_a": 100, "temperature_c": -10, "signal_dbm": -71, "event_count": 66_051, "level_m": 0, "voltage_v": 229.5])
    }

    @Test func bitFieldsShareAByte() throws {
        let def = try Inline.decoder("""
              type: binary
              fields:
                - {name: battery, offset: 0, type: u8, bits: 0-6, scale: 0.1, metric: battery_v}
                - {name: low, offset: 0, type: u8, bits: 7, event: low_battery}
                - {name: nibble, offset: 1, type: u8, bits: [4, 7], attribute: high_nibble}
                - {name: signed_bits, offset: 1, type: i8, bits: 0-3, attribute: low_nibble_signed}
            """)
        let r = try def.decode(hex: "9c 5e")[0]
        #expect(r.metrics["battery_v"] == 2.8)
        #expect(r.eventTypes == [.lowBattery])
        #expect(r.attributes["high_nibble"] == 5)
        #expect(r.attributes["low_nibble_signed"] == -2)
        #expect(try def.decode(hex: "1e 00")[0].events.isEmpty)
    }

    @Test func flagsEnumMapsLabelsAndConditions() throws {
        let def = try Inline.decoder("""
              type: binary
              fields:
                - name: status
                  offset: 0
                  type: u16
                  flags: {0: residual_current_alarm, 2: {event: over_temperature, channel: 2}, 8: fault}
                - name: state
                  offset: 2
                  type: u8
                  attribute: state
                  labels: {0: normal, 1: alarm, 3: fault}
                  events: {0: [], 1: gas_alarm, 3: [fault, gas_alarm]}
                - {name: level, offset: 3, type: u8, event: pre_alarm, when: {at_least: 20, below: 50}}
                - {name: code, offset: 4, type: u8, event: test, when: {in: [0x0a, 0x0b]}}
            """)
        let r = try def.decode(hex: "01 05 03 19 0b")[0]
        #expect(Set(r.events) == [
            DeviceEvent(.residualCurrentAlarm), DeviceEvent(.overTemperature, channel: 2), DeviceEvent(.fault),
            DeviceEvent(.gasAlarm), DeviceEvent(.preAlarm), DeviceEvent(.test),
        ])
        #expect(r.events.filter { $0.type == .fault }.count == 1, "an event said twice is reported once")
        #expect(r.attributes["state"] == "fault")
        let quiet = try def.decode(hex: "00 00 00 32 01")[0]
        #expect(quiet.events.isEmpty)
        #expect(quiet.attributes["state"] == "normal")
        #expect(try def.decode(hex: "00 00 07 00 00")[0].attributes["state"] == 7, "a value without a label stays a number")
    }

    @Test func invalidValuesAreEventsNotReadings() throws {
        let def = try Inline.decoder("""
              type: binary
              fields:
                - {name: t, offset: 0, type: i16, scale: 0.1, metric: temperature_c, invalid: {0x7fff: fault, 0x8000: [fault, tamper]}}
            """)
        #expect(try def.decode(hex: "00 fa")[0].metrics == ["temperature_c": 25])
        let open = try def.decode(hex: "7f ff")[0]
        #expect(open.metrics.isEmpty && open.eventTypes == [.fault])
        #expect(try def.decode(hex: "80 00")[0].eventTypes == [.fault, .tamper])
    }

    @Test func layoutsAreChosenByFportAndBytes() throws {
        let def = try Inline.decoder("""
              type: binary
              layouts:
                - name: config
                  when: {fport: 7}
                  fields: [{name: interval, offset: 0, type: u16, attribute: interval_s}]
                - name: alarm
                  when: {fport: [6, 8], bytes: {0: 0x01}}
                  length: 2
                  emit: [fire_alarm]
                  fields: [{name: battery, offset: 1, type: u8, metric: battery_pct}]
                - name: heartbeat
                  when: {bytes: {0: [0x02, 0x03]}}
                  emit: [heartbeat]
            """)
        #expect(try def.decode(hex: "01 5a", fport: 6)[0].eventTypes == [.fireAlarm])
        #expect(try def.decode(hex: "01 5a", fport: 7)[0].attributes["interval_s"] == 346)
        #expect(try def.decode(hex: "03", fport: 6)[0].eventTypes == [.heartbeat])
        #expect(try def.decode(hex: "01 5a")[0].eventTypes == [.fireAlarm], "without an fPort the bytes decide")
        let none = try #require(def.decodeError(hex: "09 5a", fport: 6))
        #expect(none.offset == 0 && none.field == "layout")
        #expect(none.reason.contains("byte 0 = 0x09") && none.reason.contains("alarm: fport 6/8, byte 0 = 0x01"))
        #expect(def.decodeError(hex: "01 5a 00", fport: 6)?.reason == "payload is 3 bytes, the alarm layout needs 2")
    }

    @Test func lengthFieldMarkersChecksumAndTailFromTheEnd() throws {
        let def = try Inline.decoder("""
              type: binary
              length_field: len
              checksum: {algorithm: sum8, from: 1, to: -2, at: -2}
              fields:
                - {name: start, offset: 0, type: hex, length: 1, expect: "7e", expect_error: frame start}
                - {name: len, offset: 1, type: u8}
                - {name: value, offset: 2, type: u8, metric: battery_pct}
                - {name: end, offset: -1, type: hex, length: 1, expect: "7f"}
            """)
        #expect(try def.decode(hex: "7e 05 50 55 7f")[0].metrics["battery_pct"] == 80)
        #expect(def.decodeError(hex: "7d 05 50 55 7f") == DecodeError(offset: 0, field: "start", "frame start: expected 7e, found \"7d\""))
        #expect(def.decodeError(hex: "7e 05 50 56 7f") == DecodeError(offset: 3, field: "checksum", "sum8 checksum expected 0x55, found 0x56"))
        #expect(def.decodeError(hex: "7e 06 50 55 7f")?.reason == "length 6 does not match the payload's 5 bytes")
        #expect(def.decodeError(hex: "7e 05 50 55 7e")?.field == "end")
        #expect(def.decodeError(hex: "7e 05")?.field == "length")
    }

    @Test func countedRecordsGetTheirOwnTimes() throws {
        let def = try Inline.decoder("""
              type: binary
              fields:
                - {name: interval, offset: 0, type: u16}
                - {name: n, offset: 2, type: u8}
                - {name: at, offset: 3, type: u32, time: unix}
              groups:
                - name: records
                  count: n
                  max: 3
                  at: {base: at, step: interval, newest: last}
                  fields: [{name: p, type: u16, scale: 0.001, metric: pressure_mpa}]
            """)
        let r = try def.decode(hex: "01 2c 02 69 b5 09 a6 00 6e 00 5c")
        #expect(r.count == 3)
        #expect(r[0].at == Inline.receivedAt && r[0].metrics.isEmpty)
        #expect(r[1].metrics == ["pressure_mpa": 0.110] && r[1].at == Inline.receivedAt.addingTimeInterval(-300))
        #expect(r[2].metrics == ["pressure_mpa": 0.092] && r[2].at == Inline.receivedAt)
        #expect(!r[1].snapshot && !r[2].snapshot)
        #expect(def.decodeError(hex: "01 2c 02 69 b5 09 a6 00 6e")?.reason.contains("need 4 bytes") == true)
        #expect(def.decodeError(hex: "01 2c 02 69 b5 09 a6 00 6e 00 5c 00")?.reason.contains("need 4 bytes") == true, "records must fill the frame")
        #expect(def.decodeError(hex: "01 2c 04 69 b5 09 a6 00 6e 00 5c 00 01 00 02")?.reason.contains("maximum 3") == true)
        #expect(try def.decode(hex: "01 2c 00 69 b5 09 a6").count == 1)
    }

    @Test func fixedChannelGroupsSuffixMetricsAndTagEvents() throws {
        let def = try Inline.decoder("""
              type: binary
              fields: [{name: rc, offset: 0, type: u16, metric: residual_current_ma}]
              groups:
                - name: cables
                  count: 3
                  as: channels
                  fields:
                    - {name: t, type: i16, scale: 0.1, metric: temperature_c, invalid: {0x7fff: fault}}
                    - {name: alarm, type: u8, event: over_temperature}
            """)
        let r = try def.decode(hex: "01 f4 00 fa 00 7f ff 00 03 93 01")
        #expect(r.count == 1)
        #expect(r[0].metrics == ["residual_current_ma": 500, "temperature_c_1": 25, "temperature_c_3": 91.5])
        #expect(Set(r[0].events) == [DeviceEvent(.fault, channel: 2), DeviceEvent(.overTemperature, channel: 3)])
    }

    @Test func textFieldsAndLocalTimes() throws {
        let def = try Inline.decoder("""
              type: binary
              fields:
                - {name: code, offset: 0, type: ascii, length: 6, attribute: device_code}
                - {name: id, offset: 6, type: bcd, length: 2, attribute: id}
                - {name: time, offset: 8, type: bcd, length: 6, time: local}
            """)
        let r = try def.decode(hex: "53 48 4d 4b 00 20 12 34 26 03 14 15 09 26")[0]
        #expect(r.attributes["device_code"] == "SHMK")
        #expect(r.attributes["id"] == "1234")
        #expect(r.at == Inline.receivedAt, "15:09:26 in Shanghai is 07:09:26Z")
        #expect(def.decodeError(hex: "53 48 4d 4b 00 20 12 34 26 02 30 15 09 26")?.reason.contains("not a valid local time") == true)
        #expect(def.decodeError(hex: "53 48 4d 4b 00 20 12 34 26 0a 14 15 09 26")?.field == "time")
    }

    @Test func expectAndRangeMakeAPayloadMalformed() throws {
        let def = try Inline.decoder("""
              type: binary
              fields:
                - {name: type, offset: 0, type: u8, expect: [1, 2], expect_error: unsupported device type}
                - {name: pct, offset: 1, type: u8, metric: battery_pct, range: [0, 100]}
            """)
        #expect(try def.decode(hex: "02 64")[0].metrics["battery_pct"] == 100)
        #expect(def.decodeError(hex: "03 64") == DecodeError(offset: 0, field: "type", "unsupported device type: expected 1 or 2, found 3"))
        #expect(def.decodeError(hex: "01 65") == DecodeError(offset: 1, field: "pct", "101 is outside the valid range 0...100"))
    }

    @Test func rejectingLayoutsSayWhy() throws {
        let def = try Inline.decoder("""
              type: binary
              layouts:
                - {name: exception, when: {bytes: {1: 0x83}}, reject: Modbus exception response}
                - {name: data, when: {bytes: {1: 0x03}}, fields: [{name: v, offset: 2, type: u8, metric: battery_pct}]}
            """)
        #expect(def.decodeError(hex: "01 83 02") == DecodeError(offset: 1, field: "exception", "Modbus exception response"))
        #expect(try def.decode(hex: "01 03 50")[0].metrics["battery_pct"] == 80)
    }

    @Test func snapshotComesFromTheLayoutOrTheDefinition() throws {
        let block = """
              type: binary
              layouts:
                - {name: status, when: {bytes: {0: 1}}, snapshot: true}
                - {name: boot, when: {bytes: {0: 2}}, snapshot: false, emit: [startup]}
                - {name: other, when: {bytes: {0: 3}}}
            """
        let def = try Inline.decoder(block)
        #expect(try def.decode(hex: "01")[0].snapshot)
        #expect(try !def.decode(hex: "02")[0].snapshot)
        #expect(try !def.decode(hex: "03")[0].snapshot)
        let defaultOn = try Inline.decoder(block, extra: "snapshot: true\n")
        #expect(defaultOn.snapshot)
        #expect(try defaultOn.decode(hex: "03")[0].snapshot)
        #expect(try !defaultOn.decode(hex: "02")[0].snapshot)
    }
}
