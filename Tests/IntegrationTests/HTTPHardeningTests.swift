import FireWatchCore
import FireWatchTestKit
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension Integration {
    /// The HTTP server against clients on the network that are not operators (issue 12).
    @Suite struct HTTPHardeningTests {
        /// TCP connections that send nothing, held open until `close`.
        final class IdleSockets {
            var fds: [Int32] = []
            init(port: Int, count: Int) {
                for _ in 0..<count {
                    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                    var addr = sockaddr_in()
                    addr.sin_family = sa_family_t(AF_INET)
                    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
                    addr.sin_port = UInt16(port).bigEndian
                    let ok = withUnsafePointer(to: &addr) { p in
                        p.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
                    }
                    if ok { fds.append(fd) } else { Glibc.close(fd) }
                }
            }
            func close() { for fd in fds { Glibc.close(fd) }; fds = [] }
        }

        static func openFiles(_ pid: Int32) -> Int {
            (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? 0
        }

        @Test func idleConnectionsNeverTakeEveryDescriptor() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            // The daemon's open-file limit at 300, as in the issue: it serves at most 150 connections.
            let daemon = try DaemonUnderTest(
                broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, launcher: ["/usr/bin/prlimit", "--nofile=300:300"])
            defer { daemon.stop(); daemon.folder.remove() }
            // This process needs 320 descriptors more than usual: raise its soft limit if it is low.
            var limit = rlimit()
            if getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < 4096 {
                limit.rlim_cur = min(limit.rlim_max, 4096)
                _ = setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
            }
            let idle = IdleSockets(port: daemon.httpPort, count: 320)
            defer { idle.close() }
            #expect(idle.fds.count == 320, "the kernel accepts them all into the backlog or the server")

            // Every new request still gets through: the longest-idle sockets make room.
            for _ in 0..<3 {
                #expect(try daemon.get("/healthz").0 == 200)
            }
            #expect(try daemon.get("/readyz").0 == 200, "the broker connection and the store kept their descriptors")
            #expect(Self.openFiles(daemon.process.pid) < 300)
            // And a dispatch still goes out.
            let pages = try broker.subscribe("firewatch/stations/+/dispatch")
            defer { pages.stop() }
            try broker.publish(topic: "devices/uitd-t1/up", payload: Fixtures.componentFireAlarm())
            try pages.waitFor("firewatch/stations/ms-near/dispatch {")
        }

        @Test func aForeignHostHeaderIsRefusedOnEveryPath() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations)
            defer { daemon.stop(); daemon.folder.remove() }
            for path in ["/api/v1/devices", "/healthz", "/"] {
                let curl = try ChildProcess("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Host: rebound.example:\(daemon.httpPort)", "\(daemon.baseURL)\(path)"])
                _ = try curl.waitForExit(seconds: 10)
                #expect(curl.text == "421", "\(path): \(curl.text)")
            }
            for host in ["127.0.0.1:\(daemon.httpPort)", "localhost:\(daemon.httpPort)", "localhost"] {
                let curl = try ChildProcess("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Host: \(host)", "\(daemon.baseURL)/healthz"])
                _ = try curl.waitForExit(seconds: 10)
                #expect(curl.text == "200", "\(host): \(curl.text)")
            }
        }
    }
}
