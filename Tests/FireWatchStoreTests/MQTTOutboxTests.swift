import FireWatchCore
import FireWatchStore
import FireWatchTestKit
import Foundation
import Testing

/// The MQTT outbox: messages kept with the step that decided them, given ids in order, kept across a
/// reopen until acknowledged, and forgotten once they are.
@Suite struct MQTTOutboxTests {
    @Test func messagesAreKeptWithTheirStepUntilAcknowledged() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        var ids: [Int64] = []
        do {
            let store = try SQLiteStore(path: folder.file("fw.sqlite"))
            var step = PipelineCommit(cursor: 3)
            step.outbound = [
                OutboundMessage(topic: "firewatch/stations/ms-1/dispatch", payload: Array(#"{"alarm_id":"alm-1"}"#.utf8), retain: false),
                OutboundMessage(topic: "firewatch/alarms/alm-1", payload: [], retain: true),
            ]
            let done = try store.commit(step)
            ids = done.outbound.map(\.id)
            #expect(ids.count == 2 && ids[0] > 0 && ids[1] > ids[0])
            #expect(done.outbound.map(\.topic) == step.outbound.map(\.topic))
        }
        // Reopened, as after a crash: both are still there, in order, the empty payload empty.
        let store = try SQLiteStore(path: folder.file("fw.sqlite"))
        let pending = try store.pendingOutbound()
        #expect(pending.map(\.id) == ids)
        #expect(pending.map(\.payload) == [Array(#"{"alarm_id":"alm-1"}"#.utf8), []])
        #expect(pending.map(\.retain) == [false, true])
        #expect(try store.outboundBacklog().count == 2)

        var ack = PipelineCommit(cursor: 3)
        ack.delivered = [ids[0]]
        #expect(!ack.isEmpty)
        try store.commit(ack)
        #expect(try store.pendingOutbound().map(\.id) == [ids[1]])
        // Ids are never reused, so a late PUBACK for a forgotten row cannot delete a newer one.
        var next = PipelineCommit(cursor: 4)
        next.delivered = [ids[1]]
        next.outbound = [OutboundMessage(topic: "firewatch/brigade/alerts", payload: Array("<alert/>".utf8), retain: false)]
        let later = try store.commit(next).outbound
        #expect(later[0].id > ids[1])
        #expect(try store.pendingOutbound().map(\.topic) == ["firewatch/brigade/alerts"])
    }
}
