import FireWatchCore
import FireWatchStore
import FireWatchTestKit
import Foundation
import GRDB
import Testing

/// Readiness and the watchdog read the store's health without touching the database (issue 12).
@Suite struct StoreHealthTests {
    /// Another connection holds the database's write lock, on a thread of its own, until `release`.
    final class Lock: @unchecked Sendable {
        let held = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)

        init(_ path: String) throws {
            let queue = try DatabaseQueue(path: path)
            Thread { [held, done, released] in
                try? queue.writeWithoutTransaction { db in
                    try db.execute(sql: "BEGIN IMMEDIATE")
                    held.signal()
                    done.wait()
                    try db.execute(sql: "ROLLBACK")
                }
                released.signal()
            }.start()
            held.wait()
        }

        func release() {
            done.signal()
            released.wait()
        }
    }

    @Test func aLockHeldElsewhereMakesTheStoreNotReadyAtOnceAndReadyAfter() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.file("fw.sqlite"))
        store.health.start()
        defer { store.health.stop() }
        #expect(store.health.problem() == nil)

        let lock = try Lock(folder.file("fw.sqlite"))
        let why = try Wait.until("not ready while locked", seconds: 20) { store.health.problem() }
        #expect(why.contains("waited") || why.contains("locked"), "\(why)")
        // Not stuck for the watchdog: another process's lock is not the daemon hanging.
        #expect(store.health.stuck(after: 120) == nil)
        lock.release()
        try Wait.until("ready again", seconds: 20) { store.health.problem() == nil ? true : nil }
    }

    @Test func aFailedCommitIsReportedUntilAWriteSucceeds() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.file("fw.sqlite"))
        store.health.start()
        defer { store.health.stop() }
        struct DiskFull: Error, CustomStringConvertible { var description: String { "SQLite error 13: database or disk is full" } }
        store.health.recordCommit(.state, DiskFull())
        #expect(store.health.problem()?.contains("disk is full") == true)
        // A probe of the other file succeeding says nothing about this writer's commits.
        store.health.recordCommit(.journal, nil)
        #expect(store.health.problem()?.contains("state commit failed") == true)
        store.health.recordCommit(.state, nil)
        #expect(store.health.problem() == nil)
    }

    @Test func withoutAProbeTheStoreIsNotCalledReady() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.file("fw.sqlite"))
        #expect(store.health.problem()?.contains("has not run") == true)
    }
}
