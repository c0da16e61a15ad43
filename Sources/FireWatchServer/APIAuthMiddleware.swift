import Foundation
import HTTPTypes
import Hummingbird

/// Roles by `Authorization: Bearer TOKEN` (INTERFACES.md): 401 without a known token, 403 when the
/// role is too low. The event stream alone may carry the token as `?token=` instead, because a
/// browser's EventSource cannot set headers (anywhere else a token in a URL ends up in logs and
/// browser history for nothing). Without a tokens file the API is read-only for loopback clients:
/// reads from loopback pass as `loopback`, every other request is 403.
public struct APIAuthMiddleware: RouterMiddleware {
    public typealias Context = APIRequestContext

    /// The tokens file as loaded now (it may be reloaded); nil when it does not exist.
    let tokens: @Sendable () -> APITokens?
    /// The weakest role the routes behind this middleware accept.
    let minimum: APIRole

    public init(tokens: @escaping @Sendable () -> APITokens?, minimum: APIRole) {
        self.tokens = tokens
        self.minimum = minimum
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        switch authorize(request, context: context) {
        case .success(let caller):
            context.caller = caller
            context.logger[metadataKey: "caller"] = "\(caller.name)"
            return try await next(request, context)
        case .failure(let refusal):
            var response = APIRouter.problem(refusal.status, refusal.message)
            if refusal.status == .unauthorized {
                response.headers[.wwwAuthenticate] = "Bearer realm=\"firewatch\""
            }
            return response
        }
    }

    /// Why a request was refused.
    struct Refusal: Error, Equatable {
        var status: HTTPResponse.Status
        var message: String
    }

    func authorize(_ request: Request, context: Context) -> Result<APICaller, Refusal> {
        guard let tokens = tokens() else {
            guard context.isLoopback else {
                return .failure(Refusal(status: .forbidden, message: "this daemon has no tokens file (http.tokens_file): the API answers loopback clients only"))
            }
            guard minimum == .viewer, request.method == .get || request.method == .head else {
                return .failure(Refusal(status: .forbidden, message: "this daemon has no tokens file (http.tokens_file): the API is read-only and refuses every POST"))
            }
            return .success(APICaller(name: "loopback", role: .viewer))
        }
        guard let token = Self.token(in: request) else {
            return .failure(Refusal(status: .unauthorized, message: "no token: send Authorization: Bearer TOKEN (a token of the tokens file)"))
        }
        guard let holder = tokens[token] else {
            return .failure(Refusal(status: .unauthorized, message: "unknown token: it is not in the tokens file"))
        }
        guard holder.role >= minimum else {
            return .failure(Refusal(
                status: .forbidden,
                message: "token \"\(holder.name)\" has role \(holder.role.rawValue); this needs \(minimum.rawValue)"))
        }
        return .success(holder)
    }

    /// The one path whose GET may carry the token as `?token=`.
    static let queryTokenPath = "/api/v1/events"

    /// The bearer token of the `Authorization` header, or `?token=` on a GET of the event stream.
    static func token(in request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                let token = parts[1].trimmingCharacters(in: .whitespaces)
                return token.isEmpty ? nil : token
            }
            return nil
        }
        guard request.method == .get, request.uri.path == queryTokenPath,
              let query = request.uri.queryParameters["token"], !query.isEmpty
        else { return nil }
        return String(query)
    }
}
