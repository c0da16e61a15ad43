import FireWatchCore
import Foundation
import Testing

@testable import FireWatchDecoders

/// The `json` decoder type: paths, scales, enum maps, conditions, groups.
@Suite struct JSONDecoderTests {
    static let block = """
          type: json
          max_bytes: 512
          fields:
            - {path: id, required: true, attribute: device_id}
            - {path: event, events: {smoke: fire_alarm, clear: fire_alarm_cleared, normal: []}, attribute: event}
            - {path: data.battery_mv, metric: battery_v, scale: 0.001}
            - {path: data.rc, metric: residual_current_ma, event: residual_current_alarm, when: {at_least: 500}}
            - {path: data.flags, flags: {0: tamper, 3: low_battery}}
            - {path: data.alarm, event: gas_alarm}
            - {path: ts, time: unix_ms}
            - {path: "rx[1].rssi", metric: signal_dbm}
          groups:
            - path: data.cables
              as: channels
              channel_path: ch
              fields: [{path: t, metric: temperature_c, scale: 0.1, invalid: {32767: fault}}]
            - path: history
              as: readings
              max: 2
              fields:
                - {path: at, time: rfc3339}
                - {path: t, metric: temperature_c}
        """

    @Test func pathsScalesMapsAndConditions() throws {
        let def = try Inline.decoder(Self.block)
        let json = """
            {"id": "d-1", "event": "smoke", "ts": 1773472166000, "rx": [{"rssi": -90}, {"rssi": -71}],
             "data": {"battery_mv": 2950, "rc": 612, "flags": 9, "alarm": true,
                      "cables": [{"ch": 2, "t": 253}, {"ch": 4, "t": 32767}]}}
            """
        let r = try def.decode(json: json)
        #expect(r.count == 1)
        #expect(r[0].metrics == ["battery_v": 2.95, "residual_current_ma": 612, "signal_dbm": -71, "temperature_c_2": 25.3])
        #expect(Set(r[0].events) == [
            DeviceEvent(.fireAlarm), DeviceEvent(.residualCurrentAlarm), DeviceEvent(.tamper), DeviceEvent(.lowBattery),
            DeviceEvent(.gasAlarm), DeviceEvent(.fault, channel: 4),
        ])
        #expect(r[0].attributes["device_id"] == "d-1" && r[0].attributes["event"] == "smoke")
        #expect(r[0].at == Inline.receivedAt)
        let quiet = try def.decode(json: #"{"id": "d-1", "event": "normal", "data": {"rc": "120", "alarm": false}}"#)[0]
        #expect(quiet.events.isEmpty)
        #expect(quiet.metrics == ["residual_current_ma": 120], "numbers sent as text are numbers")
        #expect(quiet.at == Inline.receivedAt, "without a time the receive time")
    }

    @Test func readingsGroupsGiveOneReadingPerItem() throws {
        let def = try Inline.decoder(Self.block)
        let r = try def.decode(json: #"{"id": "x", "history": [{"at": "2026-03-14T15:04:26+08:00", "t": 21.5}, {"t": 22}]}"#)
        #expect(r.count == 3)
        #expect(r[1].metrics == ["temperature_c": 21.5] && r[1].at == Inline.receivedAt.addingTimeInterval(-300))
        #expect(r[2].at == Inline.receivedAt)
        let tooMany = #"{"id": "x", "history": [{"t": 1}, {"t": 2}, {"t": 3}]}"#
        #expect(throws: DecodeError(field: "history", "3 items are more than the maximum 2")) { try def.decode(json: tooMany) }
    }

    @Test(arguments: [
        (#"{"event": "smoke"}"#, "field \"id\": required field is missing"),
        (#"{"id": "x", "data": {"battery_mv": "high"}}"#, "field \"data.battery_mv\": expected a number, found \"high\""),
        (#"{"id": "x", "ts": "yesterday"}"#, "field \"ts\": \"yesterday\" is not a valid unix_ms time"),
        (#"{"id": "x", "data": {"cables": [{"ch": 1, "t": "hot"}]}}"#, "field \"data.cables[0].t\": expected a number, found \"hot\""),
        (#"{"id": "x", "history": {"t": 1}}"#, "field \"history\": expected an array"),
        (#"{"id": "x", "data": {"rc": {"a": 1}}}"#, "field \"data.rc\": expected a number or text, found an object or array"),
        (#"{"id": "x",}"#, "offset 11: not valid JSON: expected a member name, found \"}\""),
        ("", "offset 0: empty payload"),
    ])
    func malformedPayloadsSayWhereAndWhy(json: String, message: String) throws {
        let def = try Inline.decoder(Self.block)
        #expect {
            try def.decode(json: json)
        } throws: { error in
            (error as? DecodeError)?.description.hasPrefix(message) == true
        }
    }

    @Test func payloadsAboveTheSizeLimitAreRefusedUnread() throws {
        let def = try Inline.decoder(Self.block)
        let big = #"{"id": ""# + String(repeating: "x", count: 600) + #""}"#
        #expect(throws: DecodeError(offset: 512, "payload is 610 bytes, more than the 512 this definition accepts")) { try def.decode(json: big) }
    }
}

/// The JSON parser behind `json` decoders and the LoRaWAN envelopes.
@Suite struct JSONTextTests {
    func parse(_ text: String) throws(DecodeError) -> JSONValue {
        try JSONText.parse(Array(text.utf8))
    }

    @Test func valuesOfEveryKind() throws {
        let v = try parse(#" {"a": [1, -2.5e2, 0, true, false, null], "b": {"c": "x\"\\\/\n\u00e9\ud83d\ude00"}, "d": {}} "#)
        #expect(v == .object([
            "a": .array([1, -250, 0, true, false, .null]),
            "b": .object(["c": .string("x\"\\/\né😀")]), "d": .object([:]),
        ]))
        #expect(try parse("\"火警\"") == "火警")
        #expect(try parse("[]") == .array([]))
    }

    @Test(arguments: [
        ("{\"a\": 01}", 7), ("[1,]", 3), ("{\"a\" 1}", 5), ("\"abc", 4), ("tru", 0), ("[1] x", 4), ("-", 1), ("1.", 2),
        ("\"\\q\"", 2), ("\"a\u{01}\"", 2), ("1e999", 0),
    ])
    func defectsAreReportedAtTheirOffset(text: String, offset: Int) {
        #expect {
            try parse(text)
        } throws: { error in
            (error as? DecodeError)?.offset == offset
        }
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect { try parse(deep) } throws: { ($0 as? DecodeError)?.reason.contains("nested deeper than 32") == true }
        let fine = String(repeating: "[", count: 20) + String(repeating: "]", count: 20)
        #expect(throws: Never.self) { try parse(fine) }
    }
}
