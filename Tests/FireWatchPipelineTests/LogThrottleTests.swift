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
}
