import FireWatchCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Why an API call failed, in words for the terminal; `exitCode` follows INTERFACES.md.
public enum APIClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No answer: connection refused, host unknown, timed out, or 503 (exit 69).
    case unavailable(String)
    /// The server answered with an error status and message (exit 1).
    case refused(status: Int, message: String)
    /// The answer was not what the API promises (exit 1).
    case badAnswer(String)
    /// `--server` is no http(s) URL (exit 64).
    case badServer(String)

    public var description: String {
        switch self {
        case .unavailable(let why): "server unavailable: \(why)"
        case .refused(let status, let message): "HTTP \(status): \(message)"
        case .badAnswer(let why): "unexpected answer: \(why)"
        case .badServer(let base): "--server must be an http:// or https:// URL, not \"\(base)\""
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .unavailable: 69
        case .refused, .badAnswer: 1
        case .badServer: 64
        }
    }
}

/// A thin client of the HTTP API (`firewatch alarms|hazards|stations`).
public struct APIClient: Sendable {
    public let server: ServerAddress
    let timeoutSeconds: Double

    public init(server: ServerAddress, timeoutSeconds: Double = 15) {
        self.server = server
        self.timeoutSeconds = timeoutSeconds
    }

    /// GET `path`; returns the body of a 200.
    public func get(_ path: String, query: String? = nil) async throws(APIClientError) -> Data {
        try await send("GET", path, query: query, body: nil)
    }

    /// POST a JSON object to `path`; returns the body of a 200.
    public func post(_ path: String, json: [String: JSONValue]) async throws(APIClientError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let body = (try? encoder.encode(JSONValue.object(json))) ?? Data("{}".utf8)
        return try await send("POST", path, query: nil, body: body)
    }

    /// GET and decode with RFC 3339 dates.
    public func get<T: Decodable>(_ type: T.Type, _ path: String, query: String? = nil) async throws(APIClientError) -> T {
        let data = try await get(path, query: query)
        do { return try Timestamps.decoder().decode(T.self, from: data) } catch {
            throw .badAnswer("\(path): \(error)")
        }
    }

    func send(_ method: String, _ path: String, query: String?, body: Data?) async throws(APIClientError) -> Data {
        guard let url = server.url(path: path, query: query) else { throw .badServer(server.base) }
        var request = URLRequest(url: url, timeoutInterval: timeoutSeconds)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let token = server.token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let data: Data
        let response: URLResponse
        do { (data, response) = try await URLSession.shared.data(for: request) } catch {
            throw .unavailable("\(server.base): \(error.localizedDescription)")
        }
        guard let status = (response as? HTTPURLResponse)?.statusCode else { throw .badAnswer("not HTTP") }
        if (200..<300).contains(status) { return data }
        let message = ServerAddress.errorMessage(data)
        if status == 503 || status == 502 || status == 504 { throw .unavailable("HTTP \(status): \(message)") }
        throw .refused(status: status, message: message)
    }
}
