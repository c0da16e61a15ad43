import FireWatchCore
import FireWatchDecoders
import Foundation
import NIOCore

/// What every connection shares: settings, the journal, the connection table and the daemon's hooks.
struct GB26875ServerContext: Sendable {
    let settings: GB26875ServerSettings
    let journal: GB26875FrameJournal
    let connections: GB26875Connections
    /// The registry device whose `gb_address` is this source address.
    let identify: @Sendable (UInt64) -> String?
    /// Whether this registry device's control room gets duty checks (a key unit's).
    let dutyChecked: @Sendable (String) -> Bool
    /// Whether a frame from this device may carry an emergency (the pipeline takes it first).
    let urgent: @Sendable (String?, [UInt8], Date) -> Bool
    let events: @Sendable (GB26875ServerEvent) -> Void
    let now: @Sendable () -> Date
}

/// One transmission device's connection: every `send data` frame journaled, then confirmed; damaged
/// frames denied; downlink (clock sync) sent and retried until the device confirms it.
final class GB26875ConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = GB26875Inbound
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let shared: GB26875ServerContext
    private let decoder: GB26875FrameDecoder
    private var peer = "?"
    /// The source address this connection's frames come from, once one arrived, and its device.
    private var address: UInt64?
    private var device: String?
    /// Every source address this connection spoke for (a gateway may carry a few), released at close.
    private var claimed: Set<UInt64> = []
    static let maxAddressesPerConnection = 16
    private var counted = false
    /// Frames journaling, not yet answered; reading waits while there are too many.
    private var pending = 0
    private var readHeld = false
    private var closing = false
    /// The centre's own serial for the frames it starts.
    private var serial: UInt16 = 0
    private var downlinks: [UInt16: Downlink] = [:]
    private var lastClockSync: Date?
    private var watch: RepeatedTask?
    private var dutyChecks: RepeatedTask?

    private struct Downlink {
        var type: UInt8
        var frame: [UInt8]
        var tries: Int
        var retry: Scheduled<Void>?
    }

    init(shared: GB26875ServerContext, decoder: GB26875FrameDecoder) {
        self.shared = shared
        self.decoder = decoder
    }

    var addressText: String? { address.map(GB26875Header.addressText) }

    // MARK: Lifecycle

    func channelActive(context: ChannelHandlerContext) {
        peer = context.remoteAddress.map(Self.describe) ?? "?"
        guard let open = shared.connections.opened(context.channel) else {
            shared.events(.refused(peer: peer, open: shared.connections.openCount))
            closing = true
            context.close(promise: nil)
            return
        }
        counted = true
        shared.events(.connected(peer: peer, open: open))
        // Slowloris: bytes of a frame that stay incomplete too long close the connection.
        let limit = shared.settings.frameTimeoutSeconds
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        watch = context.eventLoop.scheduleRepeatedTask(initialDelay: .seconds(1), delay: .seconds(1)) { _ in
            let (me, ctx) = bound.value
            // (While reads wait for the journal, a half frame waits with them: not the device's doing.)
            guard !me.readHeld, let since = me.decoder.waitingSince, NIODeadline.now() - since > .milliseconds(Int64(limit * 1000)) else { return }
            me.close(ctx, why: "an incomplete frame waited over \(Int(limit)) s", timedOut: "partial frame")
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        watch?.cancel()
        dutyChecks?.cancel()
        for d in downlinks.values { d.retry?.cancel() }
        downlinks.removeAll()
        closing = true
        if counted {
            counted = false
            let open = shared.connections.closed(context.channel, addresses: claimed)
            shared.events(.disconnected(peer: peer, address: addressText, open: open, why: closing ? "closed by the centre" : "closed by the device"))
        }
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            // Reads held for the journal are not the device falling silent.
            if !readHeld { close(context, why: "idle", timedOut: "nothing received for \(Int(shared.settings.idleTimeoutSeconds)) s") }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        close(context, why: "\(error)", timedOut: nil)
    }

    /// Reading waits while too many frames of this connection wait for the journal.
    func read(context: ChannelHandlerContext) {
        if pending >= shared.settings.maxPendingFrames {
            readHeld = true
        } else {
            context.read()
        }
    }

    // MARK: Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        switch unwrapInboundIn(data) {
        case .frame(let header, let bytes): frame(header, bytes, context)
        case .deny(let header, let reason, let bytes): deny(header, reason, bytes, context)
        case .garbage(let n): shared.events(.skipped(peer: peer, bytes: n))
        }
    }

    private func frame(_ h: GB26875Header, _ bytes: [UInt8], _ context: ChannelHandlerContext) {
        identify(h.source, context)
        switch h.command {
        case 3, 6:
            answered(h, confirmed: h.command == 3)
        case 1, 4:
            // The centre takes no commands from a device.
            reply(h, command: 6, context)
            shared.events(.denied(peer: peer, address: GB26875Header.addressText(h.source), serial: h.serial, reason: .unknownCommand(h.command)))
        default:
            // Send data (2), responses (5) and user-defined commands: journaled, then confirmed
            // (a response answers the centre and is not confirmed).
            journal(h, bytes, context)
        }
    }

    private func deny(_ h: GB26875Header, _ reason: GB26875DenyReason, _ bytes: [UInt8]?, _ context: ChannelHandlerContext) {
        reply(h, command: 6, context)
        shared.events(.denied(peer: peer, address: GB26875Header.addressText(h.source), serial: h.serial, reason: reason))
        // A whole frame that is damaged stays in the journal (its decode error names the byte); the
        // device sends it again, so the deny does not wait for the commit.
        if let bytes {
            shared.journal.submit(entry(h, bytes, urgent: false), retransmittable: false) { _ in }
        }
    }

    /// The first frame names the connection's address: its device, and it replaces another
    /// connection of that address; a clock sync follows (the device just connected) and duty checks
    /// are scheduled. A few more addresses (a gateway's) are claimed as they appear; past the cap the
    /// connection is closed, so one peer cannot grow the table.
    private func identify(_ source: UInt64, _ context: ChannelHandlerContext) {
        guard !claimed.contains(source) else { return }
        guard claimed.count < Self.maxAddressesPerConnection else {
            close(context, why: "too many source addresses", timedOut: "over \(Self.maxAddressesPerConnection) source addresses on one connection")
            return
        }
        claimed.insert(source)
        let first = address == nil
        if first {
            address = source
            device = shared.identify(source)
        }
        let text = GB26875Header.addressText(source)
        if let old = shared.connections.claim(source, for: context.channel) {
            shared.events(.replaced(address: text, device: shared.identify(source), old: old.remoteAddress.map(Self.describe) ?? "?", new: peer))
            old.close(promise: nil)
        }
        if first {
            sendClockSync(skew: nil, context)
            scheduleDutyChecks(context)
        }
    }

    /// Duty checks (查岗) to a registered device's control room, every `dutyCheckEverySeconds`, the first
    /// at a random point of the first interval so a district's devices are not all asked at once.
    private func scheduleDutyChecks(_ context: ChannelHandlerContext) {
        dutyChecks?.cancel()
        guard let device, shared.dutyChecked(device), let every = shared.settings.dutyCheckEverySeconds else { return }
        let period = Int64(every * 1000)
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        dutyChecks = context.eventLoop.scheduleRepeatedTask(initialDelay: .milliseconds(Int64.random(in: 1000...max(1000, period))),
                                                           delay: .milliseconds(period)) { _ in
            let (me, ctx) = bound.value
            me.sendDutyCheck(ctx)
        }
    }

    /// Journals the duty check as it leaves (the pipeline then expects the answer), then sends it.
    private func sendDutyCheck(_ context: ChannelHandlerContext) {
        // The unit register may have changed since the connection came (SIGHUP): asked at each send.
        guard let address, let device, !closing, shared.dutyChecked(device) else { return }
        let text = GB26875Header.addressText(address)
        send(type: GB26875FrameBuilder.Downlink.dutyCheck, context) { builder, now in builder.dutyCheck(at: now) } sent: { frame in
            let record = JournalEntry(
                topic: GB26875Topics.topic(device: device, address: text, peer: GB26875Topics.centrePeer), payload: frame,
                receivedAt: shared.now(), device: device)
            shared.journal.submit(record, retransmittable: false) { _ in }
        }
    }

    private func entry(_ h: GB26875Header, _ bytes: [UInt8], urgent: Bool) -> JournalEntry {
        let text = GB26875Header.addressText(h.source)
        let device = h.source == address ? self.device : shared.identify(h.source)
        return JournalEntry(
            topic: GB26875Topics.topic(device: device, address: text, peer: peer), payload: bytes, receivedAt: shared.now(),
            device: device ?? "unknown-\(text)", urgent: urgent)
    }

    private func journal(_ h: GB26875Header, _ bytes: [UInt8], _ context: ChannelHandlerContext) {
        let e = entry(h, bytes, urgent: false)
        var urgentEntry = e
        urgentEntry.urgent = device != nil && shared.urgent(device, bytes, e.receivedAt)
        pending += 1
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let confirm = h.command != 5
        let (device, text) = (self.device, GB26875Header.addressText(h.source))
        shared.journal.submit(urgentEntry) { result in
            bound.eventLoop.execute {
                let (me, ctx) = bound.value
                me.pending -= 1
                switch result {
                case .success(let duplicate):
                    guard !me.closing, ctx.channel.isActive else { return }
                    if confirm { me.reply(h, command: 3, ctx) }
                    me.shared.events(.confirmed(address: text, device: device, serial: h.serial, duplicate: duplicate))
                    // A retransmission's time is the first copy's: only new frames say how the clock runs.
                    if !duplicate, h.source == me.address { me.checkClock(h, ctx) }
                    if me.readHeld, me.pending < me.shared.settings.maxPendingFrames {
                        me.readHeld = false
                        me.decoder.restartWaiting()
                        ctx.read()
                    }
                case .failure(let error):
                    // No confirm: the device keeps the frame and sends it again on a new connection.
                    guard !me.closing else { return }
                    me.shared.events(.journalFailed(peer: me.peer, error: "\(error)"))
                    me.close(ctx, why: "journal failed", timedOut: nil)
                }
            }
        }
    }

    // MARK: Outbound

    private func reply(_ h: GB26875Header, command: UInt8, _ context: ChannelHandlerContext) {
        write(GB26875FrameBuilder.reply(to: h, command: command), context)
    }

    private func write(_ bytes: [UInt8], _ context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
    }

    /// A device clock off by more than the allowed skew gets a clock sync, at most one per ten minutes.
    private func checkClock(_ h: GB26875Header, _ context: ChannelHandlerContext) {
        guard let at = GB26875TimeLabel.date(h.timeLabel, timeZone: shared.settings.timeZone) else { return }
        let skew = at.timeIntervalSince(shared.now())
        guard abs(skew) > shared.settings.clockSkewSeconds else { return }
        if let last = lastClockSync, shared.now().timeIntervalSince(last) < 600 { return }
        sendClockSync(skew: skew, context)
    }

    private func sendClockSync(skew: Double?, _ context: ChannelHandlerContext) {
        guard let address else { return }
        lastClockSync = shared.now()
        shared.events(.clockSync(address: GB26875Header.addressText(address), device: device, skewSeconds: skew))
        send(type: GB26875FrameBuilder.Downlink.clockSync, context) { builder, now in builder.clockSync(at: now) }
    }

    /// Sends a downlink frame with the centre's next serial, again after the retry interval until
    /// the device confirms or denies it or the tries run out.
    private func send(type: UInt8, _ context: ChannelHandlerContext, build: (GB26875FrameBuilder, Date) -> [UInt8], sent: ([UInt8]) -> Void = { _ in }) {
        guard let address else { return }
        serial = serial == UInt16.max ? 1 : serial + 1
        let builder = GB26875FrameBuilder(serial: serial, source: shared.settings.centreAddress, destination: address, timeZone: shared.settings.timeZone)
        let frame = build(builder, shared.now())
        sent(frame)
        downlinks[serial] = Downlink(type: type, frame: frame, tries: 1, retry: nil)
        write(frame, context)
        scheduleRetry(serial, context)
    }

    private func scheduleRetry(_ serial: UInt16, _ context: ChannelHandlerContext) {
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let task = context.eventLoop.scheduleTask(in: .milliseconds(Int64(shared.settings.downlinkRetrySeconds * 1000))) {
            let (me, ctx) = bound.value
            guard var d = me.downlinks[serial] else { return }
            guard d.tries < me.shared.settings.downlinkTries else {
                me.downlinks[serial] = nil
                me.shared.events(.downlink(address: me.addressText ?? "?", device: me.device, type: d.type, serial: serial, outcome: .unanswered))
                return
            }
            d.tries += 1
            me.downlinks[serial] = d
            me.write(d.frame, ctx)
            me.scheduleRetry(serial, ctx)
        }
        downlinks[serial]?.retry = task
    }

    /// The device's confirm (3) or deny (6) of a downlink frame, by its serial.
    private func answered(_ h: GB26875Header, confirmed: Bool) {
        guard let d = downlinks.removeValue(forKey: h.serial) else { return }
        d.retry?.cancel()
        shared.events(.downlink(address: addressText ?? "?", device: device, type: d.type, serial: h.serial, outcome: confirmed ? .confirmed : .denied))
    }

    private func close(_ context: ChannelHandlerContext, why: String, timedOut: String?) {
        guard !closing else { return }
        closing = true
        if let timedOut { shared.events(.timedOut(peer: peer, what: timedOut)) }
        context.close(promise: nil)
    }

    static func describe(_ a: SocketAddress) -> String {
        switch a {
        case .v4: "\(a.ipAddress ?? "?"):\(a.port ?? 0)"
        case .v6: "[\(a.ipAddress ?? "?")]:\(a.port ?? 0)"
        default: "\(a)"
        }
    }
}
