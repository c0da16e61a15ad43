import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What clients may hold of the HTTP server.
enum HTTPLimits {
    /// A connection with no request in progress is closed after this (an open event stream is a
    /// request in progress): idle sockets had held every file descriptor.
    static let idleSeconds = 30

    /// Connections served at once, beyond which the longest-idle are closed (`ConnectionGovernor`):
    /// half the open-file limit, at most 1024, so the broker connection, the store and the logs
    /// always have descriptors left.
    static func maxConnections() -> Int {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 256 }
        return max(16, min(1024, Int(clamping: limit.rlim_cur) / 2))
    }

    /// Raises the open-file soft limit to the hard one (at most 65536), as systemd advises daemons
    /// to do: the default soft limit of 1024 is a relic of select().
    static func raiseOpenFileLimit() {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        let wanted = min(limit.rlim_max, 65536)
        guard limit.rlim_cur < wanted else { return }
        limit.rlim_cur = wanted
        _ = setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    }
}
