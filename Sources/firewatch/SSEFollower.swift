import FireWatchCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Reads a Server-Sent Events stream and remembers the last `id:`, so a reconnect resumes with
/// `Last-Event-ID` exactly after it.
struct SSEFollower {
    let base: String
    let token: String?
    private(set) var lastEventID: Int64 = 0

    enum Outcome {
        case stoppedByCaller
        case ended
        case failed(String, status: Int?)
    }

    init(base: String, token: String?) {
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.token = token
    }

    /// Follows until the stream ends, fails, or `onEvent` returns false.
    mutating func follow(initialQuery: String?, onEvent: @escaping (FeedEvent, String) -> Bool) -> Outcome {
        var path = "\(base)/api/v1/events"
        if lastEventID == 0, let initialQuery { path += "?\(initialQuery)" }
        guard let url = URL(string: path) else { return .failed("bad server URL \(base)", status: nil) }
        var request = URLRequest(url: url, timeoutInterval: 60)
        request.setValue("text/event-stream", forHTTPHeaderField: "Accept")
        if lastEventID > 0 { request.setValue(String(lastEventID), forHTTPHeaderField: "Last-Event-ID") }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }

        let delegate = StreamDelegate(onEvent: onEvent)
        let session = URLSession(configuration: .default, delegate: delegate, delegateQueue: nil)
        let task = session.dataTask(with: request)
        delegate.task = task
        task.resume()
        delegate.done.wait()
        session.invalidateAndCancel()
        if delegate.lastID > 0 { lastEventID = delegate.lastID }
        if delegate.stopped { return .stoppedByCaller }
        if let status = delegate.status, status != 200 {
            return .failed("server answered HTTP \(status)\(delegate.errorBody.map { ": \($0)" } ?? "")", status: status)
        }
        if let error = delegate.error { return .failed("\(url.host ?? base): \(error.localizedDescription)", status: nil) }
        return .ended
    }
}

/// URLSession delegate that parses SSE frames as bytes arrive.
private final class StreamDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let onEvent: (FeedEvent, String) -> Bool
    let done = DispatchSemaphore(value: 0)
    let decoder = Timestamps.decoder()
    weak var task: URLSessionDataTask?
    var buffer = Data()
    var data = ""
    var id: Int64?
    var lastID: Int64 = 0
    var status: Int?
    var errorBody: String?
    var error: (any Error)?
    var stopped = false

    init(onEvent: @escaping (FeedEvent, String) -> Bool) {
        self.onEvent = onEvent
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        status = (response as? HTTPURLResponse)?.statusCode
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive chunk: Data) {
        if stopped { return }
        if status != 200 { errorBody = String(decoding: chunk, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines); return }
        buffer.append(chunk)
        while let nl = buffer.firstIndex(of: 0x0A) {
            var line = String(decoding: buffer[buffer.startIndex..<nl], as: UTF8.self)
            buffer.removeSubrange(buffer.startIndex...nl)
            if line.hasSuffix("\r") { line.removeLast() }
            if !handle(line: line) {
                stopped = true
                dataTask.cancel()
                return
            }
        }
    }

    /// One SSE line; an empty line dispatches the frame. False when the caller wants to stop.
    func handle(line: String) -> Bool {
        if line.isEmpty {
            defer { data = ""; id = nil }
            guard !data.isEmpty, var event = try? decoder.decode(FeedEvent.self, from: Data(data.utf8)) else { return true }
            if let id { event.seq = id; lastID = id }
            return onEvent(event, data)
        }
        if line.hasPrefix(":") { return true }
        let (field, value) = line.firstIndex(of: ":").map { i -> (Substring, Substring) in
            var v = line[line.index(after: i)...]
            if v.first == " " { v = v.dropFirst() }
            return (line[..<i], v)
        } ?? (Substring(line), "")
        switch field {
        case "data": data += data.isEmpty ? String(value) : "\n" + value
        case "id": id = Int64(value)
        default: break
        }
        return true
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        if !stopped { self.error = error }
        done.signal()
    }
}
