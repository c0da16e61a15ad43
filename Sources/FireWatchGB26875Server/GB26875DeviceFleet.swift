import FireWatchDecoders
import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// Simulated transmission devices, for `firewatch simulate --gb26875` and the benchmark: each keeps a
/// TCP connection to the centre, heartbeats, sends what it is told, sends a frame again when its
/// confirm does not come (every `retrySeconds`, `tries` times in all), and answers the centre:
/// confirms its downlink frames and answers duty checks (查岗), a share of them late or never.
public final class GB26875DeviceFleet: Sendable {
    public struct Member: Sendable {
        public var id: String
        public var address: UInt64
        public var heartbeatSeconds: Double

        public init(id: String, address: UInt64, heartbeatSeconds: Double) {
            self.id = id
            self.address = address
            self.heartbeatSeconds = heartbeatSeconds
        }
    }

    public struct Behaviour: Sendable {
        public var retrySeconds: Double
        public var tries: Int
        /// Shares of duty checks answered late (after `dutyLateSeconds`) and never.
        public var dutyLateShare: Double
        public var dutyNeverShare: Double
        public var dutyLateSeconds: Double

        public init(retrySeconds: Double = 10, tries: Int = 3, dutyLateShare: Double = 0.1, dutyNeverShare: Double = 0.1, dutyLateSeconds: Double = 600) {
            self.retrySeconds = retrySeconds
            self.tries = tries
            self.dutyLateShare = dutyLateShare
            self.dutyNeverShare = dutyNeverShare
            self.dutyLateSeconds = dutyLateSeconds
        }
    }

    public struct Stats: Sendable {
        public var connected = 0
        public var sent = 0
        public var confirmed = 0
        public var denied = 0
        public var retransmitted = 0
        /// Frames still unconfirmed after every try.
        public var gaveUp = 0
        public var clockSyncs = 0
        public var dutyChecks = 0
        public var dutyAnswered = 0
        /// Seconds from a frame's first send to its confirm.
        public var confirmLatencies: [Double] = []

        /// Frames neither confirmed, denied nor given up on yet.
        public var unsettled: Int { sent - confirmed - denied - gaveUp }
    }

    private let group: MultiThreadedEventLoopGroup
    private let devices = Mutex<[String: NIOLoopBound<GB26875SimulatedDevice>]>([:])
    let stats = Mutex(Stats())
    let behaviour: Behaviour
    let timeZone: TimeZone

    public init(behaviour: Behaviour = Behaviour(), timeZone: TimeZone, threads: Int = 1) {
        self.behaviour = behaviour
        self.timeZone = timeZone
        group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
    }

    /// Connects every member (each on a connection of its own); throws on the first that cannot.
    public func connect(_ members: [Member], host: String, port: Int) throws {
        for m in members {
            _ = try ClientBootstrap(group: group)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { [self] channel in
                    channel.eventLoop.makeCompletedFuture {
                        let device = GB26875SimulatedDevice(member: m, fleet: self)
                        try channel.pipeline.syncOperations.addHandlers([ByteToMessageHandler(GB26875FrameDecoder()), device])
                        let bound = NIOLoopBound(device, eventLoop: channel.eventLoop)
                        self.devices.withLock { $0[m.id] = bound }
                    }
                }
                .connect(host: host, port: port).wait()
        }
    }

    /// Sends a frame from device `id` (its serial and address are the device's own); false when not connected.
    @discardableResult
    public func send(_ id: String, _ frame: [UInt8]) -> Bool {
        guard let bound = devices.withLock({ $0[id] }) else { return false }
        bound.eventLoop.execute { bound.value.send(frame) }
        return true
    }

    public var snapshot: Stats { stats.withLock { $0 } }

    public func close() {
        let all = devices.withLock { d -> [NIOLoopBound<GB26875SimulatedDevice>] in
            defer { d.removeAll() }
            return Array(d.values)
        }
        for bound in all { try? bound.eventLoop.submit { bound.value.close() }.wait() }
        try? group.syncShutdownGracefully()
    }
}

/// One simulated device's connection.
final class GB26875SimulatedDevice: ChannelInboundHandler {
    typealias InboundIn = GB26875Inbound
    typealias OutboundOut = ByteBuffer

