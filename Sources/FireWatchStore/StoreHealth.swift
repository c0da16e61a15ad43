import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Whether the store takes writes, kept by a write probe on a thread of its own and by the writers'
/// own commits, so readiness and the watchdog read it at once and never touch the database: a lock
/// held by another process had made `/readyz` and the watchdog wait out the 10 s busy timeout.
public final class StoreHealth: Sendable {
    /// The store's writers, one per file.
    public enum Writer: Int, Sendable, CaseIterable {
        case state, journal
    }

    /// A probe waiting longer than this for a file's lock makes the store not ready (a lock held
    /// elsewhere). Time queued behind this process's own writes does not count.
    public static let waitLimitSeconds = 1.0
    /// Less free space than this on the store's disk makes it not ready: the journal needs room for
    /// every message it acknowledges.
    public static let minimumFreeBytes: UInt64 = 64 << 20
    /// A writer that committed this recently is not probed: its commits say enough (and an idle
    /// disk is not written every second for nothing).
    public static let quietSeconds = 5.0

    struct Failure {
        var why: String
        /// A lock, a full disk or an I/O error: a later successful probe of that file clears it.
        var transient: Bool
    }

    struct State {
        /// The probe is queued for a writer (its own writes ahead of it, or a lock).
        var queuedSince: Date?
        /// The probe holds the writer and waits for the file's lock.
        var lockingSince: Date?
        var probedAt: Date?
        var probeError: String?
        var failures: [Failure?] = Array(repeating: nil, count: Writer.allCases.count)
        var committedAt: [Date?] = Array(repeating: nil, count: Writer.allCases.count)
        var freeBytes: UInt64?
    }

    private let state = Mutex(State())
    private let stopped = Atomic<Bool>(false)
    let interval: Double
    let probe: @Sendable (StoreHealth) throws -> Void
    let freeBytes: @Sendable () -> UInt64?

    /// `probe` writes a little to each file of the store that was quiet lately, once `start` is called.
    init(interval: Double = 1, freeBytes: @escaping @Sendable () -> UInt64?, probe: @escaping @Sendable (StoreHealth) throws -> Void) {
        self.interval = interval
        self.probe = probe
        self.freeBytes = freeBytes
    }

    /// Probes now, then every `interval` seconds on a thread of its own until `stop` (the daemon; tools
    /// that only read never write probes into its files).
    public func start() {
        runProbe()
        let thread = Thread { [self] in
            while !stopped.load(ordering: .relaxed) {
                Thread.sleep(forTimeInterval: interval)
                if stopped.load(ordering: .relaxed) { break }
                runProbe()
            }
        }
        thread.name = "store-health"
        thread.start()
    }

    /// Stops the probe thread (at the next turn).
    public func stop() { stopped.store(true, ordering: .relaxed) }

    func runProbe() {
        state.withLock { $0.queuedSince = Date() }
        let free = freeBytes()
        let error: String?
        do { try probe(self); error = nil } catch let e { error = "\(e)" }
        state.withLock { s in
            s.queuedSince = nil
            s.lockingSince = nil
            s.probedAt = Date()
            s.probeError = error
            s.freeBytes = free
        }
    }

    /// Whether `writer` committed within `quietSeconds` (then the probe leaves it alone).
    func committedRecently(_ writer: Writer, now: Date = Date()) -> Bool {
        state.withLock { $0.committedAt[writer.rawValue].map { now.timeIntervalSince($0) < Self.quietSeconds } ?? false }
    }

    /// The probe holds `writer` and now waits for its file's lock (nil: done with it).
    func probing(_ writer: Writer?) {
        state.withLock { $0.lockingSince = writer == nil ? nil : Date() }
    }

    /// The probe wrote to `writer`'s file: a lock, full-disk or I/O failure of its commits is over.
    func probed(_ writer: Writer) {
        state.withLock { s in
            if s.failures[writer.rawValue]?.transient == true { s.failures[writer.rawValue] = nil }
        }
    }

    /// What a writer's commit did: a failure makes the store not ready until that writer commits
    /// again (or, for a lock or a full disk, until a probe of its file succeeds).
    public func recordCommit(_ writer: Writer, _ error: (any Error)?, transient: Bool = false) {
        state.withLock { s in
            if let error {
                s.failures[writer.rawValue] = Failure(why: "\(error)", transient: transient)
            } else {
                s.failures[writer.rawValue] = nil
                s.committedAt[writer.rawValue] = Date()
            }
        }
    }

    /// Nil when the store takes writes, else why not (readiness).
    public func problem(now: Date = Date()) -> String? {
        let s = state.withLock { $0 }
        if let since = s.lockingSince, now.timeIntervalSince(since) > Self.waitLimitSeconds {
            return String(format: "a write to the store has waited %.0f s for its lock (is the database locked by another process?)", now.timeIntervalSince(since))
        }
        if let e = s.probeError { return "the store refused a write: \(e)" }
        for (w, f) in zip(Writer.allCases, s.failures) {
            if let f { return "the last \(w == .journal ? "journal" : "state") commit failed: \(f.why)" }
        }
        if s.probedAt == nil { return "the store's write probe has not run" }
        if let free = s.freeBytes, free < Self.minimumFreeBytes {
            return "only \(free >> 20) MiB free on the store's disk (at least \(Self.minimumFreeBytes >> 20) MiB needed)"
        }
        return nil
    }

    /// Nil unless a write to the store has not finished for `seconds` or more, counting the time
    /// behind this process's own writes: the store is stuck (the watchdog).
    public func stuck(after seconds: Double, now: Date = Date()) -> String? {
        guard let since = state.withLock({ $0.queuedSince }), now.timeIntervalSince(since) >= seconds else { return nil }
        return String(format: "a write to the store has not finished for %.0f s", now.timeIntervalSince(since))
    }

    /// Free bytes for unprivileged writers on the file system holding `path`.
    static func freeBytes(at path: String) -> UInt64? {
        var s = statvfs()
        guard statvfs(path, &s) == 0 else { return nil }
        return UInt64(s.f_bavail) * UInt64(s.f_frsize)
    }
}
