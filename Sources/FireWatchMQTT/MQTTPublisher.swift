import CMosquitto
import Foundation
import Synchronization

/// A QoS 1 publisher on libmosquitto's own network thread, for tools (`firewatch simulate`, the load
/// generator of `firewatch-bench`): at most `window` messages unacknowledged, a persistent session so a
/// broker restart mid-run resends what was in flight, and a count of PUBACKs so a tool can wait for all.
public final class MQTTPublisher: @unchecked Sendable {
    let mosq: OpaquePointer
    let acked = Atomic<Int>(0)
    let connected = Atomic<Bool>(false)

    public init(host: String, port: Int, clientID: String, window: Int, username: String? = nil, password: String? = nil) throws {
        _ = MQTTClient.libraryInit
        guard let m = mosquitto_new(clientID, false, nil) else { throw PublisherError("mosquitto_new failed") }
        mosq = m
        mosquitto_int_option(mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5)
        mosquitto_int_option(mosq, MOSQ_OPT_TCP_NODELAY, 1)
        mosquitto_int_option(mosq, MOSQ_OPT_SEND_MAXIMUM, Int32(window))
        mosquitto_user_data_set(mosq, Unmanaged.passUnretained(self).toOpaque())
        mosquitto_publish_v5_callback_set(mosq) { _, obj, _, _, _ in
            Unmanaged<MQTTPublisher>.fromOpaque(obj!).takeUnretainedValue().acked.add(1, ordering: .relaxed)
        }
        mosquitto_connect_v5_callback_set(mosq) { _, obj, rc, _, _ in
            Unmanaged<MQTTPublisher>.fromOpaque(obj!).takeUnretainedValue().connected.store(rc == 0, ordering: .relaxed)
        }
        mosquitto_disconnect_v5_callback_set(mosq) { _, obj, _, _ in
            Unmanaged<MQTTPublisher>.fromOpaque(obj!).takeUnretainedValue().connected.store(false, ordering: .relaxed)
        }
        var props: OpaquePointer? = nil
        mosquitto_property_add_int32(&props, Int32(MQTT_PROP_SESSION_EXPIRY_INTERVAL.rawValue), 3600)
        defer { mosquitto_property_free_all(&props) }
        if let username { mosquitto_username_pw_set(mosq, username, password) }
        mosquitto_reconnect_delay_set(mosq, 1, 2, false)
        let rc = mosquitto_connect_bind_v5(mosq, host, Int32(port), 30, nil, props)
        guard rc == MOSQ_ERR_SUCCESS.rawValue else { throw PublisherError("connect \(host):\(port): \(String(cString: mosquitto_strerror(rc)))") }
        mosquitto_loop_start(mosq)
        let deadline = Date().addingTimeInterval(10)
        while !connected.load(ordering: .relaxed) {
            guard Date() < deadline else { throw PublisherError("no CONNACK from \(host):\(port)") }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    /// PUBACKs received so far.
    public var acknowledged: Int { acked.load(ordering: .relaxed) }

    /// Queues one QoS 1 message, waiting while the broker is away (libmosquitto refuses then).
    public func publish(topic: String, payload: [UInt8], retain: Bool = false) throws {
        var rc: Int32
        repeat {
            rc = payload.withUnsafeBytes { mosquitto_publish_v5(mosq, nil, topic, Int32($0.count), $0.baseAddress, 1, retain, nil) }
            if rc == MOSQ_ERR_NO_CONN.rawValue { Thread.sleep(forTimeInterval: 0.05) }
        } while rc == MOSQ_ERR_NO_CONN.rawValue
        guard rc == MOSQ_ERR_SUCCESS.rawValue else { throw PublisherError("publish \(topic): \(String(cString: mosquitto_strerror(rc)))") }
    }

    /// Waits until `count` messages are acknowledged.
    public func waitForAcks(_ count: Int, seconds: Double, progress: (Int) -> Void = { _ in }) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while acked.load(ordering: .relaxed) < count {
            guard Date() < deadline else { throw PublisherError("\(acked.load(ordering: .relaxed)) of \(count) messages acknowledged") }
            progress(acked.load(ordering: .relaxed))
            Thread.sleep(forTimeInterval: 0.002)
        }
    }

    /// Publishes `count` messages made by `message(i)`, paced to `rate` per second when given; returns
    /// seconds from the first publish to the last PUBACK.
    public func run(count: Int, rate: Double?, progress: PublishProgress, message: (Int) -> (topic: String, payload: [UInt8])) throws -> Double {
        let start = Date()
        for i in 0..<count {
            if let rate {
                let wait = start.addingTimeInterval(Double(i) / rate).timeIntervalSinceNow
                if wait > 0 { Thread.sleep(forTimeInterval: wait) }
            }
            let (topic, payload) = message(i)
            try publish(topic: topic, payload: payload)
            progress.report(done: i + 1, acked: acknowledged)
        }
        try waitForAcks(count, seconds: 600) { progress.report(done: count, acked: $0) }
        progress.finish(done: count, acked: acknowledged)
        return Date().timeIntervalSince(start)
    }

    public func close() {
        mosquitto_disconnect_v5(mosq, 0, nil)
        mosquitto_loop_stop(mosq, false)
        mosquitto_destroy(mosq)
    }
}

/// A line on stderr at most every second: how far a long publishing run has come.
public final class PublishProgress: @unchecked Sendable {
    let label: String
    let total: Int
    var last = Date.distantPast
    let started = Date()

    public init(_ label: String, total: Int) {
        self.label = label
        self.total = total
    }

    public func report(done: Int, acked: Int) {
        let now = Date()
        guard now.timeIntervalSince(last) >= 1 else { return }
        last = now
        let elapsed = now.timeIntervalSince(started)
        FileHandle.standardError.write(Data(String(
            format: "%@: %d/%d published, %d acked (%.0f%%, %.0f msg/s)\n", label, done, total, acked,
            100 * Double(acked) / Double(max(total, 1)), Double(acked) / max(elapsed, 0.001)).utf8))
    }

    public func finish(done: Int, acked: Int) {
        last = .distantPast
        report(done: done, acked: acked)
    }
}

/// Why publishing failed.
public struct PublisherError: Error, CustomStringConvertible {
    public var description: String
    init(_ d: String) { description = d }
}
