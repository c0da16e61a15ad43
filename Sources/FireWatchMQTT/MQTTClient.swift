import CMosquitto
import FireWatchCore
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A libmosquitto client whose loop FireWatch drives itself, so that no PUBACK leaves before the
/// messages it acknowledges are committed.
///
/// libmosquitto 2.0 queues a QoS 1 PUBACK while it reads the PUBLISH and, in threaded mode
/// (`mosquitto_threaded_set(true)`), only writes it in `mosquitto_loop_write`. The loop thread here
/// reads a burst (`loop_read` until the socket is drained or the burst is full), hands the whole
/// burst to `onBurst` — which commits it to the journal and returns — and only then calls
/// `loop_write`. If `onBurst` throws, the PUBACKs are never written: the client drops the connection
/// and the broker redelivers the burst to the persistent session.
public final class MQTTClient: @unchecked Sendable {
    public typealias BurstHandler = @Sendable ([InboundMessage]) throws -> Void
    public typealias EventHandler = @Sendable (MQTTEvent) -> Void

    let settings: MQTTSettings
    let onBurst: BurstHandler
    let onEvent: EventHandler
    /// Asked before each read: true stops reading the socket so the broker queues (backpressure).
    let shouldPause: @Sendable () -> Bool

    // Touched only on the loop thread (callbacks run inside loop_read on it).
    var mosq: OpaquePointer?
    var pending: [InboundMessage] = []
    /// Payload bytes in `pending`.
    var pendingBytes = 0
    var backoff = Backoff()

    let state = Mutex(SharedState())
    /// Self-pipe: other threads write a byte to wake the loop out of `poll` (a publish to send, stop).
    let wakeFD: Int32
    let wakeWriteFD: Int32
    let finished = DispatchSemaphore(value: 0)

    struct SharedState {
        /// Monotonic time of the loop thread's last turn (watchdog: the loop is alive, not stuck).
        var lastTurn: UInt64 = DispatchTime.now().uptimeNanoseconds
        var connected = false
        var subscribed = false
        var stopping = false
        var started = false
        var received: UInt64 = 0
        /// Publishes waiting for their PUBACK: libmosquitto's message id → the caller's token and topic.
        var awaitingAck: [Int32: (token: Int64, topic: String)] = [:]
        /// Tokens whose PUBACK arrived, not yet taken.
        var acknowledged: [Int64] = []
    }

    static let libraryInit: Void = { mosquitto_lib_init() }()

    /// True when the linked libmosquitto is 2.0.x, whose private message layout the shim mirrors to
    /// read the DUP flag. Other versions report every message as not redelivered.
    public static let readsDupFlag: Bool = {
        var major: Int32 = 0, minor: Int32 = 0, revision: Int32 = 0
        mosquitto_lib_version(&major, &minor, &revision)
        return major == 2 && minor == 0
    }()

    /// The linked libmosquitto version, for logs.
    public static var libraryVersion: String {
        var major: Int32 = 0, minor: Int32 = 0, revision: Int32 = 0
        mosquitto_lib_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }

    public init(
        settings: MQTTSettings, shouldPause: @escaping @Sendable () -> Bool = { false },
        onEvent: @escaping EventHandler = { _ in }, onBurst: @escaping BurstHandler
    ) {
        _ = Self.libraryInit
        self.settings = settings
        self.onBurst = onBurst
        self.onEvent = onEvent
        self.shouldPause = shouldPause
        var fds: [Int32] = [-1, -1]
        _ = pipe(&fds)
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        self.wakeFD = fds[0]
        self.wakeWriteFD = fds[1]
    }

    deinit {
        close(wakeFD)
        close(wakeWriteFD)
    }

    /// True while the broker has accepted our CONNECT and acknowledged our subscriptions (a message
    /// published before the SUBACK could miss a fresh session, so readiness waits for it).
    public var isConnected: Bool { state.withLock { $0.connected && ($0.subscribed || settings.filters.isEmpty) } }

    /// Seconds since the loop thread last went round (it turns at least every 250 ms, also while
    /// waiting to reconnect); a large value means it is stuck.
    public var secondsSinceLoopTurn: Double {
        let last = state.withLock { $0.lastTurn }
        return Double(DispatchTime.now().uptimeNanoseconds &- last) / 1e9
    }

