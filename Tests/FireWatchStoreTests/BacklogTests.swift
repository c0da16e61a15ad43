import FireWatchCore
import FireWatchStore
import FireWatchTestKit
import Foundation
import Testing

/// The urgent lane's view of a device's unprocessed entries: from the backlog, across a restart, and
/// forgotten as the cursor passes.
@Suite struct BacklogTests {
    let t0 = Date(timeIntervalSince1970: 1_773_472_166)

    func entries(_ devices: [String]) -> [JournalEntry] {
        devices.enumerated().map { i, d in JournalEntry(topic: "devices/\(d)/up", payload: [UInt8(i)], receivedAt: t0, device: d) }
    }

    @Test func aDevicesEarlierEntriesAreFoundBetweenCursorAndUrgentEntry() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.file("fw.sqlite"))
        let stored = try store.appendJournal(entries(["a", "b", "a", "c", "a", "b"])).stored
        #expect(stored.map(\.id) == [1, 2, 3, 4, 5, 6])
        #expect(try store.journal(device: "a", after: 0, through: 5).map(\.id) == [1, 3, 5])
        #expect(try store.journal(device: "a", after: 0, through: 4).map(\.id) == [1, 3])
        #expect(try store.journal(device: "b", after: 0, through: 6).map(\.payload) == [[1], [5]])
        #expect(try store.journal(device: "z", after: 0, through: 6).isEmpty)

        try store.commit(PipelineCommit(cursor: 3))
        #expect(try store.journal(device: "a", after: 3, through: 6).map(\.id) == [5])
        // Below the cursor the backlog no longer tracks entries: the journal is scanned instead.
        #expect(try store.journal(device: "a", after: 0, through: 6).map(\.id) == [1, 3, 5])
    }

    @Test func theBacklogIsRebuiltFromTheJournalAfterTheCursorOnRestart() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        do {
            let store = try SQLiteStore(path: folder.file("fw.sqlite"))
            try store.appendJournal(entries(["a", "b", "a", "a"]))
            try store.commit(PipelineCommit(cursor: 1))
        }
        let reopened = try SQLiteStore(path: folder.file("fw.sqlite"))
        #expect(try reopened.journal(device: "a", after: 1, through: 4).map(\.id) == [3, 4])
        try reopened.appendJournal(entries(["a"]))
        #expect(try reopened.journal(device: "a", after: 1, through: 5).map(\.id) == [3, 4, 5])
    }
}
