import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The Host header values the API answers when `http.allowed_hosts` is absent: the listen address,
/// the loopback names, and on a wildcard listen address (`0.0.0.0`, `::`) this machine's host name
/// and interface addresses, so a LAN client reaching it by address works. A DNS name that was rebound
/// to this machine is never among them.
enum HTTPHosts {
    static func defaults(listen: HostPort) -> [String] {
        var hosts = [listen.host, "localhost", "127.0.0.1", "::1"]
        if ["0.0.0.0", "::", "*", ""].contains(listen.host) {
            hosts += interfaceAddresses()
            var name = [CChar](repeating: 0, count: 256)
            if gethostname(&name, name.count) == 0 { hosts.append(String(cString: name)) }
        }
        return hosts
    }

    static func interfaceAddresses() -> [String] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(list) }
        var out: [String] = []
        for p in sequence(first: first, next: { $0.pointee.ifa_next }) {
            guard let addr = p.pointee.ifa_addr else { continue }
            let family = Int32(addr.pointee.sa_family)
            guard family == AF_INET || family == AF_INET6 else { continue }
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            let length = socklen_t(family == AF_INET ? MemoryLayout<sockaddr_in>.size : MemoryLayout<sockaddr_in6>.size)
            if getnameinfo(addr, length, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 {
                // Drop an IPv6 zone (fe80::1%eth0): a Host header cannot carry it.
                out.append(String(String(cString: text).prefix { $0 != "%" }))
            }
        }
        return out
    }
}

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
