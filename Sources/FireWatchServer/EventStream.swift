import FireWatchCore
import FireWatchStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// `GET /api/v1/events`: Server-Sent Events read straight from the store by `seq`.
///
/// Each client keeps only its position; events come from the database in pages, and the store's
/// progress signal says when there is more. So a client never sees a gap or a repeat (also across
/// daemon restarts: `Last-Event-ID` or `?after=` resumes), and a slow client costs one page of memory
/// and never slows ingest. A client that stops reading, or stays too far behind, is disconnected and
/// logged (`EventStreamLimits`); it resumes where it was when it reconnects.
enum EventStream {
    static let pageSize = 256

    static func register(on routes: RouterGroup<APIRequestContext>, deps: APIDependencies) {
        routes.get("events") { request, context -> Response in
            let start: Int64
            do { start = try startPosition(request, store: deps.store) } catch let e as APIRouter.BadRequest {
                return APIRouter.problem(.badRequest, e.message)
            }
            let encoder = Timestamps.encoder(timeZone: deps.timeZone)
            let headers: HTTPFields = [
                .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache",
                HTTPField.Name("X-Accel-Buffering")!: "no",
            ]
            let client = Client(
                channel: context.channel, logger: context.logger, limits: deps.streamLimits,
                peer: context.remoteAddress.map { "\($0)" } ?? "?", caller: context.caller?.name ?? "?")
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                if try await client.stream(from: start, store: deps.store, encoder: encoder, writer: &writer) {
                    try await writer.finish(nil)
                }
            })
        }
    }

    /// Where to start: `Last-Event-ID`, `?after=N`, `?since=DUR|RFC3339`, `?last=N`, first given wins;
    /// default: live from now. Every one given is checked, used or not: a bad one is a 400.
    static func startPosition(_ request: Request, store: SQLiteStore) throws -> Int64 {
        let q = request.uri.queryParameters
        func sequence(_ text: Substring?, _ what: String) throws -> Int64? {
            guard let text else { return nil }
            guard let v = Int64(text.trimmingCharacters(in: .whitespaces)), v >= 0 else { throw APIRouter.BadRequest(what) }
            return v
        }
        let header = request.headers[HTTPField.Name("Last-Event-ID")!].flatMap { $0.isEmpty ? nil : Substring($0) }
        let resume = try sequence(header, "Last-Event-ID must be a sequence number")
        let after = try sequence(q["after"], "after must be a sequence number")
        let last = try sequence(q["last"], "last must be a count")
        let since = try q["since"].map { text -> Date in
            if let seconds = Durations.seconds(String(text)) { return Date().addingTimeInterval(-seconds) }
            if let date = Timestamps.parse(String(text)) { return date }
            throw APIRouter.BadRequest("since must be a duration like 10m or an RFC 3339 time")
        }
        if let v = resume ?? after { return v }
        if let since { return try store.seq(before: since) }
        let head = store.eventSignal.position
        if let last { return max(0, head - last) }
        return head
    }

    /// One connected client.
    struct Client: Sendable {
        let channel: any Channel
        let logger: Logger
        let limits: EventStreamLimits
        let peer: String
        let caller: String

        /// Streams until shutdown or disconnect. False when the client was dropped (nothing more to write).
        func stream(from start: Int64, store: SQLiteStore, encoder: JSONEncoder, writer: inout any ResponseBodyWriter) async throws -> Bool {
            var position = start
            var lag = LagWatch(limits: limits)
            let writes = WriteClock()
            // Wake-ups: store progress, and a periodic keep-alive so dead clients are noticed.
            let (wakeups, continuation) = AsyncStream.makeStream(of: Bool.self, bufferingPolicy: .bufferingNewest(1))
            let progress = Task {
                for await _ in store.eventSignal.updates() { continuation.yield(true) }
                continuation.finish()
            }
            let ticker = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(limits.keepAliveSeconds))
                    continuation.yield(false)
                }
            }
            let watchdog = Task { [channel, logger, limits, peer, caller] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(min(1, limits.maxWriteSeconds / 4)))
                    if let blocked = writes.overdue(limit: limits.maxWriteSeconds) {
                        logger.warning("event stream: disconnecting a client that stopped reading", metadata: [
                            "peer": "\(peer)", "caller": "\(caller)", "blocked_s": "\(Int(blocked))",
                        ])
                        // Reset rather than close: a FIN would wait behind megabytes the client never reads.
                        try? await (channel as? any SocketOptionProvider)?.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
                        try? await channel.close()
                        return
                    }
                }
            }
            defer {
                progress.cancel()
                ticker.cancel()
                watchdog.cancel()
            }
            do {
                try await write(ByteBuffer(string: "retry: 2000\n: connected at \(position)\n\n"), to: &writer, clock: writes)
                for await moved in wakeups.cancelOnGracefulShutdown() {
                    if !moved {
                        try await write(ByteBuffer(string: ": keep-alive\n\n"), to: &writer, clock: writes)
                        continue
                    }
                    while true {
                        let page = try store.events(after: position, limit: EventStream.pageSize)
                        guard let last = page.last else { break }
                        var buffer = ByteBuffer()
                        for event in page {
                            buffer.writeString("id: \(event.seq)\nevent: \(event.type.rawValue)\ndata: ")
                            buffer.writeBytes(try encoder.encode(event))
                            buffer.writeString("\n\n")
                        }
                        try await write(buffer, to: &writer, clock: writes)
                        position = last.seq
                        let behind = store.eventSignal.position - position
                        if lag.observe(lag: behind, at: Date()) {
                            logger.warning("event stream: disconnecting a client that stays too far behind", metadata: [
                                "peer": "\(peer)", "caller": "\(caller)", "behind": "\(behind)", "position": "\(position)",
                            ])
                            return true
                        }
                    }
                }
            } catch where !channel.isActive {
                // The client went away, or the watchdog closed it: nothing left to finish.
                logger.debug("event stream: client gone", metadata: ["peer": "\(peer)", "position": "\(position)"])
                return false
            }
            return true
        }

        func write(_ buffer: ByteBuffer, to writer: inout any ResponseBodyWriter, clock: WriteClock) async throws {
            clock.begin()
            defer { clock.end() }
            try await writer.write(buffer)
        }
    }
}
