import FireWatchCore
import FireWatchStore
import FireWatchTestKit
import Foundation
import GRDB
import Testing

@Suite struct SQLiteStoreTests {
    let t0 = Date(timeIntervalSince1970: 1_773_472_166)

    func makeAlarm(_ id: String, device: String = "d1") -> Alarm {
        let d = Device(id: device, model: "gb26875/uitd", location: GeoPoint(lat: 31.24, lon: 121.43), address: "a", street: "s1", community: "c")
        return Alarm(id: id, device: d, point: Point(zone: 1, position: 2), kind: .fire, severity: .critical, raisedAt: t0)
    }

    @Test func opensInWALModeWithASQLiteFileOnDisk() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.file("db/fw.sqlite"))
        #expect(try store.journalMode() == ["wal", "wal"])
        // Read from the writer itself: GRDB's WAL set-up leaves it at NORMAL (1) unless set again.
        #expect(try store.writerSynchronous() == [2, 2])
        #expect(FileManager.default.fileExists(atPath: folder.file("db/fw.sqlite")))
        store.health.start()
        defer { store.health.stop() }
        #expect(store.health.problem() == nil)
    }

    @Test func journalKeepsRawBytesInOrderAndSurvivesReopening() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let path = folder.file("fw.sqlite")
        do {
            let store = try SQLiteStore(path: path)
            let stored = try store.appendJournal([
                JournalEntry(topic: "devices/a/up", payload: [0, 1, 255], receivedAt: t0, dup: false, device: "a"),
                JournalEntry(topic: "devices/b/up", payload: [], receivedAt: t0.addingTimeInterval(1), dup: true, device: "b"),
            ])
            #expect(stored.stored.map(\.id) == [1, 2])
            #expect(store.journalSignal.position == 2)
        }
        let store = try SQLiteStore(path: path)
        #expect(store.journalSignal.position == 2)
        let all = try store.journal(after: 0, limit: 10)
        #expect(all.map(\.payload) == [[0, 1, 255], []])
        #expect(all[1].dup)
        #expect(try store.journalCount() == 2)
        #expect(try store.journalCount(device: "a") == 1)
        #expect(try store.journalCount(since: t0.addingTimeInterval(0.5)) == 1)
        #expect(try store.journal(after: 1, limit: 10).map(\.topic) == ["devices/b/up"])
    }

    @Test func aRedeliveryAlreadyInTheWindowIsCountedNotStored() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let path = folder.file("fw.sqlite")
        let heartbeat = JournalEntry(topic: "devices/a/up", payload: [1, 2, 3], receivedAt: t0, device: "a")
        do {
            let store = try SQLiteStore(path: path)
            try store.appendJournal([heartbeat])
            // The same bytes without the DUP flag: a legitimate repeat (heartbeats repeat).
            #expect(try store.appendJournal([heartbeat]).stored.count == 1)
        }
        // After a restart the window is rebuilt from the journal.
        let store = try SQLiteStore(path: path)
        var redelivered = heartbeat
        redelivered.dup = true
        var other = redelivered
        other.payload = [9]
        let result = try store.appendJournal([redelivered, other])
        #expect(result.duplicates == 1)
        #expect(result.stored.map(\.payload) == [[9]])
        #expect(try store.journalCount() == 3)
        // A DUP message on another topic with the same payload is not a duplicate.
        var elsewhere = redelivered
        elsewhere.topic = "devices/b/up"
        #expect(try store.appendJournal([elsewhere]).duplicates == 0)
    }

    @Test func aPipelineStepCommitsAlarmsDispatchesEventsAndTheCursorTogether() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.file("fw.sqlite"))
        var alarm = makeAlarm("alm-1")
        var step = PipelineCommit(cursor: 7)
        step.alarms = [alarm]
        step.events = [FeedEvent(at: t0, type: .alarmRaised, alarm: alarm)]
        let events = try store.commit(step).events
        #expect(events.map(\.seq) == [1])
        #expect(try store.cursor(SQLiteStore.pipelineCursor) == 7)
        #expect(store.eventSignal.position == 1)

        alarm.count = 2
        var second = PipelineCommit(cursor: 8)
        second.alarms = [alarm]
        second.events = [FeedEvent(at: t0, type: .alarmUpdated, alarm: alarm), FeedEvent(at: t0, type: .alarmUpdated, alarm: alarm)]
        #expect(try store.commit(second).events.map(\.seq) == [2, 3])
        #expect(try store.openAlarms().map(\.count) == [2])
        #expect(try store.alarm(id: "alm-1")?.count == 2)
        #expect(try store.events(after: 1, limit: 10).map(\.seq) == [2, 3])
        #expect(try store.events(after: 0, limit: 10).first?.alarm?.id == "alm-1")
    }

    @Test func theDatabaseRefusesASecondOpenAlarmForOneEpisode() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.file("fw.sqlite"))
        var step = PipelineCommit(cursor: 1)
        step.alarms = [makeAlarm("alm-1")]
        try store.commit(step)
        var clash = PipelineCommit(cursor: 2)
        clash.alarms = [makeAlarm("alm-2")]
        #expect(throws: (any Error).self) { try store.commit(clash) }
        // Nothing of the failed step is kept, not even its cursor.
        #expect(try store.cursor(SQLiteStore.pipelineCursor) == 1)
        #expect(try store.openAlarms().map(\.id) == ["alm-1"])
    }

    @Test func seqBeforeFindsTheResumePointForATime() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.file("fw.sqlite"))
        var step = PipelineCommit(cursor: 1)
        step.events = (0..<5).map { FeedEvent(at: t0.addingTimeInterval(Double($0) * 60), type: .stationStatus) }
        try store.commit(step)
        #expect(try store.seq(before: t0.addingTimeInterval(120)) == 2)
        #expect(try store.seq(before: t0.addingTimeInterval(-1)) == 0)
        #expect(try store.seq(before: t0.addingTimeInterval(3600)) == 5)
    }

    @Test func onlineBackupCopiesAConsistentDatabase() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.file("fw.sqlite"))
        try store.appendJournal((0..<100).map { JournalEntry(topic: "t/\($0)", payload: [UInt8($0)], receivedAt: t0) })
        try store.backup(to: folder.file("copy.sqlite"))
        let copy = try SQLiteStore(path: folder.file("copy.sqlite"))
        #expect(try copy.journalCount() == 100)
        // The copy is one file; opening it moved its journal into the journal file, ids kept.
        #expect(FileManager.default.fileExists(atPath: folder.file("copy.journal.sqlite")))
        #expect(try copy.journal(after: 0, limit: 1000).map(\.id) == store.journal(after: 0, limit: 1000).map(\.id))
        let inside = try DatabaseQueue(path: folder.file("copy.sqlite"))
        #expect(try inside.read { db in try db.tableExists("journal") } == false)
        #expect(throws: StoreError.self) { try store.backup(to: folder.file("copy.sqlite")) }
    }

    @Test func retentionRemovesOnlyOldProcessedJournalRows() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.file("fw.sqlite"))
        let old = t0.addingTimeInterval(-100 * 86_400)
        try store.appendJournal((0..<10).map { JournalEntry(topic: "t", payload: [UInt8($0)], receivedAt: $0 < 6 ? old : t0) })
        var step = PipelineCommit(cursor: 4)  // rows 5... not processed yet
        step.events = [FeedEvent(at: old, type: .stationStatus), FeedEvent(at: t0, type: .stationStatus)]
        try store.commit(step)
        let pruned = try store.prune(journalBefore: t0.addingTimeInterval(-90 * 86_400), eventsBefore: t0.addingTimeInterval(-90 * 86_400))
        #expect(pruned == SQLiteStore.Pruned(journalRows: 4, events: 1))
        #expect(try store.journal(after: 0, limit: 100).map(\.id) == Array(5...10))
    }
}
