import FireWatchCore
@testable import FireWatchDaemon
import FireWatchDecoders
import FireWatchPipeline
import FireWatchStore
import FireWatchTestKit
import Foundation
import Logging
import Synchronization
import Testing

/// Fire alarms first, on a real SQLite journal: an alarm journaled behind a backlog of routine traffic
/// is decided before that backlog, with its device's earlier messages first, and exactly once across a
/// crash between the two.
@Suite struct UrgentLaneTests {
    static let frames = GB26875FrameBuilder(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
    static let backlog = 3_000

    /// A daemon setup on disk: 40 panels, one station; no broker is needed to drive the pipeline.
    static func setup(_ folder: TempFolder) throws -> LoadedSetup {
        var registry = ""
        for i in 0..<40 {
            registry += """
                - id: uitd-\(i)
                  model: gb26875/uitd
                  location: {lat: 31.24, lon: 121.43}
                  address: "长寿路 \(i) 号"
                  street: changshoulu
                  community: changshoulu-c01
                  building: b-\(i)

                """
        }
        _ = try folder.write("registry.yaml", registry)
        _ = try folder.write("stations.yaml", "- {id: ms-1, name: 站, street: changshoulu, kind: community, location: {lat: 31.241, lon: 121.43}, status: available}\n")
        let config = try folder.write("firewatch.yaml", """
            instance: t
            mqtt:
              url: mqtt://127.0.0.1:1
              client_id: t
              subscriptions:
                - {filter: "devices/+/up", device_level: 2, envelope: raw}
            storage: {sqlite: \(folder.file("fw.sqlite"))}
            devices:
              definitions: [\((Repository.root as NSString).appendingPathComponent("Devices"))]
              registry: \(folder.file("registry.yaml"))
            stations: {file: \(folder.file("stations.yaml"))}
            http: {listen: 127.0.0.1:1}
            """)
        return try LoadedSetup.load(configPath: config)
    }

    /// Journals a routine backlog (heartbeats of every panel), with uitd-7's own heartbeat in the
    /// middle, then uitd-7's fire alarm, triaged as ingest triages them.
    static func journal(_ store: SQLiteStore, _ setup: LoadedSetup) throws -> (alarmID: Int64, earlier: Int64) {
        let triage = IngestTriage(setup)
        let router = TopicRouter(Pipeline.subscriptions(setup.config))
        let now = Date()
        var entries: [JournalEntry] = []
        func add(_ device: String, _ payload: [UInt8]) {
            let topic = "devices/\(device)/up"
            entries.append(JournalEntry(
                topic: topic, payload: payload, receivedAt: now, device: device,
                urgent: triage.isUrgent(router.route(topic), payload: payload, receivedAt: now)))
        }
        for i in 0..<backlog { add("uitd-\(i % 40)", frames.heartbeat(at: now.addingTimeInterval(Double(i) / 1000))) }
        let fire = frames.componentStates(
            [.init(componentType: 40, zone: 1, position: 3, state: GB26875FrameBuilder.StateBit.fireAlarm, description: Array("厨房".utf8))],
            at: now)
        add("uitd-7", fire)
        #expect(entries.filter(\.urgent).count == 1, "triage marked heartbeats urgent, or missed the fire alarm")
        let stored = try store.appendJournal(entries).stored
        return (stored.last!.id, stored.last { $0.device == "uitd-7" && !$0.urgent }!.id)
    }

    /// What was published, with the pipeline's stored cursor at that moment.
    final class Published: Sendable {
        let items = Mutex<[(topic: String, cursor: Int64)]>([])
    }

    @Test func anAlarmBehindABacklogIsDecidedFirstWithItsDevicesEarlierMessages() async throws {
        let folder = try TempFolder("urgent")
        defer { folder.remove() }
        let setup = try Self.setup(folder)
        let store = try SQLiteStore(path: setup.config.sqlitePath)
        let (alarmEntry, earlier) = try Self.journal(store, setup)
        let published = Published()
        let pipeline = try Pipeline(
            store: store, setup: setup,
            publish: { topic, _, _ in
                let cursor = (try? store.cursor(SQLiteStore.pipelineCursor)) ?? -1
                published.items.withLock { $0.append((topic, cursor)) }
            }, logger: Logger(label: "test"))
        await pipeline.drain()
        let pages = published.items.withLock { $0 }.filter { $0.topic.hasSuffix("/dispatch") }
        #expect(pages.count == 1)
        // Paged while the routine backlog was still untouched: the cursor had not moved.
        #expect(pages.first?.cursor == 0, "the page waited for \(pages.first?.cursor ?? -1) routine entries")
        // Everything was processed in the end, each entry once.
        #expect(await pipeline.cursorPosition == alarmEntry)
        #expect(try store.processedAhead().isEmpty)
        #expect(earlier < alarmEntry)
        #expect(try store.openAlarms().count == 1)
    }

    @Test func entriesTakenAheadAreNotProcessedAgainAfterACrash() async throws {
        let folder = try TempFolder("urgent-crash")
        defer { folder.remove() }
        let setup = try Self.setup(folder)
        let store = try SQLiteStore(path: setup.config.sqlitePath)
        let (alarmEntry, earlier) = try Self.journal(store, setup)
        let firstPages = Published()
        let first = try Pipeline(
            store: store, setup: setup,
            publish: { topic, payload, _ in firstPages.items.withLock { $0.append((topic + " " + String(decoding: payload, as: UTF8.self), 0)) } },
            logger: Logger(label: "test"))
        // Only the urgent lane runs, then the daemon "dies" before the routine backlog.
        await first.drainUrgent()
        // uitd-7's 75 heartbeats of the backlog went with its alarm, in order.
        let ahead = try store.processedAhead()
        #expect(ahead.count == Self.backlog / 40 + 1 && ahead.contains(earlier) && ahead.last == alarmEntry)
        #expect(try store.cursor(SQLiteStore.pipelineCursor) == 0)
        let pages = Published()
        let second = try Pipeline(
            store: store, setup: setup,
            publish: { topic, payload, _ in pages.items.withLock { $0.append((topic + " " + String(decoding: payload, as: UTF8.self), 0)) } },
            logger: Logger(label: "test"))
        await second.drain()
        // The page the first one sent (never acknowledged by a broker here) is sent again, as it was;
        // no new page: the alarm was not processed twice.
        let before = firstPages.items.withLock { $0 }.map(\.topic).filter { $0.contains("/dispatch ") }
        let after = pages.items.withLock { $0 }.map(\.topic).filter { $0.contains("/dispatch ") }
        #expect(before.count == 1 && after == before, "the alarm was processed twice: \(after)")
        #expect(try store.openAlarms().count == 1)
        #expect(await second.cursorPosition == alarmEntry)
        #expect(try store.processedAhead().isEmpty)
    }
}
