import FireWatchCore
import FireWatchTestKit
import Foundation
import Testing

@testable import FireWatchDecoders

/// Whatever arrives, every decoder returns readings or a `DecodeError` inside the payload: never a
/// trap, never a hang. 100,000 payloads per decoder type (json, binary, tlv, builtin), random and
/// mutated from every definition's examples and from encoded samples, binary ones with their length
/// and checksums repaired so the mutations reach the fields behind them. Seeded: a failure replays.
@Suite struct DecoderFuzzTests {
    static let perType = 100_000
    static let catalog = DefinitionCatalog.load(folders: [(Repository.root as NSString).appendingPathComponent("Devices")])

    /// SplitMix64, seeded: the generator the GB/T 26875.3 robustness test uses.
    typealias Seeded = GB26875DecoderTests.SeededGenerator

    /// A definition with what to mutate: its examples and payloads encoded from random samples.
    struct Target {
        let definition: DeviceDefinition
        let seeds: [(bytes: [UInt8], fport: Int?)]
    }

    static func targets(type: String, rng: inout Seeded) -> [Target] {
        catalog.definitions.values.sorted { $0.id < $1.id }.filter { family($0.decoder.type) == type }.map { def in
            var seeds = def.examples.map { ($0.bytes, $0.fport) }
            for _ in 0..<20 {
                if let payload = try? def.encode(randomSample(def, &rng)) { seeds.append((payload.bytes, payload.fport)) }
            }
            return Target(definition: def, seeds: seeds)
        }
    }

    static func family(_ type: String) -> String { type.hasPrefix("builtin:") ? "builtin" : type }

    /// Metrics and events the definition's examples mention, with random values.
    static func randomSample(_ def: DeviceDefinition, _ rng: inout Seeded) -> DeviceSample {
        let expected = def.examples.flatMap { $0.expected ?? [] }
        var metrics: [String: Double] = [:]
        for name in Set(expected.flatMap { $0.metrics?.keys ?? [:].keys }) where Bool.random(using: &rng) {
            metrics[name] = Double(Int.random(in: -500...5000, using: &rng)) / 10
        }
        let events = Set(expected.flatMap(\.eventTypes)).compactMap(EventType.init).filter { _ in Bool.random(using: &rng) }
        return DeviceSample(metrics: metrics, events: events, at: Date(timeIntervalSince1970: Double.random(in: 1.6e9...1.9e9, using: &rng)))
    }

    static func mutated(_ input: [UInt8], json: Bool, _ rng: inout Seeded) -> [UInt8] {
        var bytes = input
        let structural = Array("{}[]\":,-.0e\\".utf8)
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let any: UInt8 = json && Bool.random(using: &rng) ? structural.randomElement(using: &rng)! : .random(in: 0...255, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where !bytes.isEmpty: bytes[Int.random(in: 0..<bytes.count, using: &rng)] = any
            case 1 where !bytes.isEmpty: bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= 1 << UInt8.random(in: 0...7, using: &rng)
            case 2 where !bytes.isEmpty: bytes.remove(at: Int.random(in: 0..<bytes.count, using: &rng))
            case 3: bytes.insert(any, at: Int.random(in: 0...bytes.count, using: &rng))
            case 4 where bytes.count > 1:
                let start = Int.random(in: 0..<bytes.count, using: &rng)
                bytes += bytes[start..<min(bytes.count, start + Int.random(in: 1...16, using: &rng))]
            default: bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng)))
            }
        }
        return bytes
    }

    /// Rewrites the length field and checksums of the layout a binary payload selects, so that a
    /// mutation of the fields is not stopped at the checksum.
    static func repaired(_ bytes: [UInt8], _ def: DeviceDefinition, fport: Int?) -> [UInt8] {
        if def.decoder.type == "builtin:gb26875" { return repairedFrame(bytes) }
        guard case .binary(let spec) = def.decoder.engine,
            let index = try? spec.layoutIndex(for: bytes, fport: fport)
        else { return bytes }
        let layout = spec.layouts[index]
        var out = bytes
        if let (field, adjust) = layout.lengthField, let position = try? layout.position(of: layout.fields[field], in: out) {
            layout.fields[field].write(.number(Double(out.count - adjust), bits: nil), into: &out, at: position)
        }
        for checksum in layout.checksums { checksum.write(into: &out) }
        return out
    }

    /// One GB/T 26875.3 frame with its markers, ADU length and checksum made to fit its size.
    static func repairedFrame(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 30 else { return bytes }
        var out = bytes
        let adu = out.count - 30
        out[0] = 0x40; out[1] = 0x40
        out[24] = UInt8(adu & 0xFF); out[25] = UInt8(adu >> 8)
        out[out.count - 3] = out[2..<(out.count - 3)].reduce(0, &+)
        out[out.count - 2] = 0x23; out[out.count - 1] = 0x23
        return out
    }

    @Test(arguments: ["binary", "tlv", "json", "builtin"])
    func payloadsOnlyEverDecodeOrThrowDecodeError(type: String) throws {
        var rng = Seeded(seed: 0xF12E_0000 &+ UInt64(type.utf8.count))
        let targets = Self.targets(type: type, rng: &rng)
        try #require(!targets.isEmpty)
        let ports: [Int?] = [nil, 1, 6, 7, 85]
        var decoded = 0, slowest = 0.0
        for index in 0..<Self.perType {
            let target = targets[index % targets.count]
            let seed = target.seeds.randomElement(using: &rng)!
            var bytes: [UInt8]
            switch index % 5 {
            case 0: bytes = (0..<Int.random(in: 0...80, using: &rng)).map { _ in .random(in: 0...255, using: &rng) }
            case 1, 2: bytes = Self.mutated(seed.bytes, json: type == "json", &rng)
            default: bytes = Self.repaired(Self.mutated(seed.bytes, json: type == "json", &rng), target.definition, fport: seed.fport)
            }
            let fport = index % 7 == 0 ? ports.randomElement(using: &rng)! : seed.fport
            let started = Date()
            do throws(DecodeError) {
                let readings = try target.definition.decode(bytes, device: "fuzz", receivedAt: Inline.receivedAt, timeZone: Inline.shanghai, fport: fport)
                decoded += 1
                #expect(readings.count <= max(bytes.count, 1) * 2 + 1, "\(target.definition.id) input \(index)")
            } catch {
                #expect((0...bytes.count).contains(error.offset ?? 0), "\(target.definition.id) input \(index): \(error)")
                #expect(!error.reason.isEmpty)
            }
            slowest = max(slowest, Date().timeIntervalSince(started))
        }
        // Generous: tests run in parallel on a loaded machine; a hang would take far longer.
        #expect(slowest < 1, "one payload took \(slowest) s")
        // Repaired and mild mutations must get through often enough to exercise the fields.
        #expect(decoded > Self.perType / 50, "\(type): only \(decoded) of \(Self.perType) decoded")
    }
}
