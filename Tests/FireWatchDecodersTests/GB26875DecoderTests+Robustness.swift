import FireWatchCore
import Foundation
import Testing

@testable import FireWatchDecoders
import FireWatchTestKit

/// Whatever arrives, the decoder returns readings or a `DecodeError` inside the payload: never a trap.
extension GB26875DecoderTests {
    /// SplitMix64 (the test kit's): seeded, so a failing input can be replayed.
    typealias SeededGenerator = SeededRandom

    /// ADUs of every type flag, to mutate with a repaired checksum so the object parsers are reached.
    static var seedADUs: [[UInt8]] {
        [
            Array(systemAlarm[27..<39]), Array(analogTemperature[27..<45]), Array(componentFault[27..<75]),
            [4, 1, 1, 2, 0x61, 7] + exampleTime, [5, 1, 1, 2, 3, 4], [6, 1, 1, 2, 4] + sanLou,
            [7, 1, 1, 2, 42, 5, 0, 9, 0] + Array(repeating: 0x41, count: 31), [8, 1] + exampleTime,
            [21, 1, 3] + exampleTime, [24, 1, 0x3e, 3] + exampleTime, [25, 1, 2, 9], [26, 1, 5] + Array("hello".utf8),
            [28, 1] + exampleTime,
        ]
    }

    static func mutated(_ input: [UInt8], using rng: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0 where !bytes.isEmpty: bytes[Int.random(in: 0..<bytes.count, using: &rng)] = .random(in: 0...255, using: &rng)
            case 1 where !bytes.isEmpty: bytes.remove(at: Int.random(in: 0..<bytes.count, using: &rng))
            case 2: bytes.insert(.random(in: 0...255, using: &rng), at: Int.random(in: 0...bytes.count, using: &rng))
            default: bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng)))
            }
        }
        return bytes
    }

    static func input(_ index: Int, using rng: inout SeededGenerator) -> [UInt8] {
        switch index % 4 {
        case 0: (0..<Int.random(in: 0...120, using: &rng)).map { _ in .random(in: 0...255, using: &rng) }
        case 1: mutated(examples.randomElement(using: &rng) ?? heartbeat, using: &rng)
        case 2: mutated(examples.flatMap { $0 }, using: &rng)
        default:
            frame(
                command: [2, 5].randomElement(using: &rng) ?? 2,
                time: Bool.random(using: &rng) ? exampleTime : (0..<6).map { _ in .random(in: 0...60, using: &rng) },
                adu: Array(mutated(seedADUs.randomElement(using: &rng) ?? [], using: &rng).prefix(1024))
            )
        }
    }

    @Test func twentyThousandRandomAndMutatedInputsNeverTrap() {
        var rng = SeededGenerator(seed: 26875)
        var decoded = 0
        var reachedObjects = 0
        for index in 0..<20_000 {
            let bytes = Self.input(index, using: &rng)
            do throws(DecodeError) {
                let readings = try decoder.decode(bytes, context: Self.context(["strict_test_bit": true]))
                decoded += 1
                reachedObjects += 1
                #expect(readings.count <= bytes.count, "input \(index)")
            } catch {
                #expect((0...bytes.count).contains(error.offset ?? 0), "input \(index): \(error)")
                #expect(!error.reason.isEmpty)
                if error.field?.hasPrefix("objects") == true { reachedObjects += 1 }
            }
        }
        // The checksum-repaired mutations must get past the frame checks often enough to test objects.
        #expect(decoded > 300)
        #expect(reachedObjects > 2_000)
    }
}
