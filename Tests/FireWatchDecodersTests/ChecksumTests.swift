import FireWatchCore
import Testing

@testable import FireWatchDecoders

/// Checksums against the CRC catalogue's check values (the checksum of "123456789").
@Suite struct ChecksumTests {
    static let check = Array("123456789".utf8)

    @Test(arguments: [
        (ChecksumAlgorithm.sum8, UInt16(0xDD)),
        (.xor8, 0x31),
        (.crc16Modbus, 0x4B37),
        (.crc16CCITT, 0x29B1),
        (.crc16XModem, 0x31C3),
        (.crc16Kermit, 0x2189),
    ])
    func catalogueCheckValues(algorithm: ChecksumAlgorithm, expected: UInt16) {
        #expect(algorithm.compute(Self.check) == expected)
    }

    @Test func aRangeCoversOnlyItsBytes() {
        let framed = [0xAA] + Self.check + [0x00, 0x00]
        #expect(ChecksumAlgorithm.crc16Modbus.compute(framed, 1..<10) == 0x4B37)
        #expect(ChecksumAlgorithm.sum8.compute([]) == 0)
        #expect(ChecksumAlgorithm.crc16CCITT.compute([]) == 0xFFFF)
    }

    @Test func theMingKongSheetFrameCarriesItsModbusCRCHighByteFirst() throws {
        let frame = Inline.hex("a5 5a 00 00 2d 53 48 4d 4b 30 30 30 30 30 30 30 31 34 b9 01 2c 00 03 01 01 00 96 02 58 00 5c 69 b5 09 a6 00 6e 00 65 00 5c 2b b5 55 aa")
        let spec = ChecksumSpec(algorithm: .crc16Modbus, from: 0, to: -4, at: -4, bigEndian: true)
        try spec.verify(frame)
        var damaged = frame
        damaged[10] ^= 0x01
        #expect(throws: DecodeError(offset: 41, field: "checksum", "crc16_modbus checksum expected 0xeb24, found 0x2bb5")) {
            try spec.verify(damaged)
        }
    }

    @Test func writeThenVerifyInBothByteOrders() throws {
        for bigEndian in [true, false] {
            for algorithm in ChecksumAlgorithm.allCases {
                var frame: [UInt8] = Array(Self.check) + [0, 0]
                let spec = ChecksumSpec(algorithm: algorithm, from: 0, to: 9, at: 9, bigEndian: bigEndian)
                spec.write(into: &frame)
                try spec.verify(frame)
            }
        }
        var frame: [UInt8] = Array(Self.check) + [0, 0]
        ChecksumSpec(algorithm: .crc16Modbus, from: 0, to: 9, at: 9, bigEndian: false).write(into: &frame)
        #expect(frame[9...] == [0x37, 0x4B])
    }

    @Test func aPayloadTooShortForItsChecksumIsAnErrorNotATrap() {
        let spec = ChecksumSpec(algorithm: .crc16CCITT, from: 0, to: -2, at: -2, bigEndian: true)
        #expect(throws: DecodeError.self) { try spec.verify([0x01]) }
        #expect(throws: DecodeError.self) { try spec.verify([]) }
    }
}
