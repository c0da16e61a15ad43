import CMosquitto
import Foundation
import Synchronization

/// A QoS 1 load generator on libmosquitto's own network thread: publishes `count` messages with at
/// most `window` unacknowledged, optionally paced to `rate` per second, and waits for every PUBACK.
/// Persistent session, so a broker restart mid-run resends what was in flight.
final class LoadPublisher: @unchecked Sendable {
    let mosq: OpaquePointer
    let acked = Atomic<Int>(0)
    let connected = Atomic<Bool>(false)

    init(host: String, port: Int, clientID: String, window: Int) throws {
        mosquitto_lib_init()
        guard let m = mosquitto_new(clientID, false, nil) else { throw BenchError("mosquitto_new failed") }
        mosq = m
        mosquitto_int_option(mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5)
        mosquitto_int_option(mosq, MOSQ_OPT_SEND_MAXIMUM, Int32(window))
        mosquitto_user_data_set(mosq, Unmanaged.passUnretained(self).toOpaque())
        mosquitto_publish_v5_callback_set(mosq) { _, obj, _, _, _ in
            Unmanaged<LoadPublisher>.fromOpaque(obj!).takeUnretainedValue().acked.add(1, ordering: .relaxed)
        }
        mosquitto_connect_v5_callback_set(mosq) { _, obj, rc, _, _ in
            Unmanaged<LoadPublisher>.fromOpaque(obj!).takeUnretainedValue().connected.store(rc == 0, ordering: .relaxed)
        }
        mosquitto_disconnect_v5_callback_set(mosq) { _, obj, _, _ in
            Unmanaged<LoadPublisher>.fromOpaque(obj!).takeUnretainedValue().connected.store(false, ordering: .relaxed)
        }
        var props: OpaquePointer? = nil
        mosquitto_property_add_int32(&props, Int32(MQTT_PROP_SESSION_EXPIRY_INTERVAL.rawValue), 3600)
        defer { mosquitto_property_free_all(&props) }
        mosquitto_reconnect_delay_set(mosq, 1, 2, false)
        let rc = mosquitto_connect_bind_v5(mosq, host, Int32(port), 30, nil, props)
        guard rc == MOSQ_ERR_SUCCESS.rawValue else { throw BenchError("connect \(host):\(port): \(String(cString: mosquitto_strerror(rc)))") }
        mosquitto_loop_start(mosq)
        let deadline = Date().addingTimeInterval(10)
        while !connected.load(ordering: .relaxed) {
            guard Date() < deadline else { throw BenchError("no CONNACK from \(host):\(port)") }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    /// Publishes `count` messages made by `message(i)`; returns seconds from the first publish to the last PUBACK.
    func run(count: Int, rate: Double?, progress: Progress, message: (Int) -> (topic: String, payload: [UInt8])) throws -> Double {
        let start = Date()
        for i in 0..<count {
            if let rate {
                let due = start.addingTimeInterval(Double(i) / rate)
                let wait = due.timeIntervalSinceNow
                if wait > 0 { Thread.sleep(forTimeInterval: wait) }
            }
            let (topic, payload) = message(i)
            var rc: Int32
            repeat {
                rc = payload.withUnsafeBytes { mosquitto_publish_v5(mosq, nil, topic, Int32($0.count), $0.baseAddress, 1, false, nil) }
                // While the broker is away libmosquitto refuses new publishes; wait for the reconnect.
                if rc == MOSQ_ERR_NO_CONN.rawValue { Thread.sleep(forTimeInterval: 0.05) }
            } while rc == MOSQ_ERR_NO_CONN.rawValue
            guard rc == MOSQ_ERR_SUCCESS.rawValue else { throw BenchError("publish: \(String(cString: mosquitto_strerror(rc)))") }
            progress.report(done: i + 1, acked: acked.load(ordering: .relaxed))
        }
        while acked.load(ordering: .relaxed) < count {
            progress.report(done: count, acked: acked.load(ordering: .relaxed))
            Thread.sleep(forTimeInterval: 0.002)
        }
        progress.finish(done: count, acked: acked.load(ordering: .relaxed))
        return Date().timeIntervalSince(start)
    }

    func close() {
        mosquitto_disconnect_v5(mosq, 0, nil)
        mosquitto_loop_stop(mosq, false)
        mosquitto_destroy(mosq)
    }
}

/// A line on stderr at most every second: how far a long operation has come.
final class Progress: @unchecked Sendable {
    let label: String
    let total: Int
    var last = Date.distantPast
    let started = Date()

    init(_ label: String, total: Int) {
        self.label = label
        self.total = total
    }

    func report(done: Int, acked: Int) {
        let now = Date()
        guard now.timeIntervalSince(last) >= 1 else { return }
        last = now
        let elapsed = now.timeIntervalSince(started)
        FileHandle.standardError.write(Data(String(
            format: "%@: %d/%d published, %d acked (%.0f%%, %.0f msg/s)\n", label, done, total, acked,
            100 * Double(acked) / Double(max(total, 1)), Double(acked) / max(elapsed, 0.001)).utf8))
    }

    func finish(done: Int, acked: Int) {
        last = .distantPast
        report(done: done, acked: acked)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
