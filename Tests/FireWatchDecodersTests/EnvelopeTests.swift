import FireWatchCore
import FireWatchDecoders
import FireWatchTestKit
import Foundation
import Testing

/// LoRaWAN network-server envelopes (lorawan-envelopes.md).
@Suite struct EnvelopeTests {
    let brokerTime = Date(timeIntervalSince1970: 1_800_000_000)

    /// A ChirpStack v4 uplink event as its MQTT integration publishes it (JSON encoding).
    static let chirpstack = """
        {"deduplicationId":"3ac7e3c4-4401-4b8d-9386-a5c902f9202d","time":"2026-03-14T07:09:26.823500726+00:00",
         "deviceInfo":{"tenantId":"52f14cd4-c6f1-4fbd-8f87-4025e1d49242","tenantName":"ChirpStack",
           "applicationId":"17c82e96-be03-4f38-aef3-f83d48582d97","applicationName":"putuo",
           "deviceProfileName":"RA02A","deviceName":"smk-000123","devEui":"0004a30b001c0530","tags":{}},
         "devAddr":"00189440","adr":true,"dr":5,"fCnt":12,"fPort":6,"confirmed":false,"data":"AQoBnAAAAOsAAAA=",
         "rxInfo":[{"gatewayId":"0016c001f153a14c","uplinkId":4217106255,"rssi":-101,"snr":-3.5},
                   {"gatewayId":"0016c001f153a14d","uplinkId":1234,"rssi":-87,"snr":7.0}],
         "txInfo":{"frequency":486300000,"modulation":{"lora":{"bandwidth":125000,"spreadingFactor":7,"codeRate":"CR_4_5"}}}}
        """

    /// A The Things Stack v3 uplink message.
    static let tts = """
        {"end_device_ids":{"device_id":"ct-0042","application_ids":{"application_id":"putuo"},
           "dev_eui":"24E124746B123456","join_eui":"24E124C0002A0001","dev_addr":"260B1234"},
         "correlation_ids":["as:up:01H..."],"received_at":"2026-03-14T07:09:26.5Z",
         "uplink_message":{"session_key_id":"AYZ...","f_port":85,"f_cnt":301,"frm_payload":"BJgQJwln+gA=",
           "rx_metadata":[{"gateway_ids":{"gateway_id":"gw-1"},"rssi":-95,"channel_rssi":-95,"snr":4.2},
                          {"gateway_ids":{"gateway_id":"gw-2"},"channel_rssi":-78,"snr":9.1}],
           "settings":{"data_rate":{"lora":{"bandwidth":125000,"spreading_factor":7}},"frequency":"486300000"},
           "received_at":"2026-03-14T07:09:26.4Z","consumed_airtime":"0.061696s"}}
        """

    @Test func rawIsThePayloadItself() throws {
        let u = try Envelope.unwrap("raw", payload: [1, 2, 3], receivedAt: brokerTime)
        #expect(u.bytes == [1, 2, 3] && u.fport == nil && u.deviceID == nil && u.receivedAt == brokerTime && u.signalDbm == nil)
    }

    @Test func chirpStackUplink() throws {
        let u = try Envelope.unwrap("chirpstack", payload: Array(Self.chirpstack.utf8), receivedAt: brokerTime)
        #expect(u.bytes == Inline.hex("01 0a 01 9c 00 00 00 eb 00 00 00"))
        #expect(u.fport == 6)
        #expect(u.deviceID == "0004a30b001c0530")
        #expect(abs(u.receivedAt.timeIntervalSince(Inline.receivedAt) - 0.8235) < 0.001, "nanoseconds are read, to the millisecond")
        #expect(u.signalDbm == -87, "the best gateway's RSSI")
    }

    @Test func theThingsStackUplink() throws {
        let u = try Envelope.unwrap("tts", payload: Array(Self.tts.utf8), receivedAt: brokerTime)
        #expect(u.bytes == Inline.hex("04 98 10 27 09 67 fa 00"))
        #expect(u.fport == 85)
        #expect(u.deviceID == "ct-0042")
        #expect(u.receivedAt == Inline.receivedAt.addingTimeInterval(0.5))
        #expect(u.signalDbm == -78, "channel_rssi when a gateway gives no rssi")
    }

    @Test func ttsFallsBackToTheDevEUI() throws {
        let json = #"{"end_device_ids":{"dev_eui":"24E124746B123456"},"uplink_message":{"f_port":85,"frm_payload":"BJgQJw=="}}"#
        let u = try Envelope.unwrap("tts", payload: Array(json.utf8), receivedAt: brokerTime)
        #expect(u.deviceID == "24E124746B123456" && u.receivedAt == brokerTime && u.signalDbm == nil)
    }

