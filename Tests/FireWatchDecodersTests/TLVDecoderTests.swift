import FireWatchCore
import FireWatchDecoders
import Foundation
import Testing

/// The `tlv` decoder type (Milesight-style channel/type records).
@Suite struct TLVDecoderTests {
    static let block = """
          type: tlv
          padding: 0x00
          records:
            - {channel: 0xff, type: 0x0b, name: power_on, size: 1, emit: [startup]}
            - {channel: 0x01, type: 0x75, name: battery, fields: [{name: battery, type: u8, metric: battery_pct}]}
            - {channel: 0x03, type: 0x67, name: temperature, fields: [{name: t, type: i16, scale: 0.1, metric: temperature_c, invalid: {0xffff: fault}}]}
            - {channel: 0x05, type: 0x00, name: alarm, fields: [{name: alarm, type: u8, events: {0: [], 1: fire_alarm}}]}
            - channel: 0x20
              type: 0xce
              name: history
              as: reading
              fields:
                - {name: time, type: u32, time: unix}
                - {name: t, type: i16, scale: 0.1, metric: temperature_c}
            - {channel: 0xff, type: 0x8e, name: interval, fields: [{name: interval, offset: 1, type: u16, attribute: interval_s}]}
        """

    @Test func recordsMergeIntoOneReading() throws {
        let def = try Inline.decoder(Self.block)
        let r = try def.decode(hex: "01 75 5a 03 67 f5 00 05 00 01 ff 0b ff ff 8e 00 3c 00")
        #expect(r.count == 1)
        #expect(r[0].metrics == ["battery_pct": 90, "temperature_c": 24.5])
        #expect(r[0].eventTypes == [.fireAlarm, .startup])
        #expect(r[0].attributes["interval_s"] == 60, "a field may skip bytes of its record")
    }

    @Test func unknownChannelsAreErrorsNamingTheOffset() throws {
        let def = try Inline.decoder(Self.block)
        let e = try #require(def.decodeError(hex: "01 75 5a 0a 01 00"))
        #expect(e.offset == 3 && e.field == "channel")
        #expect(e.reason.hasPrefix("unknown channel 0x0a type 0x01 (known: ff 0b, 01 75"))
        #expect(def.decodeError(hex: "03 67 f5")?.reason == "truncated: record 03 67 needs 2 byte(s), only 1 left")
        #expect(def.decodeError(hex: "01 75 5a 03")?.reason.contains("without its channel type") == true)
        #expect(def.decodeError(hex: "")?.offset == 0)
    }

    @Test func trailingPaddingIsNotARecordButZerosInsideOneAre() throws {
        let def = try Inline.decoder(Self.block)
        #expect(try def.decode(hex: "01 75 5a 00 00 00")[0].metrics == ["battery_pct": 90])
        #expect(try def.decode(hex: "03 67 00 00")[0].metrics == ["temperature_c": 0])
        #expect(def.decodeError(hex: "01 75 5a 00 00 01")?.offset == 3, "zeros followed by data are a record")
    }

    @Test func historyRecordsAreReadingsAtTheirOwnTime() throws {
        let def = try Inline.decoder(Self.block)
        let r = try def.decode(hex: "20 ce a6 09 b5 69 f5 00 20 ce 7a 08 b5 69 fa 00 03 67 ff ff")
        #expect(r.count == 3)
        #expect(r[0].eventTypes == [.fault] && r[0].metrics.isEmpty)
        #expect(r[1].metrics == ["temperature_c": 24.5] && r[1].at == Inline.receivedAt)
        #expect(r[2].metrics == ["temperature_c": 25] && r[2].at == Inline.receivedAt.addingTimeInterval(-300))
        #expect(!r[1].snapshot)
    }
}
