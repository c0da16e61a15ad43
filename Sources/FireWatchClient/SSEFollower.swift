import FireWatchCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Follows `GET /api/v1/events` and remembers the last `id:`, so a reconnect resumes with
/// `Last-Event-ID` exactly after it: no gap, no repeat. Before the first event it remembers where the
/// server said the stream started (`: connected at N`), so even that reconnect misses nothing.
public struct SSEFollower: Sendable {
    public let server: ServerAddress
    /// Where a reconnect resumes; nil until a connection has said where it started.
    public private(set) var lastEventID: Int64?

    /// How one connection ended.
    public enum Outcome: Sendable, Equatable {
        /// `onEvent` asked to stop.
        case stoppedByCaller
        /// The server closed the stream.
        case ended
        /// No connection, or an answer other than 200.
        case failed(String, status: Int?)
    }

    public init(server: ServerAddress) {
        self.server = server
    }

    /// Follows until the stream ends, fails, or `onEvent` returns false. `initialQuery` (e.g.
    /// `since=10m`) applies to the first connection only; later ones resume from the last id.
    public mutating func follow(initialQuery: String?, onEvent: @escaping (StreamEvent) -> Bool) -> Outcome {
        let query = lastEventID == nil ? initialQuery : nil
        guard let url = server.url(path: "/api/v1/events", query: query) else { return .failed("bad server URL \(server.base)", status: nil) }
        var request = URLRequest(url: url, timeoutInterval: 60)
        request.setValue("text/event-stream", forHTTPHeaderField: "Accept")
        if let lastEventID { request.setValue(String(lastEventID), forHTTPHeaderField: "Last-Event-ID") }
        if let token = server.token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }

        let delegate = StreamDelegate(onEvent: onEvent)
        let session = URLSession(configuration: .default, delegate: delegate, delegateQueue: nil)
        let task = session.dataTask(with: request)
        task.resume()
        delegate.done.wait()
        session.invalidateAndCancel()
        if let position = delegate.position { lastEventID = position }
        if delegate.stopped { return .stoppedByCaller }
        if let status = delegate.status, status != 200 {
            return .failed("server answered HTTP \(status)\(delegate.errorBody.map { ": \($0)" } ?? "")", status: status)
        }
        if let error = delegate.error { return .failed("\(server.base): \(error.localizedDescription)", status: nil) }
        return .ended
    }
}

/// URLSession delegate that parses SSE frames as bytes arrive. URLSession calls it on one serial queue.
private final class StreamDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let onEvent: (StreamEvent) -> Bool
    let done = DispatchSemaphore(value: 0)
    var parser = SSEParser()
    /// The last event's seq, else where the server said the stream started.
    var position: Int64?
    var status: Int?
    var errorBody: String?
    var error: (any Error)?
    var stopped = false

    init(onEvent: @escaping (StreamEvent) -> Bool) {
        self.onEvent = onEvent
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        status = (response as? HTTPURLResponse)?.statusCode
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive chunk: Data) {
        if stopped { return }
        if status != 200 {
            errorBody = ServerAddress.errorMessage(chunk)
            return
        }
        let frames = parser.feed(chunk) { comment in
            if position == nil, comment.hasPrefix("connected at "), let start = Int64(comment.dropFirst(13)) { position = start }
        }
        for frame in frames {
            guard let event = StreamEvent(frame: frame) else { continue }
            position = event.seq
            if !onEvent(event) {
                stopped = true
                dataTask.cancel()
                return
            }
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        if !stopped { self.error = error }
        done.signal()
    }
}
