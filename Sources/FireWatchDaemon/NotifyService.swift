import FireWatchCore
import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// Talks to systemd: READY=1 once the broker is connected and the store is open; WATCHDOG=1 every
/// half `WATCHDOG_USEC`, but only while the ingest loop turns and the store takes writes (so a hung
/// daemon is restarted, not kept alive by a timer); STATUS= with live counts; STOPPING=1 on shutdown.
struct NotifyService: Service {
    /// What the service reads from the running daemon.
    struct Probes: Sendable {
        var ready: @Sendable () -> Bool
        /// Nil when healthy, else why not.
        var unhealthy: @Sendable () -> String?
        var status: @Sendable () async -> String
    }

    let probes: Probes
    let logger: Logger
    let notify: SystemdNotify
    let watchdogInterval: Duration?
    /// `firewatch_ready`: 1 while ready (what `/readyz` says), 0 otherwise, for alerting.
    let readyGauge = Gauge(label: "firewatch_ready")

    init(probes: Probes, logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.probes = probes
        self.logger = logger
        self.notify = SystemdNotify(environment: environment)
        self.watchdogInterval = Self.watchdogInterval(environment)
    }

    /// Half of `WATCHDOG_USEC`, when the watchdog is meant for this process (`WATCHDOG_PID` absent or ours).
    static func watchdogInterval(_ env: [String: String]) -> Duration? {
        guard let usec = env["WATCHDOG_USEC"].flatMap(UInt64.init), usec > 0 else { return nil }
        if let pid = env["WATCHDOG_PID"].flatMap(Int32.init), pid != getpid() { return nil }
        return .microseconds(Int64(usec / 2))
    }

    func run() async throws {
        readyGauge.record(0)
        while !probes.ready() {
            if Task.isCancelled || Task.isShuttingDownGracefully { return }
            try? await Task.sleep(for: .milliseconds(100))
        }
        notify.send("READY=1\nSTATUS=\(await probes.status())")
        logger.notice("ready")
        let tick = watchdogInterval ?? .seconds(5)
        var lastStatus = ContinuousClock.now
        var lastComplaint: String?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: tick) }
            if Task.isShuttingDownGracefully { break }
            readyGauge.record(probes.ready() ? 1 : 0)
            if watchdogInterval != nil {
                if let why = probes.unhealthy() {
                    if why != lastComplaint { logger.error("unhealthy; withholding the systemd watchdog", metadata: ["why": "\(why)"]) }
                    lastComplaint = why
                } else {
                    lastComplaint = nil
                    notify.send("WATCHDOG=1")
                }
            }
            if ContinuousClock.now - lastStatus >= .seconds(5) {
                lastStatus = .now
                notify.send("STATUS=\(await probes.status())")
            }
        }
        notify.send("STOPPING=1")
    }
}