    @Test func eachGatewayCountsItsRSSIBeforeItsChannelRSSI() throws {
        let json = #"""
            {"uplink_message":{"f_port":85,"frm_payload":"BA==","rx_metadata":[
              {"channel_rssi":-60,"rssi":-95},{"channel_rssi":-80},{"rssi":"n/a"},{"snr":1}]}}
            """#
        let u = try Envelope.unwrap("tts", payload: Array(json.utf8), receivedAt: brokerTime)
        #expect(u.signalDbm == -80, "gateway 1 counts -95 (its rssi), gateway 2 -80 (its channel_rssi)")
    }

    @Test(arguments: [
        ("chirpstack", #"{"fPort": 0, "deviceInfo": {"devEui": "01"}}"#, "field \"data\": chirpstack envelope has no application payload"),
        ("chirpstack", #"{"fPort": 6, "data": "!!!"}"#, "field \"data\": chirpstack envelope: payload is not base64"),
        ("chirpstack", #"{"fPort": 6.5, "data": "AQ=="}"#, "field \"fPort\": chirpstack envelope: fPort 6.5"),
        ("tts", #"{"uplink_message": {"f_cnt": 1}}"#, "field \"uplink_message.frm_payload\": tts envelope has no application payload"),
        ("tts", "AQoB", "offset 0: tts envelope: not valid JSON"),
        ("chirpstack", #"{"fPort": 6, "data": "AQ==", "txInfo": {"frequency": 4863e}}"#, "offset 58: chirpstack envelope: not valid JSON: an exponent needs digits"),
        ("chirpstack", #"{"fPort": 6, "data": "AQ=="} x"#, "offset 29: chirpstack envelope: not valid JSON: unexpected \"x\" after"),
        ("lorix", "{}", "field \"envelope\": unknown envelope \"lorix\""),
    ])
    func brokenEnvelopesNameTheField(kind: String, text: String, message: String) {
        #expect {
            try Envelope.unwrap(kind, payload: Array(text.utf8), receivedAt: brokerTime)
        } throws: { error in
            (error as? DecodeError)?.description.hasPrefix(message) == true
        }
    }

    @Test func anEmptyFrameOnAnApplicationPortIsEmptyNotMissing() throws {
        let u = try Envelope.unwrap("chirpstack", payload: Array(#"{"fPort": 6, "deviceInfo": {"devEui": "01"}}"#.utf8), receivedAt: brokerTime)
        #expect(u.bytes.isEmpty && u.fport == 6)
    }

    @Test(arguments: ["raw", "chirpstack", "tts"])
    func wrapThenUnwrapGivesTheDeviceBytesBack(kind: String) throws {
        let bytes = Inline.hex("84 98 b8 0b d0 07 c4 09 05")
        let wrapped = Envelope.wrap(kind, bytes: bytes, fport: 85, deviceID: "ct-7", at: Inline.receivedAt, rssi: -90)
        let u = try Envelope.unwrap(kind, payload: wrapped, receivedAt: brokerTime)
        #expect(u.bytes == bytes)
        if kind != "raw" {
            #expect(u.fport == 85 && u.deviceID == "ct-7" && u.receivedAt == Inline.receivedAt && u.signalDbm == -90)
        }
    }

    @Test func theEnvelopesSignalFillsOnlyReadingsWithoutTheirOwn() {
        let u = UnwrappedPayload(bytes: [], receivedAt: brokerTime, signalDbm: -87)
        let own = Reading(device: "d", model: "m", at: brokerTime, metrics: ["signal_dbm": -71])
        let none = Reading(device: "d", model: "m", at: brokerTime, metrics: ["battery_v": 3])
        let out = u.applyingSignal(to: [own, none])
        #expect(out[0].metrics["signal_dbm"] == -71)
        #expect(out[1].metrics == ["battery_v": 3, "signal_dbm": -87])
    }

    @Test func decodingThroughAnEnvelopeUsesItsFport() throws {
        let catalog = DefinitionCatalog.load(folders: [(Repository.root as NSString).appendingPathComponent("Devices")])
        let def = try #require(catalog["netvox/ra02a"])
        let u = try Envelope.unwrap("chirpstack", payload: Array(Self.chirpstack.utf8), receivedAt: brokerTime)
        let readings = u.applyingSignal(to: try def.decode(u.bytes, device: u.deviceID!, receivedAt: u.receivedAt, timeZone: Inline.shanghai, fport: u.fport))
        #expect(readings.count == 1)
        #expect(readings[0].metrics == ["battery_v": 2.8, "temperature_c": 23.5, "signal_dbm": -87])
        #expect(readings[0].eventTypes == [.lowBattery])
    }
}
