import FireWatchMQTT
import FireWatchTestKit
import Foundation
import Synchronization
import Testing

/// The client against a real mosquitto: what it acknowledges, and when.
@Suite(.serialized) struct MQTTClientTests {
    final class Bursts: Sendable {
        let messages = Mutex<[InboundMessage]>([])
        let failuresLeft: Mutex<Int>

        init(failFirst: Int = 0) {
            failuresLeft = Mutex(failFirst)
        }

        func handle(_ burst: [InboundMessage]) throws {
            let fail = failuresLeft.withLock { n -> Bool in
                guard n > 0 else { return false }
                n -= 1
                return true
            }
            messages.withLock { $0 += burst }
            if fail { throw CommitRefused() }
        }

        var all: [InboundMessage] { messages.withLock { $0 } }
    }

    struct CommitRefused: Error {}

    func settings(_ broker: TestBroker, id: String) -> MQTTSettings {
        MQTTSettings(host: "127.0.0.1", port: broker.port, clientID: id, filters: ["devices/+/up"], statusTopic: "test/\(id)/status")
    }

    @Test func libmosquittoIs20SoTheDupFlagIsRead() {
        #expect(MQTTClient.libraryVersion.hasPrefix("2.0."))
        #expect(MQTTClient.readsDupFlag)
    }

    @Test func aBurstWhoseCommitFailsIsNotAcknowledgedAndComesBackWithTheDupFlag() throws {
        let broker = try TestBroker()
        defer { broker.stop() }
        // Every attempt of the first burst fails (the client tries 5 times, then drops the connection).
        let bursts = Bursts(failFirst: 5)
        let client = MQTTClient(settings: settings(broker, id: "dup-test"), onBurst: bursts.handle)
        client.start()
        defer { client.stop() }
        try Wait.until("connected") { client.isConnected ? true : nil }
        try broker.publish(topic: "devices/d1/up", payload: [1, 2, 3])
        let all = try Wait.until("redelivery", seconds: 30) { () -> [InboundMessage]? in
            let m = bursts.all
            return m.count >= 6 && client.receivedCount == 1 ? m : nil
        }
        #expect(all.allSatisfy { $0.payload == [1, 2, 3] && $0.topic == "devices/d1/up" })
        #expect(all[0].dup == false)
        #expect(all.last?.dup == true)
        // Acknowledged now: a fresh session under the same id receives nothing more.
        #expect(client.receivedCount == 1)
    }

    @Test func messagesPublishedWhileAwayAreDeliveredToThePersistentSession() throws {
        let broker = try TestBroker()
        defer { broker.stop() }
        let bursts = Bursts()
        var client = MQTTClient(settings: settings(broker, id: "session-test"), onBurst: bursts.handle)
        client.start()
        try Wait.until("connected") { client.isConnected ? true : nil }
        client.stop()
        for i in 0..<50 { try broker.publish(topic: "devices/d\(i)/up", payload: [UInt8(i)]) }
        client = MQTTClient(settings: settings(broker, id: "session-test"), onBurst: bursts.handle)
        client.start()
        defer { client.stop() }
        let got = try Wait.until("50 queued messages") { bursts.all.count >= 50 ? bursts.all : nil }
        #expect(got.map { $0.payload[0] } == (0..<50).map(UInt8.init))
    }

    @Test func theStatusTopicSaysOnlineThenOffline() throws {
        let broker = try TestBroker()
        defer { broker.stop() }
        let status = try broker.subscribe("test/status-test/status")
        defer { status.stop() }
        let client = MQTTClient(settings: settings(broker, id: "status-test"), onBurst: { _ in })
        client.start()
        try status.waitFor("test/status-test/status online")
        client.stop()
        try status.waitFor("test/status-test/status offline")
    }
}
