import FireWatchCore
import Foundation

/// Where the daemon's API is and which token to send: `--server`/`$FIREWATCH_SERVER` (default
/// `http://127.0.0.1:8080`) and `--token`/`$FIREWATCH_TOKEN`.
public struct ServerAddress: Hashable, Sendable {
    public static let defaultBase = "http://127.0.0.1:8080"

    public var base: String
    public var token: String?

    public init(base: String, token: String?) {
        var b = base
        while b.hasSuffix("/") { b.removeLast() }
        self.base = b
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Flags first, then the environment, then the default.
    public static func resolve(server: String?, token: String?, environment: [String: String]) -> ServerAddress {
        ServerAddress(
            base: server ?? environment["FIREWATCH_SERVER"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultBase,
            token: token ?? environment["FIREWATCH_TOKEN"])
    }

    /// Whether `base` is an http(s) URL with a host.
    public var isValid: Bool {
        guard let u = URL(string: base), let scheme = u.scheme?.lowercased() else { return false }
        return (scheme == "http" || scheme == "https") && u.host != nil
    }

    /// `base` + `path` (+ `?query`); path segments are percent-encoded by the caller.
    public func url(path: String, query: String? = nil) -> URL? {
        guard isValid else { return nil }
        return URL(string: base + path + (query.map { "?\($0)" } ?? ""))
    }

    /// The message of a `{"error": "..."}` body, else the body's text.
    public static func errorMessage(_ body: Data) -> String {
        if case .object(let o)? = try? JSONDecoder().decode(JSONValue.self, from: body), case .string(let m)? = o["error"] { return m }
        return String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A path segment with everything outside unreserved characters percent-encoded.
    public static func segment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
