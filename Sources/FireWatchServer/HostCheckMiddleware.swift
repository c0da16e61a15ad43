import Foundation
import HTTPTypes
import Hummingbird

/// Refuses every request whose `Host` is not one this daemon answers to (`http.allowed_hosts`): a page
/// on another site whose name was rebound to this address (DNS rebinding) could otherwise read the
/// API from an operator's browser, tokens file or not.
public struct HostCheckMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Lowercased hosts, with or without a port (`[::1]` brackets dropped).
    let allowed: Set<String>

    public init(allowed: [String]) {
        self.allowed = Set(allowed.map { Self.normalized($0) })
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let authority = request.head.authority ?? ""
        guard isAllowed(authority) else {
            let shown = String(authority.prefix(100))
            return APIRouter.problem(.misdirectedRequest, "Host \"\(shown)\" is not one this daemon answers to (http.allowed_hosts)")
        }
        return try await next(request, context)
    }

    func isAllowed(_ authority: String) -> Bool {
        allowed.contains(Self.normalized(authority)) || allowed.contains(Self.host(of: authority))
    }

    /// Lowercased, `[v6]:port` as `v6:port` and `[v6]` as `v6`.
    static func normalized(_ s: String) -> String {
        let t = s.trimmingCharacters(in: .whitespaces).lowercased()
        guard t.hasPrefix("["), let close = t.firstIndex(of: "]") else { return t }
        return String(t[t.index(after: t.startIndex)..<close]) + t[t.index(after: close)...]
    }

    /// The host part: `name:port` → `name`, `[v6]:port` → `v6`; a bare IPv6 address stays whole.
    static func host(of authority: String) -> String {
        let t = authority.trimmingCharacters(in: .whitespaces).lowercased()
        if t.hasPrefix("["), let close = t.firstIndex(of: "]") { return String(t[t.index(after: t.startIndex)..<close]) }
        guard t.filter({ $0 == ":" }).count == 1, let i = t.lastIndex(of: ":") else { return t }
        return String(t[..<i])
    }
}
