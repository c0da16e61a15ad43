import FireWatchCore
import FireWatchTestKit
import Foundation
import Testing

@testable import FireWatchDecoders

/// The centre's framing of a TCP stream: whole frames, denies that echo the header, resynchronising
/// on the next `@@` (docs/protocols/gb26875-3.md, "The centre's side over TCP").
@Suite struct GB26875StreamFramerTests {
    typealias Fixtures = GB26875DecoderTests

    static func next(_ bytes: [UInt8]) -> GB26875StreamFramer.Unit? {
        bytes.withUnsafeBytes { GB26875StreamFramer.next($0) }
    }

    /// Feeds `stream` the way TCP may cut it, `chunk` bytes at a time, and collects every unit.
    static func units(_ stream: [UInt8], chunk: Int) -> [GB26875StreamFramer.Unit] { split(stream, chunk: chunk).units }

    /// The units, and the bytes left waiting for more at the end of the stream.
    static func split(_ stream: [UInt8], chunk: Int) -> (units: [GB26875StreamFramer.Unit], left: Int) {
        var buffer: [UInt8] = []
        var out: [GB26875StreamFramer.Unit] = []
        var offset = 0
        while offset < stream.count || !buffer.isEmpty {
            if offset < stream.count {
                buffer += stream[offset..<min(stream.count, offset + chunk)]
                offset += chunk
            }
            while let unit = next(buffer) {
                out.append(unit)
                let consumed = switch unit {
                case .frame(_, let length): length
                case .deny(_, _, let consumed): consumed
                case .garbage(let n): n
                }
                #expect(consumed > 0)
                buffer.removeFirst(consumed)
            }
            if offset >= stream.count { break }
        }
        return (out, buffer.count)
    }

    @Test func everyExampleIsOneFrameWithItsHeader() throws {
        for frame in Fixtures.examples {
            guard case .frame(let h, let length) = Self.next(frame) else { Issue.record("\(frame)"); continue }
            #expect(length == frame.count)
            #expect(h.source == 0x1001 && h.destination == 0x2002 && h.command == 2)
            #expect(h.timeLabel == Fixtures.exampleTime)
        }
        guard case .frame(let h, _) = Self.next(Fixtures.heartbeat) else { return }
        #expect(h.serial == 10 && h.aduLength == 0)
    }

