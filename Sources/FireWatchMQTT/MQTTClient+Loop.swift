import CMosquitto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension MQTTClient {
    /// The loop thread: connect, then poll → read burst → commit → write PUBACKs → housekeeping.
    func runLoop() {
        let handle = mosquitto_new(settings.clientID, false, Unmanaged.passUnretained(self).toOpaque())
        guard let handle else {
            onEvent(.connectFailed("mosquitto_new failed (out of memory or bad client id)"))
            return
        }
        configure(handle)
        state.withLock { _ in mosq = handle }
        defer {
            state.withLock { s in
                s.connected = false
                mosq = nil
            }
            mosquitto_destroy(handle)
        }

        var socketUp = false
        while !isStopping {
            markTurn()
            if !socketUp {
                socketUp = connect(handle)
                if !socketUp {
                    sleepInterruptibly(seconds: backoff.next())
                    continue
                }
            }
            socketUp = step(handle)
            if !socketUp {
                state.withLock { $0.connected = false }
                sleepInterruptibly(seconds: backoff.next())
            }
        }
        if socketUp { closeCleanly(handle) }
    }

    func configure(_ handle: OpaquePointer) {
        mosquitto_int_option(handle, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5)
        mosquitto_int_option(handle, MOSQ_OPT_RECEIVE_MAXIMUM, Int32(settings.receiveMaximum))
        // A dispatch PUBLISH or a burst's PUBACKs must not wait ~40 ms for the broker's delayed ACK (Nagle).
        mosquitto_int_option(handle, MOSQ_OPT_TCP_NODELAY, 1)
        mosquitto_threaded_set(handle, true)
        let offline = Array("offline".utf8)
        mosquitto_will_set_v5(handle, settings.statusTopic, Int32(offline.count), offline, 1, true, nil)
        if let user = settings.username { mosquitto_username_pw_set(handle, user, settings.password) }
        if let tls = settings.tls {
            mosquitto_tls_set(handle, tls.caFile, nil, tls.certFile, tls.keyFile, nil)
        }
        mosquitto_connect_v5_callback_set(handle) { _, obj, rc, flags, _ in
            MQTTClient.from(obj).didConnect(rc: rc, sessionPresent: flags & 1 == 1)
        }
        mosquitto_subscribe_v5_callback_set(handle) { _, obj, _, _, _, _ in
            MQTTClient.from(obj).state.withLock { $0.subscribed = true }
        }
        mosquitto_publish_v5_callback_set(handle) { _, obj, mid, reasonCode, _ in
            MQTTClient.from(obj).didPublish(mid: mid, reasonCode: reasonCode)
        }
        mosquitto_disconnect_v5_callback_set(handle) { _, obj, rc, _ in
            MQTTClient.from(obj).didDisconnect(rc: rc)
        }
        mosquitto_message_v5_callback_set(handle) { _, obj, message, _ in
            guard let message else { return }
            MQTTClient.from(obj).didReceive(message.pointee, dup: MQTTClient.readsDupFlag && fw_message_dup_2_0(message))
        }
    }

    static func from(_ obj: UnsafeMutableRawPointer?) -> MQTTClient {
        Unmanaged<MQTTClient>.fromOpaque(obj!).takeUnretainedValue()
    }

    /// Opens the TCP connection and queues CONNECT (written by the next `loop_write`).
    func connect(_ handle: OpaquePointer) -> Bool {
        var props: OpaquePointer? = nil
        mosquitto_property_add_int32(&props, Int32(MQTT_PROP_SESSION_EXPIRY_INTERVAL.rawValue), settings.sessionExpirySeconds)
        defer { mosquitto_property_free_all(&props) }
        let rc = mosquitto_connect_bind_v5(handle, settings.host, Int32(settings.port), Int32(settings.keepAliveSeconds), nil, props)
        guard rc == MOSQ_ERR_SUCCESS.rawValue else {
            onEvent(.connectFailed("\(settings.host):\(settings.port): \(Self.describe(rc))"))
            return false
        }
        return true
    }

    /// One turn of the loop; false when the connection was lost.
    func step(_ handle: OpaquePointer) -> Bool {
        let sock = mosquitto_socket(handle)
        guard sock >= 0 else { return false }
        let paused = shouldPause()
        var fds = [
            pollfd(fd: sock, events: Int16((paused ? 0 : POLLIN) | (mosquitto_want_write(handle) ? POLLOUT : 0)), revents: 0),
            pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
        ]
        // Short enough for keep-alive and for the watchdog to see the loop turn.
        _ = poll(&fds, 2, paused ? 50 : 250)
        if fds[1].revents != 0 { drainWakePipe() }

        var rc = MOSQ_ERR_SUCCESS.rawValue
        // What other threads queued (a dispatch) goes out before the next burst is read and committed;
        // with no burst in hand the queue holds only PUBACKs of committed messages.
        if pending.isEmpty, mosquitto_want_write(handle) { rc = mosquitto_loop_write(handle, 1) }
        if rc != MOSQ_ERR_SUCCESS.rawValue { return lost(rc) }
        if !paused, fds[0].revents & Int16(POLLIN | POLLERR | POLLHUP) != 0 {
            rc = readBurst(handle, sock: sock)
        }
        // The burst is committed before anything is written: its PUBACKs are in the write queue.
        if !pending.isEmpty, !commitPending() { return false }
        if rc == MOSQ_ERR_SUCCESS.rawValue, mosquitto_want_write(handle) {
            rc = mosquitto_loop_write(handle, 1)
        }
        if rc == MOSQ_ERR_SUCCESS.rawValue { rc = mosquitto_loop_misc(handle) }
        if rc != MOSQ_ERR_SUCCESS.rawValue { return lost(rc) }
        return true
    }

    /// Reports a connection lost on a read or write (not while stopping); false, for `step` to return.
    func lost(_ rc: Int32) -> Bool {
        if state.withLock({ $0.connected }), !isStopping { onEvent(.disconnected(Self.describe(rc))) }
        return false
    }

    /// Reads packets until the socket has nothing more or the burst is full.
    func readBurst(_ handle: OpaquePointer, sock: Int32) -> Int32 {
        while true {
            let rc = mosquitto_loop_read(handle, 1)
            if rc != MOSQ_ERR_SUCCESS.rawValue { return rc }
            if pending.count >= settings.maxBurst || pendingBytes >= settings.maxBurstBytes { return rc }
            var pfd = pollfd(fd: sock, events: Int16(POLLIN), revents: 0)
            if poll(&pfd, 1, 0) <= 0 || pfd.revents & Int16(POLLIN) == 0 { return rc }
        }
    }

    /// Hands the burst to the owner until it is committed. A failing commit is retried a few times;
    /// if it keeps failing the connection is dropped without acknowledging, so the broker keeps the
    /// messages and redelivers them.
    func commitPending() -> Bool {
        var attempt = 0
        while true {
            do {
                try onBurst(pending)
                state.withLock { $0.received &+= UInt64(pending.count) }
                pending.removeAll(keepingCapacity: true)
                pendingBytes = 0
                return true
            } catch {
                attempt += 1
                onEvent(.commitFailed("\(pending.count) message(s), attempt \(attempt): \(error)"))
                if attempt >= 5 || isStopping {
                    pending.removeAll()
                    pendingBytes = 0
                    if let mosq { mosquitto_disconnect_v5(mosq, Int32(MQTT_RC_UNSPECIFIED.rawValue), nil) }
                    return false
                }
                Thread.sleep(forTimeInterval: 0.2 * Double(attempt))
            }
        }
    }

    func didConnect(rc: Int32, sessionPresent: Bool) {
        guard rc == 0, let mosq else {
            onEvent(.connectFailed("broker refused: \(String(cString: mosquitto_reason_string(rc)))"))
            return
        }
        backoff.reset()
        state.withLock {
            $0.connected = true
            $0.subscribed = false
        }
        if !settings.filters.isEmpty {
            var filters = settings.filters.map { strdup($0) }
            defer { filters.forEach { free($0) } }
            // Retained messages only for a new subscription: a resumed session has seen them already.
            let sendRetainIfNew: Int32 = 0x10
            mosquitto_subscribe_multiple(mosq, nil, Int32(filters.count), &filters, 1, sendRetainIfNew, nil)
        }
        let online = Array("online".utf8)
        mosquitto_publish_v5(mosq, nil, settings.statusTopic, Int32(online.count), online, 1, true, nil)
        onEvent(.connected(sessionPresent: sessionPresent))
    }

    func didDisconnect(rc: Int32) {
        let was = state.withLock { s -> Bool in
            defer { s.connected = false }
            return s.connected
        }
        if was, !isStopping { onEvent(.disconnected(rc == 0 ? "closed by broker" : Self.describe(rc))) }
    }

    func didReceive(_ message: mosquitto_message, dup: Bool) {
        let payload: [UInt8]
        if let p = message.payload, message.payloadlen > 0 {
            payload = Array(UnsafeRawBufferPointer(start: p, count: Int(message.payloadlen)))
        } else {
            payload = []
        }
        pendingBytes += payload.count
        pending.append(InboundMessage(
            topic: String(cString: message.topic), payload: payload, qos: Int(message.qos), retain: message.retain,
            dup: dup, receivedAt: Date()))
    }

    /// Publishes `offline`, flushes what is queued and sends DISCONNECT (a clean disconnect suppresses
    /// the will, so the status is set explicitly).
    func closeCleanly(_ handle: OpaquePointer) {
        if !pending.isEmpty { _ = commitPending() }
        let offline = Array("offline".utf8)
        mosquitto_publish_v5(handle, nil, settings.statusTopic, Int32(offline.count), offline, 1, true, nil)
        let deadline = Date().addingTimeInterval(2)
        while mosquitto_want_write(handle), Date() < deadline {
            if mosquitto_loop_write(handle, 1) != MOSQ_ERR_SUCCESS.rawValue { break }
        }
        mosquitto_disconnect_v5(handle, 0, nil)
        _ = mosquitto_loop_write(handle, 1)
    }

    /// Waits up to `seconds` (ended early only by `stop()`); turns every 250 ms so the watchdog sees it alive.
    func sleepInterruptibly(seconds: Double) {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, seconds) * 1e9)
        while !isStopping, DispatchTime.now().uptimeNanoseconds < deadline {
            markTurn()
            var pfd = pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)
            let left = Double(deadline - min(deadline, DispatchTime.now().uptimeNanoseconds)) / 1e6
            _ = poll(&pfd, 1, Int32(min(250, max(1, left))))
            if pfd.revents != 0 { drainWakePipe() }
        }
    }

    func drainWakePipe() {
        var buf = [UInt8](repeating: 0, count: 64)
        while read(wakeFD, &buf, buf.count) > 0 {}
    }

    static func describe(_ rc: Int32) -> String {
        if rc == MOSQ_ERR_ERRNO.rawValue { return String(cString: strerror(errno)) }
        return String(cString: mosquitto_strerror(rc))
    }
}
