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
