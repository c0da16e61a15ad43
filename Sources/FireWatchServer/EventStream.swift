import FireWatchCore
import FireWatchStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle

/// `GET /api/v1/events`: Server-Sent Events read straight from the store by `seq`.
///
/// Each client keeps only its position; events come from the database in pages, and the store's
/// progress signal says when there is more. So a client never sees a gap or a repeat (also across
/// daemon restarts: `Last-Event-ID` or `?after=` resumes), and a slow client costs one page of memory
/// and never slows ingest.
enum EventStream {
    static let pageSize = 256
    static let keepAliveSeconds = 15

    static func register(on router: Router<BasicRequestContext>, deps: APIDependencies) {
        router.get("/api/v1/events") { request, _ -> Response in
            let start: Int64
            do { start = try startPosition(request, store: deps.store) } catch let e as StartError {
                return APIRouter.problem(.badRequest, e.message)
            }
            let encoder = Timestamps.encoder(timeZone: deps.timeZone)
            let headers: HTTPFields = [
                .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache",
                HTTPField.Name("X-Accel-Buffering")!: "no",
            ]
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                try await stream(from: start, store: deps.store, encoder: encoder, writer: &writer)
                try await writer.finish(nil)
            })
        }
    }

    struct StartError: Error { var message: String }

    /// Where to start: `Last-Event-ID`, `?after=N`, `?since=DUR|RFC3339`, `?last=N`; default: live from now.
    static func startPosition(_ request: Request, store: SQLiteStore) throws -> Int64 {
        let q = request.uri.queryParameters
        if let header = request.headers[HTTPField.Name("Last-Event-ID")!], !header.isEmpty {
            guard let v = Int64(header.trimmingCharacters(in: .whitespaces)), v >= 0 else { throw StartError(message: "Last-Event-ID must be a sequence number") }
            return v
        }
        if let after = q["after"] {
            guard let v = Int64(after), v >= 0 else { throw StartError(message: "after must be a sequence number") }
            return v
        }
        if let since = q["since"].map(String.init) {
            if let seconds = Durations.seconds(since) { return try store.seq(before: Date().addingTimeInterval(-seconds)) }
            if let date = Timestamps.parse(since) { return try store.seq(before: date) }
            throw StartError(message: "since must be a duration like 10m or an RFC 3339 time")
        }
        let head = store.eventSignal.position
        if let last = q["last"] {
            guard let n = Int64(last), n >= 0 else { throw StartError(message: "last must be a count") }
            return max(0, head - n)
        }
        return head
    }

    static func stream(from start: Int64, store: SQLiteStore, encoder: JSONEncoder, writer: inout any ResponseBodyWriter) async throws {
        var position = start
        // Wake-ups: store progress, and a periodic keep-alive so dead clients are noticed.
        let (wakeups, continuation) = AsyncStream.makeStream(of: Bool.self, bufferingPolicy: .bufferingNewest(1))
        let progress = Task {
            for await _ in store.eventSignal.updates() { continuation.yield(true) }
            continuation.finish()
        }
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(keepAliveSeconds))
                continuation.yield(false)
            }
        }
        defer {
            progress.cancel()
            ticker.cancel()
        }
        try await writer.write(ByteBuffer(string: "retry: 2000\n: connected at \(position)\n\n"))
        for await moved in wakeups.cancelOnGracefulShutdown() {
            if !moved {
                try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                continue
            }
            while true {
                let page = try store.events(after: position, limit: pageSize)
                guard let last = page.last else { break }
                var buffer = ByteBuffer()
                for event in page {
                    buffer.writeString("id: \(event.seq)\nevent: \(event.type.rawValue)\ndata: ")
                    buffer.writeBytes(try encoder.encode(event))
                    buffer.writeString("\n\n")
                }
                try await writer.write(buffer)
                position = last.seq
            }
        }
    }
}
