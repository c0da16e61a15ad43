import Foundation
import Synchronization

/// When the event stream gives up on a client. A client reads from the store at its own pace, so it can
/// never slow ingest; these limits only bound how long the daemon keeps a connection for one that does
/// not keep up. A disconnected client resumes with `Last-Event-ID`, so nothing is lost.
public struct EventStreamLimits: Hashable, Sendable {
    /// A client this many events behind the newest event...
    public var maxBehindEvents: Int64
    /// ...for this long, without closing the gap, is disconnected.
    public var maxBehindSeconds: Double
    /// A single write that blocks this long (the client stopped reading) disconnects it.
    public var maxWriteSeconds: Double
    /// A comment line this often, so dead connections are noticed.
    public var keepAliveSeconds: Double

    public init(maxBehindEvents: Int64 = 10_000, maxBehindSeconds: Double = 30, maxWriteSeconds: Double = 30, keepAliveSeconds: Double = 15) {
        self.maxBehindEvents = maxBehindEvents
        self.maxBehindSeconds = maxBehindSeconds
        self.maxWriteSeconds = maxWriteSeconds
        self.keepAliveSeconds = keepAliveSeconds
    }
}

/// Decides when a client has stayed too far behind: more than `maxBehindEvents` behind for
/// `maxBehindSeconds` without closing the gap. A client replaying a long history falls behind too, but
/// its lag shrinks, so it is left alone.
struct LagWatch {
    let limits: EventStreamLimits
    private var since: Date?
    private var lagAtStart: Int64 = 0

    init(limits: EventStreamLimits) {
        self.limits = limits
    }

    /// Records the client's lag at `now`; true when it should be disconnected.
    mutating func observe(lag: Int64, at now: Date) -> Bool {
        guard lag > limits.maxBehindEvents else { since = nil; return false }
        guard let start = since else {
            since = now
            lagAtStart = lag
            return false
        }
        guard now.timeIntervalSince(start) >= limits.maxBehindSeconds else { return false }
        if lag >= lagAtStart { return true }
        since = now
        lagAtStart = lag
        return false
    }
}

/// Notices a write that blocks too long: `begin`/`end` around each write, `overdue` from a watchdog.
final class WriteClock: Sendable {
    private let started = Mutex<Date?>(nil)

    func begin(at now: Date = Date()) { started.withLock { $0 = now } }
    func end() { started.withLock { $0 = nil } }

    /// Seconds the current write has been blocked, if longer than `limit`.
    func overdue(limit: Double, at now: Date = Date()) -> Double? {
        guard let s = started.withLock({ $0 }) else { return nil }
        let blocked = now.timeIntervalSince(s)
        return blocked > limit ? blocked : nil
    }
}
