import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Whether the store takes writes, kept by a write probe on a thread of its own and by the writers'
/// own commits, so readiness and the watchdog read it at once and never touch the database: a lock
/// held by another process had made `/readyz` and the watchdog wait out the 10 s busy timeout.
public final class StoreHealth: Sendable {
    /// A probe's write waiting longer than this makes the store not ready (a lock held elsewhere).
    public static let waitLimitSeconds = 1.0
    /// Less free space than this on the store's disk makes it not ready: the journal needs room for
    /// every message it acknowledges.
    public static let minimumFreeBytes: UInt64 = 64 << 20
    /// A failed commit keeps the store not ready until a commit or a probe succeeds after it.
    struct State {
        var probingSince: Date?
        var probedAt: Date?
        var probeError: String?
        var commitError: String?
        var freeBytes: UInt64?
    }

    private let state = Mutex(State())
    private let stopped = Atomic<Bool>(false)
    let interval: Double
    let probe: @Sendable () throws -> Void
    let freeBytes: @Sendable () -> UInt64?

    /// `probe` writes a little to every file of the store, once `start` is called.
    init(interval: Double = 1, freeBytes: @escaping @Sendable () -> UInt64?, probe: @escaping @Sendable () throws -> Void) {
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
        state.withLock { $0.probingSince = Date() }
        let free = freeBytes()
        let error: String?
        do { try probe(); error = nil } catch let e { error = "\(e)" }
        state.withLock { s in
            s.probingSince = nil
            s.probedAt = Date()
            s.probeError = error
            s.freeBytes = free
            if error == nil { s.commitError = nil }
        }
    }

    /// What a writer's commit did: a failure makes the store not ready until the next success.
    public func recordCommit(_ error: (any Error)?) {
        let why = error.map { "\($0)" }
        state.withLock { s in if s.commitError != why { s.commitError = why } }
    }

    /// Nil when the store takes writes, else why not (readiness).
    public func problem(now: Date = Date()) -> String? {
        let s = state.withLock { $0 }
        if let since = s.probingSince, now.timeIntervalSince(since) > Self.waitLimitSeconds {
            return String(format: "a write to the store has waited %.0f s (is the database locked by another process?)", now.timeIntervalSince(since))
        }
        if let e = s.probeError { return "the store refused a write: \(e)" }
        if let e = s.commitError { return "the last commit failed: \(e)" }
        if s.probedAt == nil { return "the store's write probe has not run" }
        if let free = s.freeBytes, free < Self.minimumFreeBytes {
            return "only \(free >> 20) MiB free on the store's disk (at least \(Self.minimumFreeBytes >> 20) MiB needed)"
        }
        return nil
    }

    /// Nil unless a write to the store has waited `seconds` or more: the store is stuck (the watchdog).
    public func stuck(after seconds: Double, now: Date = Date()) -> String? {
        guard let since = state.withLock({ $0.probingSince }), now.timeIntervalSince(since) >= seconds else { return nil }
        return String(format: "a write to the store has waited %.0f s", now.timeIntervalSince(since))
    }

    /// Free bytes for unprivileged writers on the file system holding `path`.
    static func freeBytes(at path: String) -> UInt64? {
        var s = statvfs()
        guard statvfs(path, &s) == 0 else { return nil }
        return UInt64(s.f_bavail) * UInt64(s.f_frsize)
    }
}
