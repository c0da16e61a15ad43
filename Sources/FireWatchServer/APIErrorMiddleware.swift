import FireWatchCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Turns every error a route throws into a JSON error that says what is wrong, `{"error": "..."}`,
/// with the matching status: unknown routes 404, alarm actions 404/409, oversized bodies 413,
/// anything unexpected 500: logged in full under an error id, answered with only that id (the
/// error's text can name files, SQL and other internals).
public struct APIErrorMiddleware: RouterMiddleware {
    public typealias Context = APIRequestContext

    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            // A known path asked with a method it does not serve: 405 with the methods it does.
            if let e = error as? HTTPError, e.status == .notFound, e.body == nil {
                let allowed = RouteTable.methods(for: request.uri.path)
                if !allowed.isEmpty, !allowed.contains(request.method.rawValue) {
                    var response = APIRouter.problem(.methodNotAllowed, "\(request.method.rawValue) is not allowed on \(request.uri.path) (allowed: \(allowed.joined(separator: ", ")))")
                    response.headers[.allow] = allowed.joined(separator: ", ")
                    return response
                }
            }
            guard let (status, message) = Self.describe(error, request: request) else {
                let id = Identifiers.make(prefix: "err", at: Date())
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)", "error_id": "\(id)"])
                return APIRouter.problem(.internalServerError, "internal error \(id); the daemon's log has the details")
            }
            return APIRouter.problem(status, message)
        }
    }

    /// The status and message for an error a client caused; nil for anything else (a 500).
    static func describe(_ error: any Error, request: Request) -> (HTTPResponse.Status, String)? {
        switch error {
        case let e as AlarmActionError:
            switch e {
            case .notFound, .unknown: return (.notFound, e.description)
            case .conflict: return (.conflict, e.description)
            }
        case let e as HazardActionError:
            switch e {
            case .notFound: return (.notFound, e.description)
            case .conflict: return (.conflict, e.description)
            case .badRequest: return (.badRequest, e.description)
            case .unknown: return (.notFound, e.description)
            }
        case let e as HTTPError:
            if let body = e.body { return (e.status, body) }
            switch e.status {
            case .notFound: return (.notFound, "no route \(request.method.rawValue) \(request.uri.path)")
            case .contentTooLarge: return (.contentTooLarge, "request body larger than \(APIRouter.maxBodyBytes) bytes")
            case .methodNotAllowed: return (.methodNotAllowed, "\(request.method.rawValue) is not allowed on \(request.uri.path)")
            default: return (e.status, e.status.reasonPhrase)
            }
        case let e as APIRouter.BadRequest:
            return (.badRequest, e.message)
        default:
            return nil
        }
    }
}
