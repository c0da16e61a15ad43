import FireWatchCore
import Foundation
import Synchronization

/// Journals frames from every connection in group commits on a thread of its own, and answers each
/// submitter once its frame is durable: the centre's confirm waits for the commit as a PUBACK does.
/// A retransmission (same source address, serial and bytes) of a frame journaled within the window,
/// or still being committed, is not stored again; it is answered when the first copy is durable.
public final class GB26875FrameJournal: Sendable {
    /// `true`: a retransmission of a frame already journaled.
    public typealias Done = @Sendable (Result<Bool, any Error>) -> Void

    /// What makes two frames the same frame.
    public struct Key: Hashable, Sendable {
        public var source: UInt64
        public var serial: UInt16
        public var digest: UInt64

        /// The key of a whole frame's bytes (source address at 12, serial at 2, both little-endian).
        public init?(frame b: [UInt8]) {
            guard b.count >= 27 else { return nil }
            source = (0..<6).reduce(UInt64(0)) { $0 | UInt64(b[12 + $1]) << (8 * UInt64($1)) }
            serial = UInt16(b[2]) | UInt16(b[3]) << 8
            digest = FNV1a.hash(b)
        }
    }

    /// A frame submitted after `stop()`: not journaled, so not confirmed (the device sends it again).
    public struct Stopped: Error, CustomStringConvertible {
        public var description: String { "the journal is stopping" }
    }

    private struct Submission {
        var entry: JournalEntry
        var key: Key?
        var done: Done
    }

    private struct State {
        var queue: [Submission] = []
        /// The keys in `queue`, so a retransmission finds its first copy without a scan.
        var queued: Set<Key> = []
        /// Keys in the batch being committed, with the retransmissions waiting on them.
        var inFlight: [Key: [Done]] = [:]
        /// Keys journaled within the window, and when.
        var recent: [Key: Date] = [:]
        var lastPrune = Date.distantPast
        var stopped = false
    }

    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let append: @Sendable ([JournalEntry]) throws -> Void
    private let window: Double
    private let now: @Sendable () -> Date
    /// The most keys remembered, whatever the window (about 100 bytes each).
    static let maxRecent = 500_000

    /// `recent`: frames journaled before this start (after a crash the device retransmits what it
    /// was never confirmed), so they are not stored twice.
    public init(window: Double, recent: [(frame: [UInt8], at: Date)] = [], now: @escaping @Sendable () -> Date = Date.init,
                append: @escaping @Sendable ([JournalEntry]) throws -> Void) {
        self.window = window
        self.append = append
        self.now = now
        state.withLock { s in
            for r in recent { if let k = Key(frame: r.frame) { s.recent[k] = r.at } }
        }
        let thread = Thread { [self] in self.run() }
        thread.name = "gb26875-journal"
        thread.start()
    }

    /// Queues `entry` (its payload one whole frame); `done` runs on the journal's thread once it is
    /// durable, or was already. `retransmittable`: false for frames never deduplicated (denied ones).
    public func submit(_ entry: JournalEntry, retransmittable: Bool = true, done: @escaping Done) {
        let key = retransmittable ? Key(frame: entry.payload) : nil
        enum Answer { case queued, duplicate, stopped }
        let answer: Answer = state.withLock { s in
            guard !s.stopped else { return .stopped }
            if let key {
                if let at = s.recent[key], now().timeIntervalSince(at) <= window { return .duplicate }
                if s.inFlight[key] != nil || s.queued.contains(key) {
                    s.inFlight[key, default: []].append(done)
                    return .queued
                }
                s.queued.insert(key)
            }
            s.queue.append(Submission(entry: entry, key: key, done: done))
            return .queued
        }
        switch answer {
        case .duplicate: done(.success(true))
        case .stopped: done(.failure(Stopped()))
        case .queued: wake.signal()
        }
    }

    /// Commits what is queued, then stops the thread.
    public func stop() {
        let first = state.withLock { s -> Bool in
            defer { s.stopped = true }
            return !s.stopped
        }
        guard first else { return }
        wake.signal()
        finished.wait()
    }

    private func run() {
        defer { finished.signal() }
        while true {
            wake.wait()
            let (batch, stopped) = state.withLock { s -> ([Submission], Bool) in
                defer {
                    s.queue.removeAll(keepingCapacity: true)
                    s.queued.removeAll(keepingCapacity: true)
                }
                for sub in s.queue { if let k = sub.key, s.inFlight[k] == nil { s.inFlight[k] = [] } }
                return (s.queue, s.stopped)
            }
            if !batch.isEmpty { commit(batch) }
            if stopped, state.withLock({ $0.queue.isEmpty }) { return }
        }
    }

    private func commit(_ batch: [Submission]) {
        let result: Result<Void, any Error> = Result { try append(batch.map(\.entry)) }
        let at = now()
        let waiting = state.withLock { s -> [Done] in
            var waiting: [Done] = []
            for sub in batch {
                guard let k = sub.key else { continue }
                waiting += s.inFlight.removeValue(forKey: k) ?? []
                if case .success = result { s.recent[k] = at }
            }
            prune(&s, at: at)
            return waiting
        }
        switch result {
        case .success:
            for sub in batch { sub.done(.success(false)) }
            for d in waiting { d(.success(true)) }
        case .failure(let error):
            for sub in batch { sub.done(.failure(error)) }
            for d in waiting { d(.failure(error)) }
        }
    }

    /// Forgets keys older than the window, once a minute; past the cap, the oldest half.
    private func prune(_ s: inout State, at: Date) {
        guard at.timeIntervalSince(s.lastPrune) >= 60 || s.recent.count > Self.maxRecent else { return }
        s.lastPrune = at
        s.recent = s.recent.filter { at.timeIntervalSince($0.value) <= window }
        if s.recent.count > Self.maxRecent {
            // Exactly the older half (many keys share one commit's time, so no cut by time alone).
            let newest = s.recent.sorted { $0.value > $1.value }.prefix(s.recent.count / 2)
            s.recent = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
        }
    }

    /// Frames remembered (for tests and metrics).
    public var rememberedCount: Int { state.withLock { $0.recent.count } }
}
