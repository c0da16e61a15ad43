import Hummingbird
import NIOCore

/// The per-request context of the FireWatch API: who is calling (set by `APIAuthMiddleware`), from
/// where (loopback clients may read without a token when there is no tokens file), and the channel,
/// so a stalled event-stream client can be disconnected.
public struct APIRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection's channel.
    public let channel: any Channel
    /// The caller, once authenticated.
    public var caller: APICaller?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    public var remoteAddress: SocketAddress? { channel.remoteAddress }

    /// API bodies are small JSON objects.
    public var maxUploadSize: Int { APIRouter.maxBodyBytes }

    /// Whether the client connects over the loopback interface.
    public var isLoopback: Bool {
        guard let ip = remoteAddress?.ipAddress else { return false }
        return ip == "::1" || ip.hasPrefix("127.") || ip.hasPrefix("::ffff:127.")
    }
}

/// Who made a request and what they may do.
public struct APICaller: Hashable, Sendable {
    /// The token's name (`by` of actions defaults to it); `loopback` without a tokens file.
    public var name: String
    public var role: APIRole

    public init(name: String, role: APIRole) {
        self.name = name
        self.role = role
    }
}

/// Roles of the tokens file, weakest first.
public enum APIRole: String, Codable, CaseIterable, Comparable, Hashable, Sendable {
    /// Reads alarms, hazards, stations, devices and the event stream.
    case viewer
    /// Also acknowledges, confirms and resolves alarms and suppresses devices.
    case `operator`

    public static func < (a: APIRole, b: APIRole) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
