import FireWatchCore
import Testing

@Suite struct BackoffTests {
    @Test func delaysDoubleToTheCapWithJitterAndReset() {
        var b = Backoff(initial: 0.5, maximum: 4)
        for ceiling in [0.5, 1, 2, 4, 4, 4] {
            let d = b.next()
            #expect(d >= ceiling / 2 && d <= ceiling, "delay \(d) outside [\(ceiling / 2), \(ceiling)]")
        }
        b.reset()
        #expect(b.step == 0.5)
        #expect((0.25...0.5).contains(b.next()))
    }
}