    @Test func framesSplitByteByByteAndMergedInOneSegmentComeOutWhole() {
        let stream = Fixtures.examples.joined()
        for chunk in [1, 2, 7, 29, 64, stream.count] {
            let units = Self.units(Array(stream), chunk: chunk)
            let lengths = units.compactMap { if case .frame(_, let n) = $0 { n } else { nil } }
            #expect(lengths == Fixtures.examples.map(\.count), "chunk \(chunk): \(units)")
        }
        // Every prefix of a frame asks for more bytes.
        for n in 1..<Fixtures.systemAlarm.count { #expect(Self.next(Array(Fixtures.systemAlarm.prefix(n))) == nil, "\(n)") }
    }

    @Test func garbageIsSkippedUpToTheNextStartMarker() {
        let stream: [UInt8] = [0x00, 0x23, 0x40, 0x11] + Fixtures.heartbeat + [0x40]
        for chunk in [1, stream.count] {
            let (units, left) = Self.split(stream, chunk: chunk)
            let skipped = units.reduce(0) { if case .garbage(let n) = $1 { $0 + n } else { $0 } }
            #expect(skipped == 4, "\(units)")
            #expect(units.filter { if case .frame = $0 { true } else { false } }.count == 1)
            #expect(left == 1)
        }
        // A trailing "@" waits: it may be half a start marker.
        #expect(Self.next([0x40]) == nil)
        #expect(Self.next([0x11, 0x40]) == .garbage(1))
    }

    @Test func eachDamagedClassIsDeniedWithTheHeaderItEchoes() {
        var checksum = Fixtures.heartbeat
        checksum[27] &+= 1
        guard case .deny(let h, .badChecksum(let expected, let found), let consumed) = Self.next(checksum) else { Issue.record("checksum"); return }
        #expect(h.serial == 10 && expected == 0x9e && found == 0x9f && consumed == checksum.count)

        var command = Fixtures.heartbeat
        command[26] = 7
        command[27] &+= 5
        guard case .deny(_, .unknownCommand(7), let c2) = Self.next(command) else { Issue.record("command \(String(describing: Self.next(command)))"); return }
        #expect(c2 == command.count)

        var oversize = Fixtures.heartbeat
        oversize[24] = 0x01
        oversize[25] = 0x08  // 2049
        guard case .deny(_, .oversizeADU(2049), let c3) = Self.next(oversize) else { Issue.record("oversize"); return }
        #expect(c3 == 2)

        var end = Fixtures.heartbeat
        end[29] = 0x24
        guard case .deny(_, .badEndMarker, let c4) = Self.next(end) else { Issue.record("end"); return }
        #expect(c4 == 2)
        // User-defined commands are frames.
        var user = Fixtures.heartbeat
        user[26] = 200
        user[27] &+= 198
        guard case .frame = Self.next(user) else { Issue.record("user-defined \(String(describing: Self.next(user)))"); return }
    }

    @Test func aConfirmEchoesSerialAndTimeWithTheAddressesSwapped() {
        guard case .frame(let h, _) = Self.next(Fixtures.componentFault) else { Issue.record("frame"); return }
        let confirm = GB26875FrameBuilder.reply(to: h, command: 3)
        #expect(confirm.count == 30)
        guard case .frame(let c, _) = Self.next(confirm) else { Issue.record("confirm does not frame"); return }
        #expect(c.serial == h.serial && c.timeLabel == h.timeLabel && c.command == 3 && c.aduLength == 0)
        #expect(c.source == h.destination && c.destination == h.source)
    }

    @Test func clockSyncCarriesTheTimeSecondsFirst() {
        let builder = GB26875FrameBuilder(serial: 77, source: 0, destination: 0x1001, timeZone: Fixtures.shanghai)
        let frame = builder.clockSync(at: Fixtures.exampleAt)
        guard case .frame(let h, _) = Self.next(frame) else { Issue.record("sync"); return }
        #expect(h.command == 1 && h.serial == 77 && h.destination == 0x1001)
        #expect(Array(frame[27..<35]) == [90, 1] + Fixtures.exampleTime)
    }

    @Test func addressesReadAndWriteAsTwelveHexDigitsLowByteFirst() {
        #expect(GB26875Header.addressText(0x1001) == "011000000000")
        #expect(GB26875Header.address("011000000000") == 0x1001)
        #expect(GB26875Header.address("0110000000") == nil)
        #expect(GB26875Header.address("01100000000g") == nil)
        #expect(GB26875Header.address("FFFFFFFFFFFF") == 0xFFFF_FFFF_FFFF)
    }

    /// Whatever the stream holds, the framer never traps, always moves forward, and finds the intact
    /// frames around damaged ones (the decoders' seeded mutations; a failure replays).
    @Test func randomAndMutatedStreamsAlwaysProgress() {
        var rng = SeededRandom(seed: 26875)
        for round in 0..<3_000 {
            var stream: [UInt8] = []
            var intact = 0
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let frame = Fixtures.examples.randomElement(using: &rng)!
                if Bool.random(using: &rng) {
                    stream += frame
                    intact += 1
                } else {
                    stream += GB26875DecoderTests.mutated(frame, using: &rng)
                }
                if Int.random(in: 0..<4, using: &rng) == 0 {
                    stream += (0..<Int.random(in: 1...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                }
            }
            let (units, left) = Self.split(stream, chunk: Int.random(in: 1...80, using: &rng))
            // What waits for more is at most one frame's worth; everything before it was framed,
            // denied or skipped.
            #expect(left < GB26875StreamFramer.maxFrameLength, "round \(round)")
            // Nothing framed only while a damaged length field still waits for its bytes.
            if intact > 0, units.isEmpty { #expect(left > 0, "round \(round): nothing framed") }
        }
    }
}
