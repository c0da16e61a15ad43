import FireWatchCore
import FireWatchDecoders
import FireWatchTestKit
import Foundation
import Testing

/// Triage tells urgent messages from routine ones without a full decode. Against the full decode, on
/// every example of every definition and on payloads encoded from random samples: it never misses an
/// urgent message, and it calls one urgent that is not only when the payload is malformed (a bad
/// checksum is not checked by the partial read; such a message is just taken early).
@Suite struct TriageTests {
    static let catalog = DefinitionCatalog.load(folders: [(Repository.root as NSString).appendingPathComponent("Devices")])
    static let triage = Triage(catalog: catalog)
    static let t0 = Date(timeIntervalSince1970: 1_773_472_166)

    /// The full decode's answer: an urgent event, or an electrical reading at or over its threshold.
    func decodedUrgent(_ def: DeviceDefinition, _ bytes: [UInt8], fport: Int?) -> Bool {
        guard let readings = try? def.decode(bytes, device: "d", receivedAt: Self.t0, timeZone: DeviceDefinition.defaultTimeZone, fport: fport)
        else { return false }
        return readings.contains { r in
            r.events.contains { Triage.urgentEvents.contains($0.type) }
                || (def.kind == "electrical" && r.metrics.contains { ($0.key.hasPrefix("residual_current_ma") && $0.value >= 500)
                    || ($0.key.hasPrefix("temperature_c") && $0.value >= 85) })
        }
    }

    func triaged(_ def: DeviceDefinition, _ bytes: [UInt8], fport: Int?) -> Bool {
        guard let fport else { return Self.triage.isUrgent(model: def.id, envelope: "raw", payload: bytes, receivedAt: Self.t0) }
        let wrapped = Envelope.wrap("chirpstack", bytes: bytes, fport: fport, deviceID: "a840410000000001", at: Self.t0, rssi: -90)
        return Self.triage.isUrgent(model: def.id, envelope: "chirpstack", payload: wrapped, receivedAt: Self.t0)
    }

    func check(_ def: DeviceDefinition, _ bytes: [UInt8], fport: Int?, _ what: String) {
        let urgent = triaged(def, bytes, fport: fport)
        if decodedUrgent(def, bytes, fport: fport) {
            #expect(urgent, "missed: \(what)")
        } else if urgent {
            let malformed = (try? def.decode(bytes, device: "d", receivedAt: Self.t0, timeZone: DeviceDefinition.defaultTimeZone, fport: fport)) == nil
            #expect(malformed, "urgent but decodes to no alarm: \(what)")
        }
    }

    @Test func agreesWithTheFullDecodeOnEveryExample() {
        var urgent = 0
        for def in Self.catalog.definitions.values.sorted(by: { $0.id < $1.id }) {
            for example in def.examples {
                let expected = decodedUrgent(def, example.bytes, fport: example.fport)
                check(def, example.bytes, fport: example.fport, "\(def.id): \(example.description)")
                if expected { urgent += 1 }
            }
        }
        #expect(urgent >= 5, "the examples hold too few alarms to test triage")
    }

    @Test func agreesWithTheFullDecodeOnRandomSamples() throws {
        var rng = SeededRandom(seed: 26_875)
        for def in Self.catalog.definitions.values.sorted(by: { $0.id < $1.id }) {
            for _ in 0..<300 {
                guard let payload = try? def.encode(DecoderFuzzTests.randomSample(def, &rng)) else { continue }
                check(def, payload.bytes, fport: payload.fport, "\(def.id): \(payload.bytes)")
            }
        }
    }

    @Test func aGB26875HeartbeatIsRoutineAndAComponentFireAlarmUrgent() {
        let frames = GB26875FrameBuilder(timeZone: DeviceDefinition.defaultTimeZone)
        let fire = frames.componentStates(
            [.init(componentType: 40, zone: 1, position: 2, state: GB26875FrameBuilder.StateBit.fireAlarm, description: [])], at: Self.t0)
        let fault = frames.componentStates(
            [.init(componentType: 40, zone: 1, position: 2, state: GB26875FrameBuilder.StateBit.fault, description: [])], at: Self.t0)
        #expect(Self.triage.isUrgent(model: "gb26875/uitd", envelope: "raw", payload: fire, receivedAt: Self.t0))
        #expect(!Self.triage.isUrgent(model: "gb26875/uitd", envelope: "raw", payload: fault, receivedAt: Self.t0))
        #expect(!Self.triage.isUrgent(model: "gb26875/uitd", envelope: "raw", payload: frames.heartbeat(at: Self.t0), receivedAt: Self.t0))
        #expect(!Self.triage.isUrgent(model: "gb26875/uitd", envelope: "raw", payload: Array(fire.dropLast(5)), receivedAt: Self.t0))
        #expect(!Self.triage.isUrgent(model: "no/such-model", envelope: "raw", payload: fire, receivedAt: Self.t0))
    }

    @Test(arguments: ["chirpstack", "tts"]) func peekFindsTheBytesAndPortUnwrapFinds(kind: String) throws {
        var rng = SeededRandom(seed: 7)
        for n in 0..<200 {
            let bytes = (0..<(n % 40)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let wrapped = Envelope.wrap(kind, bytes: bytes, fport: 1 + n % 200, deviceID: "a840410000000001", at: Self.t0, rssi: -80)
            let unwrapped = try Envelope.unwrap(kind, payload: wrapped, receivedAt: Self.t0)
            let peeked = try #require(Envelope.peek(kind, wrapped))
            #expect(peeked.bytes == unwrapped.bytes && peeked.fport == unwrapped.fport)
        }
        // Spaces around the colon, as pretty-printed JSON has them.
        let spaced = Array(#"{"fPort" : 6, "data" : "AQI="}"#.utf8)
        #expect(Envelope.peek("chirpstack", spaced).map { $0.bytes == [1, 2] && $0.fport == 6 } == true)
    }
}
