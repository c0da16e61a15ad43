import FireWatchClient
import Testing

/// The event-stream format as the HTML standard defines it, fed in chunks of any size.
@Suite struct SSEParserTests {
    static let stream = "retry: 2000\n: connected at 4\n\nid: 5\nevent: alarm.raised\ndata: {\"a\":1}\n\nid: 6\nevent: alarm.updated\ndata: {\"a\":2}\n\n"

    @Test func framesCarryIdEventAndData() {
        var parser = SSEParser()
        var comments: [String] = []
        let frames = parser.feed(Array(Self.stream.utf8)) { comments.append($0) }
        #expect(frames == [
            SSEFrame(id: "5", event: "alarm.raised", data: "{\"a\":1}"),
            SSEFrame(id: "6", event: "alarm.updated", data: "{\"a\":2}"),
        ])
        #expect(comments == ["connected at 4"])
        #expect(parser.retryMilliseconds == 2000)
        #expect(parser.lastEventID == "6")
    }

    @Test(arguments: [1, 2, 3, 7, 64])
    func anyChunkingGivesTheSameFrames(chunk: Int) {
        var whole = SSEParser()
        let expected = whole.feed(Array(Self.stream.utf8))
        var parser = SSEParser()
        var frames: [SSEFrame] = []
        let bytes = Array(Self.stream.utf8)
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            frames += parser.feed(bytes[start..<min(start + chunk, bytes.count)])
        }
        #expect(frames == expected)
    }

    @Test func crlfAndCrEndLinesToo() {
        var parser = SSEParser()
        let frames = parser.feed(Array("id: 1\r\ndata: x\r\n\r\nid: 2\rdata: y\r\r".utf8))
        #expect(frames.map(\.data) == ["x", "y"])
        #expect(frames.map(\.id) == ["1", "2"])
    }

    @Test func aCRLFSplitAcrossChunksIsOneLineEnd() {
        var parser = SSEParser()
        var frames = parser.feed(Array("data: x\r".utf8))
        frames += parser.feed(Array("\n\r\n".utf8))
        #expect(frames.map(\.data) == ["x"])
    }

    @Test func dataLinesJoinWithNewlinesAndOneLeadingSpaceIsDropped() {
        var parser = SSEParser()
        let frames = parser.feed(Array("data:  two spaces\ndata:none\ndata\n\n".utf8))
        #expect(frames.map(\.data) == [" two spaces\nnone\n"])
    }

    @Test func theIdCarriesOverAndFramesWithoutDataAreDropped() {
        var parser = SSEParser()
        let frames = parser.feed(Array("id: 9\n\nevent: x\n\ndata: after\n\nid: bad\u{0}id\ndata: z\n\n".utf8))
        #expect(frames == [SSEFrame(id: "9", event: nil, data: "after"), SSEFrame(id: "9", event: nil, data: "z")])
    }

    @Test func aByteOrderMarkAndUnknownFieldsAreIgnored() {
        var parser = SSEParser()
        let frames = parser.feed([0xEF, 0xBB, 0xBF] + Array("foo: bar\nretry: soon\ndata: ok\n\n".utf8))
        #expect(frames.map(\.data) == ["ok"])
        #expect(parser.retryMilliseconds == nil)
    }

    @Test func anUnfinishedFrameWaitsForItsBlankLine() {
        var parser = SSEParser()
        #expect(parser.feed(Array("id: 3\ndata: x\n".utf8)).isEmpty)
        #expect(parser.feed(Array("\n".utf8)).map(\.data) == ["x"])
    }
}
