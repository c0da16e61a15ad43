import FireWatchCore
import FireWatchDecoders
import FireWatchTestKit
import Foundation
import Testing

/// The encode direction: what a definition encodes, it decodes back to the same metrics and events.
/// The table is every shipped example that expects readings: its first reading becomes a sample.
@Suite struct EncodeRoundTripTests {
    static let catalog = DefinitionCatalog.load(folders: [(Repository.root as NSString).appendingPathComponent("Devices")])

    /// (model, example description) of every example whose first expected reading says something.
    static let cases: [String] = catalog.definitions.values.sorted { $0.id < $1.id }.flatMap { def in
        def.examples.filter { ($0.expected?.first).flatMap(DefinitionChecks.sample) != nil }.map { "\(def.id) | \($0.description)" }
    }

    /// The check `firewatch devices test` runs (DefinitionChecks.roundTrip), one case per example.
    @Test(arguments: cases)
    func everyExampleSurvivesEncodeThenDecode(_ name: String) throws {
        let parts = name.components(separatedBy: " | ")
        let def = try #require(Self.catalog[parts[0]])
        let example = try #require(def.examples.first { $0.description == parts[1] })
        let failure = DefinitionChecks.roundTrip(example, def, timeZone: Inline.shanghai)
        #expect(failure == nil, "\(name): \(failure ?? "")")
        let first = try #require(example.expected?.first)
        let sample = try #require(DefinitionChecks.sample(first))
        let payload = try def.encode(sample, timeZone: Inline.shanghai)
        if def.transport == "lorawan" { #expect(payload.fport != nil || def.decoder.type == "tlv") }
    }

    @Test func channelEventsFindTheirBits() throws {
        let def = try #require(Self.catalog["generic/electrical-fire-monitor"])
        let sample = DeviceSample(
            metrics: ["residual_current_ma": 612, "temperature_c_2": 91.5, "voltage_v": 230],
            events: [.residualCurrentAlarm],
            channelEvents: [DeviceEvent(.overTemperature, channel: 2), DeviceEvent(.fault, channel: 3)], at: Inline.receivedAt)
        let payload = try def.encode(sample)
        let r = try def.decode(payload.bytes, device: "sim", receivedAt: Inline.receivedAt, timeZone: Inline.shanghai)[0]
        #expect(Set(r.events) == [DeviceEvent(.residualCurrentAlarm), DeviceEvent(.overTemperature, channel: 2), DeviceEvent(.fault, channel: 3)])
        #expect(r.metrics["temperature_c_2"] == 91.5 && r.metrics["temperature_c_3"] == nil, "a faulty lead sends its sentinel")
        #expect(r.metrics["residual_current_ma"] == 612 && r.metrics["voltage_v"] == 230)
    }

    @Test func channelLessMetricsAndEventsLandOnTheFirstChannel() throws {
        let def = try #require(Self.catalog["generic/electrical-fire-monitor"])
        let sample = DeviceSample(metrics: ["temperature_c": 31, "residual_current_ma": 120], events: [.overTemperature], at: Inline.receivedAt)
        let r = try def.decode(def.encode(sample).bytes, device: "sim", receivedAt: Inline.receivedAt, timeZone: Inline.shanghai)[0]
        #expect(r.metrics["temperature_c_1"] == 31 && r.metrics["residual_current_ma"] == 120)
        #expect(r.events == [DeviceEvent(.overTemperature, channel: 1)])
    }

    @Test func framesWithLengthCountAndCRCAreConsistent() throws {
        let def = try #require(Self.catalog["mingkong/pressure-gauge"])
        let sample = DeviceSample(
            metrics: ["pressure_mpa": 0.612, "battery_pct": 80, "signal_dbm": -90], events: [.pressureHigh],
            attributes: ["device_code": "SHMK00000042"], at: Inline.receivedAt)
        let payload = try def.encode(sample)
        #expect(payload.bytes.count == 39 && payload.bytes.prefix(2) == [0xA5, 0x5A] && payload.bytes.suffix(2) == [0x55, 0xAA])
        let r = try def.decode(payload.bytes, device: "sim", receivedAt: Date(), timeZone: Inline.shanghai)
        #expect(r.count == 1)
        #expect(r[0].metrics == ["pressure_mpa": 0.612, "battery_pct": 80, "signal_dbm": -90])
        #expect(r[0].attributes["device_code"] == "SHMK00000042")
        #expect(r[0].at == Inline.receivedAt, "the device clock is the sample's")
    }

    @Test func layoutsAreChosenByWhatTheSampleSays() throws {
        let def = try #require(Self.catalog["netvox/ra02a"])
        let boot = try def.encode(DeviceSample(events: [.startup], at: Inline.receivedAt))
        #expect(boot.fport == 6 && boot.bytes[2] == 0x00)
        let quiet = try def.encode(DeviceSample(events: [.heartbeat], at: Inline.receivedAt))
        #expect(quiet.fport == 6 && quiet.bytes[2] == 0x01, "a sample with nothing to place is a periodic status report")
        let co = try def.encode(DeviceSample(events: [.gasAlarm], at: Inline.receivedAt))
        #expect(co.bytes[1] == 0x11 && co.bytes[4] != 0)
    }

    @Test func jsonSamplesWriteTheirPathsAndTimes() throws {
        let def = try #require(Self.catalog["generic/nb-smoke-alarm"])
        let payload = try def.encode(DeviceSample(
            metrics: ["battery_pct": 87, "temperature_c": 24.5], events: [.fireAlarm], attributes: ["imei": "868334031234567"],
            at: Inline.receivedAt))
        let text = String(decoding: payload.bytes, as: UTF8.self)
        #expect(text == #"{"data":{"battery":87,"temperature":24.5},"event":"smoke_alarm","imei":"868334031234567","time":"2026-03-14 15:09:26"}"#)
    }

    @Test func jsonChannelGroupsGetOneItemPerChannel() throws {
        let def = try Inline.decoder("""
              type: json
              fields: [{path: rc, metric: residual_current_ma}]
              groups:
                - {path: cables, as: channels, channel_path: ch, fields: [{path: t, metric: temperature_c, scale: 0.1}, {path: alarm, event: over_temperature}]}
            """)
        let sample = DeviceSample(
            metrics: ["residual_current_ma": 30, "temperature_c_2": 88.5, "temperature_c_4": 40],
            channelEvents: [DeviceEvent(.overTemperature, channel: 2)], at: Inline.receivedAt)
        let r = try def.decode(def.encode(sample).bytes, device: "d", receivedAt: Inline.receivedAt, timeZone: Inline.shanghai)[0]
        #expect(r.metrics == sample.metrics)
        #expect(r.events == [DeviceEvent(.overTemperature, channel: 2)])
    }

    @Test func gb26875SamplesBecomeTheFramesAUITDSends() throws {
        let def = try #require(Self.catalog["gb26875/uitd"])
        let sample = DeviceSample(
            metrics: ["temperature_c": 87.5], events: [.manualAlarm, .mainPowerFault],
            point: Point(systemType: 1, systemAddress: 2, zone: 3, position: 9), at: Inline.receivedAt)
        let payload = try def.encode(sample)
        let r = try def.decode(payload.bytes, device: "uitd", receivedAt: Date(), timeZone: Inline.shanghai)
        #expect(r.count == 3, "component state, system state and analog frames back to back")
        #expect(r[0].eventTypes == [.fireAlarm, .manualAlarm] && r[0].point?.componentType == 23 && r[0].point?.zone == 3)
        #expect(r[1].eventTypes == [.mainPowerFault])
        #expect(r[2].metrics == ["temperature_c": 87.5])
        #expect(r.allSatisfy { $0.at == Inline.receivedAt })
        let heartbeat = try def.encode(DeviceSample(at: Inline.receivedAt))
        #expect(try def.decode(heartbeat.bytes, device: "u", receivedAt: Date(), timeZone: Inline.shanghai).map(\.eventTypes) == [[.heartbeat]])
    }
}
