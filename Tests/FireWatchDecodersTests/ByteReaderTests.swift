import Testing

@testable import FireWatchDecoders

@Suite("ByteReader")
struct ByteReaderTests {
    @Test func readsLittleAndBigEndian() throws {
        var reader = ByteReader([0x01, 0x02, 0x03, 0x04, 0xff, 0xff, 0x01, 0x10, 0, 0, 0, 0])
        #expect(try reader.readUInt16LE("a") == 0x0201)
        #expect(try reader.readUInt(2, "b", bigEndian: true) == 0x0304)
        #expect(try reader.readInt16LE("c") == -1)
        #expect(try reader.readUInt(6, "d") == 0x1001)
        #expect(reader.isAtEnd)
    }

    @Test func truncationNamesFieldAndPayloadOffset() throws {
        var reader = ByteReader([0, 1, 2, 3, 4, 5, 6, 7], from: 2, to: 6)
        #expect(try reader.readUInt8("first") == 2)
        #expect(reader.remaining == 3)
        do throws(DecodeError) {
            _ = try reader.readUInt32LE("value")
            Issue.record("read past the end")
        } catch {
            #expect(error.offset == 3)
            #expect(error.field == "value")
            #expect(error.reason.contains("needs 4 bytes, only 3 left before offset 6"))
        }
        #expect(reader.offset == 3)  // a failed read consumes nothing
    }

    @Test func subReaderStaysInsideItsBounds() throws {
        var reader = ByteReader([9, 8, 7, 6, 5])
        var inner = try reader.subReader(2, "inner")
        #expect(try inner.readBytes(2, "x") == [9, 8])
        #expect(throws: DecodeError.self) { try inner.readUInt8("y") }
        #expect(try reader.readUInt8("z") == 7)
    }

    @Test func outOfRangeBoundsAreClampedNotTrapped() throws {
        let reader = ByteReader([1, 2], from: 5, to: -3)
        #expect(reader.remaining == 0)
        #expect(reader.peek() == nil)
        var wide = ByteReader([1, 2])
        #expect(throws: DecodeError.self) { try wide.readUInt(9, "too wide") }
        #expect(throws: DecodeError.self) { try wide.readBytes(-1, "negative") }
    }
}
