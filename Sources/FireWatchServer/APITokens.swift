import Synchronization

/// The tokens file (`http.tokens_file`): `TOKEN: {name: NAME, role: viewer|operator}`.
/// The daemon reads the YAML; this holds what it found.
public struct APITokens: Sendable {
    private let holders: [String: APICaller]

    public init(_ holders: [String: APICaller]) {
        self.holders = holders
    }

    /// Who holds `token` (a name for audit trails, and a role); nil for an unknown token.
    public subscript(token: String) -> APICaller? { holders[token] }

    public var count: Int { holders.count }
}

/// The tokens in force, replaced when the daemon reloads its configuration (SIGHUP).
public final class APITokenBox: Sendable {
    private let tokens: Mutex<APITokens?>

    public init(_ tokens: APITokens?) {
        self.tokens = Mutex(tokens)
    }

    public var current: APITokens? { tokens.withLock { $0 } }

    public func replace(with new: APITokens?) { tokens.withLock { $0 = new } }
}
