import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTPTypes
import Synchronization

/// Keeps the HTTP server under a number of connections by closing the longest-idle ones (no request
/// in progress: never sent one, or between two) when a new one arrives over the limit. Idle sockets
/// opened by anyone on the network had held every file descriptor, so `/healthz` timed out and the
/// broker reconnect failed; now an idle flood only pushes out idle sockets, while requests in
/// progress and open event streams keep theirs.
public final class ConnectionGovernor: Sendable {
    public let limit: Int
    struct Entry {
        let channel: any Channel
        var busy: Bool
        var idleSince: ContinuousClock.Instant
    }

    private let entries = Mutex<[ObjectIdentifier: Entry]>([:])

    public init(limit: Int) { self.limit = max(1, limit) }

    /// Connections open now.
    public var count: Int { entries.withLock { $0.count } }

    /// The handler for one connection's pipeline (`HTTP1Channel.Configuration.additionalChannelHandlers`).
    public func handler() -> any RemovableChannelHandler { ConnectionGovernorHandler(governor: self) }

    /// Registers a new connection; returns the ones to close to stay at the limit. When every other
    /// connection is busy, the new one itself is refused.
    func opened(_ channel: any Channel) -> [any Channel] {
        entries.withLock { e in
            e[ObjectIdentifier(channel)] = Entry(channel: channel, busy: false, idleSince: .now)
            guard e.count > limit else { return [] }
            let idle = e.filter { !$0.value.busy && $0.key != ObjectIdentifier(channel) }.sorted { $0.value.idleSince < $1.value.idleSince }
            let over = e.count - limit
            guard !idle.isEmpty else {
                e.removeValue(forKey: ObjectIdentifier(channel))
                return [channel]
            }
            let victims = idle.prefix(over)
            for v in victims { e.removeValue(forKey: v.key) }
            return victims.map(\.value.channel)
        }
    }

    func closed(_ channel: any Channel) {
        _ = entries.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    func setBusy(_ channel: any Channel, _ busy: Bool) {
        entries.withLock { e in
            guard var entry = e[ObjectIdentifier(channel)] else { return }
            entry.busy = busy
            if !busy { entry.idleSince = .now }
            e[ObjectIdentifier(channel)] = entry
        }
    }
}

/// Tells the governor when its connection opens, starts a request, finishes a response and closes.
final class ConnectionGovernorHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let governor: ConnectionGovernor
    var registered = false

    init(governor: ConnectionGovernor) { self.governor = governor }

    func handlerAdded(context: ChannelHandlerContext) {
        registered = true
        for victim in governor.opened(context.channel) { victim.close(promise: nil) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if registered { governor.closed(context.channel) }
        registered = false
    }

    func channelInactive(context: ChannelHandlerContext) {
        if registered { governor.closed(context.channel) }
        registered = false
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { governor.setBusy(context.channel, true) }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { governor.setBusy(context.channel, false) }
        context.write(data, promise: promise)
    }
}
