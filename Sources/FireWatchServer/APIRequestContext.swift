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
    /// The one station a `station` token answers for.
    public var station: String?

    public init(name: String, role: APIRole, station: String? = nil) {
        self.name = name
        self.role = role
        self.station = station
    }
}

/// Roles of the tokens file, weakest first (INTERFACES.md: viewer < inspector < operator; a station
/// token reads like a viewer and answers its own station's dispatches only).
public enum APIRole: String, Codable, CaseIterable, Comparable, Hashable, Sendable {
    /// Reads alarms, hazards, stations, devices and the event stream.
    case viewer
    /// Bound to one station (`station:` in the tokens file): reads, and answers that station's dispatches.
    case station
    /// Also opens patrol hazards and rectifies or closes hazards (never closing what they rectified).
    case inspector
    /// Also acknowledges, confirms and resolves alarms and suppresses devices.
    case `operator`

    public static func < (a: APIRole, b: APIRole) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
