import FireWatchCore
import FireWatchDecoders
import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// The GB/T 26875.3 centre server: transmission devices connect over TCP and get a confirm for each
/// frame once it is journaled, a deny for each damaged one. One event loop thread of its own, so
/// devices never wait behind HTTP clients.
public final class GB26875Server: Sendable {
    private let shared: GB26875ServerContext
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let channel = Mutex<(any Channel)?>(nil)

    public init(
        settings: GB26875ServerSettings, journal: GB26875FrameJournal, identify: @escaping @Sendable (UInt64) -> String?,
        urgent: @escaping @Sendable (String?, [UInt8], Date) -> Bool, events: @escaping @Sendable (GB26875ServerEvent) -> Void,
        dutyChecked: @escaping @Sendable (String) -> Bool = { _ in true }, now: @escaping @Sendable () -> Date = Date.init
    ) {
        shared = GB26875ServerContext(
            settings: settings, journal: journal, connections: GB26875Connections(limit: settings.maxConnections), identify: identify,
            dutyChecked: dutyChecked, urgent: urgent, events: events, now: now)
    }

    /// Binds and starts accepting; the port bound (useful with port 0).
    @discardableResult
    public func start() throws -> Int {
        let shared = self.shared
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 512)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 4)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let decoder = GB26875FrameDecoder()
                    try channel.pipeline.syncOperations.addHandlers([
                        IdleStateHandler(readTimeout: .milliseconds(Int64(shared.settings.idleTimeoutSeconds * 1000))),
                        ByteToMessageHandler(decoder, maximumBufferSize: 64 * 1024),
                        GB26875ConnectionHandler(shared: shared, decoder: decoder),
                    ])
                }
            }
        let bound = try bootstrap.bind(host: shared.settings.host, port: shared.settings.port).wait()
        channel.withLock { $0 = bound }
        return bound.localAddress?.port ?? shared.settings.port
    }

    public var isListening: Bool { channel.withLock { $0?.isActive ?? false } }

    /// Connections open now.
    public var connectionCount: Int { shared.connections.openCount }

    /// Stops accepting, closes every connection, then commits what the journal holds.
    /// (The journal stops before the event loop: its last commit's answers run on the loop.)
    public func stop() {
        let bound = channel.withLock { c -> (any Channel)? in
            defer { c = nil }
            return c
        }
        try? bound?.close().wait()
        shared.connections.closeAll()
        shared.journal.stop()
        try? group.syncShutdownGracefully()
    }
}
