import CMosquitto
import Foundation
import Synchronization

/// The reference consumer: a plain libmosquitto subscriber (its own network thread, PUBACK as soon as
/// the message is read, no storage). FireWatch's ingest rate is reported as a ratio to this one.
final class BareSubscriber: @unchecked Sendable {
    let mosq: OpaquePointer
    let received = Atomic<Int>(0)
    let subscribed = Atomic<Bool>(false)
    let lastAt = Mutex<Date?>(nil)

    init(host: String, port: Int, filter: String) throws {
        mosq = try Self.client("bare")
        mosquitto_int_option(mosq, MOSQ_OPT_RECEIVE_MAXIMUM, 1000)
        mosquitto_user_data_set(mosq, Unmanaged.passUnretained(self).toOpaque())
        mosquitto_message_v5_callback_set(mosq) { _, obj, _, _ in
            let me = Unmanaged<BareSubscriber>.fromOpaque(obj!).takeUnretainedValue()
            me.received.add(1, ordering: .relaxed)
            me.lastAt.withLock { $0 = Date() }
        }
        mosquitto_subscribe_v5_callback_set(mosq) { _, obj, _, _, _, _ in
            Unmanaged<BareSubscriber>.fromOpaque(obj!).takeUnretainedValue().subscribed.store(true, ordering: .relaxed)
        }
        try Self.subscribe(mosq, host: host, port: port, filter: filter) { subscribed.load(ordering: .relaxed) }
    }

    /// A clean-session MQTT v5 client without Nagle's delay, its id `prefix` plus a random suffix.
    static func client(_ prefix: String) throws -> OpaquePointer {
        mosquitto_lib_init()
        guard let m = mosquitto_new("\(prefix)-\(UUID().uuidString.prefix(8))", true, nil) else { throw BenchError("mosquitto_new failed") }
        mosquitto_int_option(m, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5)
        mosquitto_int_option(m, MOSQ_OPT_TCP_NODELAY, 1)
        return m
    }

    /// Connects a client (user data and callbacks set), subscribes to `filter` at QoS 1 on
    /// libmosquitto's own thread, and returns once the SUBACK arrived (`isSubscribed`).
    static func subscribe(_ mosq: OpaquePointer, host: String, port: Int, filter: String, isSubscribed: () -> Bool) throws {
        let rc = mosquitto_connect_bind_v5(mosq, host, Int32(port), 30, nil, nil)
        guard rc == MOSQ_ERR_SUCCESS.rawValue else { throw BenchError("connect: \(String(cString: mosquitto_strerror(rc)))") }
        mosquitto_subscribe_v5(mosq, nil, filter, 1, 0, nil)
        mosquitto_loop_start(mosq)
        let deadline = Date().addingTimeInterval(10)
        while !isSubscribed() {
            guard Date() < deadline else { throw BenchError("no SUBACK") }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    /// Waits until `count` messages arrived; returns when the last one did.
    func waitFor(_ count: Int, seconds: Double) throws -> Date {
        let deadline = Date().addingTimeInterval(seconds)
        while received.load(ordering: .relaxed) < count {
            guard Date() < deadline else { throw BenchError("bare subscriber got \(received.load(ordering: .relaxed)) of \(count)") }
            Thread.sleep(forTimeInterval: 0.002)
        }
        return lastAt.withLock { $0 } ?? Date()
    }

    func close() {
        mosquitto_disconnect_v5(mosq, 0, nil)
        mosquitto_loop_stop(mosq, false)
        mosquitto_destroy(mosq)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
