import FireWatchDecoders
import Foundation

extension Configuration {
    /// `gb26875:` — transmission devices connect here over TCP (INTERFACES.md, "Second wave").
    public struct GB26875: Sendable, Hashable {
        public var listen: String
        public var host: String
        public var port: Int
        /// Connections beyond this are closed as they arrive.
        public var maxConnections: Int
        /// Seconds without a byte before a connection is closed (devices heartbeat every 20–30 s).
        public var idleTimeoutSeconds: Double
        /// Seconds an incomplete frame may wait for its rest before the connection is closed.
        public var frameTimeoutSeconds: Double
    }

    static func loadGB26875(_ value: YAMLValue?) throws(SourceError) -> GB26875? {
        guard let value else { return nil }
        let m = try value.mapping(allowed: ["listen", "max_connections", "idle_timeout_s", "frame_timeout_s"])
        let listen = try m.string("listen")
        guard let hp = HostPort(listen) else { throw m.error(at: "listen", "listen must be host:port") }
        let maxConnections = try m.optionalInt("max_connections") ?? 5_000
        guard maxConnections > 0 else { throw m.error(at: "max_connections", "must be positive") }
        let idle = try m.optionalDouble("idle_timeout_s") ?? 120
        guard idle >= 30 else { throw m.error(at: "idle_timeout_s", "must be at least 30 (devices heartbeat every 20–30 s)") }
        let frame = try m.optionalDouble("frame_timeout_s") ?? 30
        guard frame > 0 else { throw m.error(at: "frame_timeout_s", "must be positive") }
        return GB26875(listen: listen, host: hp.host, port: hp.port, maxConnections: maxConnections, idleTimeoutSeconds: idle,
                       frameTimeoutSeconds: frame)
    }
}