    func markTurn() {
        state.withLock { $0.lastTurn = DispatchTime.now().uptimeNanoseconds }
    }

    /// Messages received since start.
    public var receivedCount: UInt64 { state.withLock { $0.received } }

    /// Starts the loop thread; it connects, and reconnects with capped backoff until `stop()`.
    public func start() {
        let first = state.withLock { s -> Bool in
            defer { s.started = true }
            return !s.started
        }
        guard first else { return }
        let thread = Thread { [self] in
            self.runLoop()
            self.finished.signal()
        }
        thread.name = "mqtt-loop"
        thread.start()
    }

    /// Stops the loop: the burst in hand is committed, `offline` is published, the session is closed
    /// cleanly. Blocks until the loop thread has finished.
    public func stop() {
        let wasRunning = state.withLock { s -> Bool in
            let r = s.started && !s.stopping
            s.stopping = true
            return r
        }
        guard wasRunning else { return }
        wake()
        finished.wait()
    }

    /// What became of a publish handed to the client.
    public enum PublishResult: Equatable, Sendable {
        case queued
        /// No connection handle yet (the loop has not started): hand it over again later.
        case notYet
        /// libmosquitto refused it (too large, a bad topic): it will never go out as it is.
        case refused(String)
    }

    /// Queues a publish; the loop thread writes it. Thread-safe. Without a token it is fire-and-forget.
    /// With a token (QoS 1) the token is reported by `takeAcknowledged()` once the broker's PUBACK has
    /// arrived; libmosquitto keeps a queued message across reconnects of this client, and sends what it
    /// queued while the broker was away once it is back.
    @discardableResult
    public func enqueue(topic: String, payload: [UInt8], qos: Int = 1, retain: Bool = false, token: Int64? = nil) -> PublishResult {
        let result: PublishResult = state.withLock { s in
            guard let mosq else { return .notYet }
            var mid: Int32 = 0
            let rc = payload.withUnsafeBytes { buf in
                mosquitto_publish_v5(mosq, &mid, topic, Int32(buf.count), buf.baseAddress, Int32(qos), retain, nil)
            }
            // NO_CONN after a QoS 1 message is queued means "not written yet": it goes out on reconnect.
            guard rc == MOSQ_ERR_SUCCESS.rawValue || (rc == MOSQ_ERR_NO_CONN.rawValue && qos > 0) else { return .refused(Self.describe(rc)) }
            if let token, qos > 0 { s.awaitingAck[mid] = (token, topic) }
            return .queued
        }
        wake()
        return result
    }

    /// `enqueue` without a token; true when queued.
    @discardableResult
    public func publish(topic: String, payload: [UInt8], qos: Int = 1, retain: Bool = false) -> Bool {
        enqueue(topic: topic, payload: payload, qos: qos, retain: retain) == .queued
    }

    /// Tokens of publishes the broker has acknowledged since the last call.
    public func takeAcknowledged() -> [Int64] {
        state.withLock { s in
            defer { s.acknowledged.removeAll(keepingCapacity: true) }
            return s.acknowledged
        }
    }

    /// Publishes with a token still waiting for their PUBACK.
    public var awaitingAcknowledgement: Int { state.withLock { $0.awaitingAck.count } }

    /// A PUBACK (on the loop thread). A failure reason code (≥ 0x80) is not an acknowledgement: the
    /// message stays with its owner (the outbox) and the refusal is reported.
    func didPublish(mid: Int32, reasonCode: Int32) {
        let refused: String? = state.withLock { s in
            guard let (token, topic) = s.awaitingAck.removeValue(forKey: mid) else { return nil }
            guard reasonCode >= 0x80 else {
                s.acknowledged.append(token)
                return nil
            }
            return "\(topic): \(String(cString: mosquitto_reason_string(reasonCode)))"
        }
        if let refused { onEvent(.publishRefused(refused)) }
    }

    /// Wakes the loop thread out of `poll`.
    public func wake() {
        var one: UInt8 = 1
        _ = write(wakeWriteFD, &one, 1)
    }

    var isStopping: Bool { state.withLock { $0.stopping } }
}
