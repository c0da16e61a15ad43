@testable import FireWatchPipeline
import Foundation
import Testing

@Suite struct LogThrottleTests {
    @Test func firstOccurrenceLogsThenOncePerIntervalWithTheCount() {
        var t = LogThrottle(interval: 60)
        let t0 = Date(timeIntervalSince1970: 0)
        #expect(t.admit("decode|d1", now: t0) == 0)
        #expect(t.admit("decode|d1", now: t0.addingTimeInterval(1)) == nil)
        #expect(t.admit("decode|d1", now: t0.addingTimeInterval(2)) == nil)
        #expect(t.admit("decode|d2", now: t0.addingTimeInterval(2)) == 0)
        #expect(t.admit("decode|d1", now: t0.addingTimeInterval(61)) == 2)
        #expect(t.admit("decode|d1", now: t0.addingTimeInterval(62)) == nil)
    }

    @Test func aFloodOfUniqueLongKeysStaysWithinItsBytes() {
        var t = LogThrottle(interval: 60)
        let t0 = Date(timeIntervalSince1970: 0)
        var maxBytes = 0
        for i in 0..<10_000 {
            let key = "unknown|\(i)|" + String(repeating: "x", count: 10_000)
            _ = t.admit(key, now: t0.addingTimeInterval(Double(i) / 1000))
            maxBytes = max(maxBytes, t.bytes)
        }
        #expect(maxBytes <= LogThrottle.maxBytes + LogThrottle.maxKeyBytes + LogThrottle.entryOverhead)
        #expect(t.count < 10_000, "forgotten past the bound")
        // Keys cut to their first bytes share one entry: a long id logs once, then repeats are counted.
        var u = LogThrottle(interval: 60)
        #expect(u.admit(String(repeating: "y", count: 300) + "1", now: t0) == 0)
        #expect(u.admit(String(repeating: "y", count: 300) + "2", now: t0) == nil)
    }
}