    let member: GB26875DeviceFleet.Member
    unowned let fleet: GB26875DeviceFleet
    private var context: ChannelHandlerContext?
    private var serial: UInt16 = 0
    private var pending: [UInt16: (frame: [UInt8], first: NIODeadline, tries: Int, retry: Scheduled<Void>?)] = [:]
    private var heartbeat: RepeatedTask?
    private var random = SystemRandomNumberGenerator()

    init(member: GB26875DeviceFleet.Member, fleet: GB26875DeviceFleet) {
        self.member = member
        self.fleet = fleet
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func channelActive(context: ChannelHandlerContext) {
        fleet.stats.withLock { $0.connected += 1 }
        let period = Int64(member.heartbeatSeconds * 1000)
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let first = Int64.random(in: 0..<max(1, period))
        heartbeat = context.eventLoop.scheduleRepeatedTask(initialDelay: .milliseconds(first), delay: .milliseconds(period)) { [timeZone = fleet.timeZone] _ in
            bound.value.send(GB26875FrameBuilder(timeZone: timeZone).heartbeat(at: Date()))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        heartbeat?.cancel()
        for p in pending.values { p.retry?.cancel() }
        pending.removeAll()
        fleet.stats.withLock { $0.connected -= 1 }
        self.context = nil
    }

    /// Sends `frame` as this device: its next serial and its source address (checksum redone).
    func send(_ frame: [UInt8]) {
        guard let context else { return }
        serial = serial == UInt16.max ? 1 : serial + 1
        let bytes = GB26875FrameBuilder.readdressed(frame, serial: serial, source: member.address, destination: 0)
        pending[serial] = (bytes, .now(), 1, nil)
        fleet.stats.withLock { $0.sent += 1 }
        write(bytes, context)
        scheduleRetry(serial, context)
    }

    private func scheduleRetry(_ serial: UInt16, _ context: ChannelHandlerContext) {
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let task = context.eventLoop.scheduleTask(in: .milliseconds(Int64(fleet.behaviour.retrySeconds * 1000))) {
            let me = bound.value
            guard var p = me.pending[serial], let ctx = me.context else { return }
            guard p.tries < me.fleet.behaviour.tries else {
                me.pending[serial] = nil
                me.fleet.stats.withLock { $0.gaveUp += 1 }
                return
            }
            p.tries += 1
            me.pending[serial] = p
            me.fleet.stats.withLock { $0.retransmitted += 1 }
            me.write(p.frame, ctx)
            me.scheduleRetry(serial, ctx)
        }
        pending[serial]?.retry = task
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .frame(let h, let bytes) = unwrapInboundIn(data) else { return }
        switch h.command {
        case 3, 6:
            guard let p = pending.removeValue(forKey: h.serial) else { return }
            p.retry?.cancel()
            let seconds = Double((NIODeadline.now() - p.first).nanoseconds) / 1e9
            fleet.stats.withLock { s in
                if h.command == 3 {
                    s.confirmed += 1
                    s.confirmLatencies.append(seconds)
                } else {
                    s.denied += 1
                }
            }
        case 1:
            // The centre's downlink: confirmed at once; a duty check is answered by the control room.
            write(GB26875FrameBuilder.reply(to: h, command: 3), context)
            let type = bytes.count > 27 ? bytes[27] : 0
            if type == GB26875FrameBuilder.Downlink.clockSync { fleet.stats.withLock { $0.clockSyncs += 1 } }
            if type == GB26875FrameBuilder.Downlink.dutyCheck { answerDutyCheck(context) }
        default:
            break
        }
    }

    private func answerDutyCheck(_ context: ChannelHandlerContext) {
        fleet.stats.withLock { $0.dutyChecks += 1 }
        let b = fleet.behaviour
        let roll = Double.random(in: 0..<1, using: &random)
        guard roll >= b.dutyNeverShare else { return }
        let delay = roll < b.dutyNeverShare + b.dutyLateShare ? b.dutyLateSeconds : Double.random(in: 1...5, using: &random)
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(in: .milliseconds(Int64(delay * 1000))) { [timeZone = fleet.timeZone] in
            let me = bound.value
            me.fleet.stats.withLock { $0.dutyAnswered += 1 }
            me.send(GB26875FrameBuilder(timeZone: timeZone).uitdOperation(flags: 1 << 5, at: Date()))
        }
    }

    private func write(_ bytes: [UInt8], _ context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
    }

    func close() {
        context?.close(promise: nil)
    }
}
