import CMosquitto
import FireWatchCore
import Foundation
import Synchronization

/// A station's side of the latency benchmark: a plain libmosquitto subscriber to every dispatch topic
/// that notes when each rank-1 page arrived, by the device it is for.
final class DispatchListener: @unchecked Sendable {
    let mosq: OpaquePointer
    let subscribed = Atomic<Bool>(false)
    /// Device id → when its first rank-1 page arrived.
    let firstPage = Mutex<[String: Date]>([:])
    /// Device id → when the daemon decided that page (the order's `at`).
    let decidedAt = Mutex<[String: Date]>([:])

    init(host: String, port: Int, filter: String) throws {
        mosq = try BareSubscriber.client("bench-stations")
        mosquitto_user_data_set(mosq, Unmanaged.passUnretained(self).toOpaque())
        mosquitto_message_v5_callback_set(mosq) { _, obj, message, _ in
            let at = Date()
            guard let message, let bytes = message.pointee.payload else { return }
            let me = Unmanaged<DispatchListener>.fromOpaque(obj!).takeUnretainedValue()
            let data = Data(bytes: bytes, count: Int(message.pointee.payloadlen))
            guard let page = try? JSONDecoder().decode(Page.self, from: data), page.rank == 1 else { return }
            me.firstPage.withLock { if $0[page.device] == nil { $0[page.device] = at } }
            if let decided = Timestamps.parse(page.at) { me.decidedAt.withLock { if $0[page.device] == nil { $0[page.device] = decided } } }
        }
        mosquitto_subscribe_v5_callback_set(mosq) { _, obj, _, _, _, _ in
            Unmanaged<DispatchListener>.fromOpaque(obj!).takeUnretainedValue().subscribed.store(true, ordering: .relaxed)
        }
        try BareSubscriber.subscribe(mosq, host: host, port: port, filter: filter) { subscribed.load(ordering: .relaxed) }
    }

    struct Page: Decodable {
        var device: String
        var rank: Int
        var at: String
    }

    /// When the device's first rank-1 page arrived, if it did.
    func pagedAt(_ device: String) -> Date? { firstPage.withLock { $0[device] } }

    func close() {
        mosquitto_disconnect_v5(mosq, 0, nil)
        mosquitto_loop_stop(mosq, false)
        mosquitto_destroy(mosq)
    }
}
