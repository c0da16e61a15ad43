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
        /// `duty_check.every_s`: seconds between duty checks (查岗) to each connected registered UITD; nil: none.
        public var dutyCheckEverySeconds: Double?
        /// `duty_check.answer_within_s`: seconds the control room has to answer before `duty_unanswered` opens.
        public var dutyAnswerSeconds: Double
    }

    static func loadGB26875(_ value: YAMLValue?) throws(SourceError) -> GB26875? {
        guard let value else { return nil }
        let m = try value.mapping(allowed: ["listen", "max_connections", "idle_timeout_s", "frame_timeout_s", "duty_check"])
        let listen = try m.string("listen")
        guard let hp = HostPort(listen) else { throw m.error(at: "listen", "listen must be host:port") }
        let maxConnections = try m.optionalInt("max_connections") ?? 5_000
        guard maxConnections > 0 else { throw m.error(at: "max_connections", "must be positive") }
        let idle = try m.optionalDouble("idle_timeout_s") ?? 120
        guard idle >= 30 else { throw m.error(at: "idle_timeout_s", "must be at least 30 (devices heartbeat every 20–30 s)") }
        let frame = try m.optionalDouble("frame_timeout_s") ?? 30
        guard frame > 0 else { throw m.error(at: "frame_timeout_s", "must be positive") }
        var every: Double?
        var answer = 300.0
        if let duty = try m["duty_check"]?.mapping(allowed: ["every_s", "answer_within_s"]) {
            every = try duty.optionalDouble("every_s") ?? 3600
            answer = try duty.optionalDouble("answer_within_s") ?? 300
            guard let e = every, e >= 1 else { throw duty.error(at: "every_s", "must be at least 1") }
            guard answer >= 1, answer < e else { throw duty.error(at: "answer_within_s", "must be at least 1 and less than every_s") }
        }
        return GB26875(listen: listen, host: hp.host, port: hp.port, maxConnections: maxConnections, idleTimeoutSeconds: idle,
                       frameTimeoutSeconds: frame, dutyCheckEverySeconds: every, dutyAnswerSeconds: answer)
    }
}
