import FireWatchCore
import FireWatchDecoders
import FireWatchGB26875Server
import FireWatchPipeline
import FireWatchStore
import Foundation
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// Runs the GB/T 26875.3 centre server (`gb26875.listen`): frames journaled through the same store
/// as MQTT messages, each confirmed after its commit; logs and metrics for what the server reports.
final class GB26875Service: Service, Sendable {
    let server: GB26875Server
    private let addresses: AddressBook
    private let logger: Logger

    /// How long a frame's source address and serial mark a retransmission.
    static let retransmitWindowSeconds = 600.0

    init(config: Configuration, settings gb: Configuration.GB26875, store: SQLiteStore, setup: LoadedSetup, triage: IngestTriage, logger: Logger) throws {
        self.logger = logger
        let addresses = AddressBook(setup)
        self.addresses = addresses
        let window = Self.retransmitWindowSeconds
        let recent = try store.gb26875Frames(since: Date().addingTimeInterval(-window))
        let frames = Counter(label: "firewatch_gb26875_frames_total", dimensions: [("result", "confirmed")])
        let duplicates = Counter(label: "firewatch_gb26875_frames_total", dimensions: [("result", "duplicate")])
        let commitTime = Metrics.Timer(label: "firewatch_gb26875_commit_seconds")
        let journal = GB26875FrameJournal(window: window, recent: recent) { entries in
            let started = DispatchTime.now().uptimeNanoseconds
            _ = try store.appendJournal(entries)
            commitTime.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - started))
        }
        let connections = Gauge(label: "firewatch_gb26875_connections")
        connections.record(0)
        let throttle = Mutex(LogThrottle(interval: 60))
        let settings = GB26875ServerSettings(
            host: gb.host, port: gb.port, maxConnections: gb.maxConnections, idleTimeoutSeconds: gb.idleTimeoutSeconds,
            frameTimeoutSeconds: gb.frameTimeoutSeconds, timeZone: config.timeZone, retransmitWindowSeconds: window,
            dutyCheckEverySeconds: gb.dutyCheckEverySeconds)
        server = GB26875Server(
            settings: settings, journal: journal,
            identify: { address in addresses.device(address) },
            urgent: { device, payload, at in device.map { triage.isUrgent(($0, "raw"), payload: payload, receivedAt: at) } ?? false },
            events: { event in
                switch event {
                case .connected(let peer, let open):
                    connections.record(open)
                    logger.debug("gb26875: device connected", metadata: ["peer": "\(peer)"])
                case .disconnected(let peer, let address, let open, let why):
                    connections.record(open)
                    // Debug: thousands of devices reconnecting after a network blip must not flood the log.
                    logger.debug("gb26875: connection closed", metadata: ["peer": "\(peer)", "gb_address": "\(address ?? "-")", "why": "\(why)"])
                case .refused(let peer, let open):
                    if throttle.withLock({ $0.admit("refused", now: Date()) != nil }) {
                        logger.warning("gb26875: connection refused, at gb26875.max_connections", metadata: ["peer": "\(peer)", "open": "\(open)"])
                    }
                case .replaced(let address, let device, let old, let new):
                    logger.notice("gb26875: a new connection from the same address replaces the old one",
                                  metadata: ["gb_address": "\(address)", "device": "\(device ?? "-")", "old": "\(old)", "new": "\(new)"])
                case .confirmed(_, _, _, let duplicate):
                    (duplicate ? duplicates : frames).increment()
                case .denied(let peer, let address, let serial, let reason):
                    Counter(label: "firewatch_gb26875_denied_total", dimensions: [("reason", reason.label)]).increment()
                    if throttle.withLock({ $0.admit("deny|\(address)", now: Date()) != nil }) {
                        logger.warning("gb26875: frame denied", metadata: [
                            "peer": "\(peer)", "gb_address": "\(address)", "serial": "\(serial)", "error": "\(reason)"])
                    }
                case .skipped(let peer, let bytes):
                    Counter(label: "firewatch_gb26875_skipped_bytes_total").increment(by: Int64(bytes))
                    if throttle.withLock({ $0.admit("skip|\(peer)", now: Date()) != nil }) {
                        logger.warning("gb26875: bytes outside any frame skipped up to the next \"@@\"", metadata: ["peer": "\(peer)", "bytes": "\(bytes)"])
                    }
                case .journalFailed(let peer, let error):
                    logger.error("gb26875: journal commit failed; no confirm sent, the device will retransmit", metadata: ["peer": "\(peer)", "error": "\(error)"])
                case .clockSync(let address, let device, let skew):
                    logger.info("gb26875: clock sync sent", metadata: [
                        "gb_address": "\(address)", "device": "\(device ?? "-")", "skew_s": "\(skew.map { String(format: "%.0f", $0) } ?? "on connect")"])
                case .downlink(let address, let device, let type, let serial, let outcome):
                    Counter(label: "firewatch_gb26875_downlink_total", dimensions: [("outcome", outcome.rawValue)]).increment()
                    if outcome != .confirmed {
                        logger.warning("gb26875: downlink frame not confirmed", metadata: [
                            "gb_address": "\(address)", "device": "\(device ?? "-")", "type": "\(type)", "serial": "\(serial)", "outcome": "\(outcome.rawValue)"])
                    }
                case .timedOut(let peer, let what):
                    logger.info("gb26875: connection closed", metadata: ["peer": "\(peer)", "why": "\(what)"])
                }
            },
            dutyChecked: { addresses.isDutyChecked($0) })
    }

    /// A new registry's `gb_address` column (SIGHUP).
    func replace(with setup: LoadedSetup) {
        addresses.replace(setup)
    }

    func run() async throws {
        let port = try server.start()
        logger.notice("gb26875: centre server listening", metadata: ["port": "\(port)"])
        try? await gracefulShutdown()
        await offThePool { [server] in server.stop() }
    }
}

/// The registry's `gb_address` → device id, swapped as a whole on reload.
final class AddressBook: Sendable {
    private let map: Mutex<(devices: [UInt64: String], dutyChecked: Set<String>?)>

    init(_ setup: LoadedSetup) { map = Mutex(Self.entries(setup)) }

    func device(_ address: UInt64) -> String? { map.withLock { $0.devices[address] } }

    /// Duty checks (查岗) go to the control rooms of key units (INTERFACES.md); without a unit
    /// register, to every registered transmission device.
    func isDutyChecked(_ device: String) -> Bool { map.withLock { $0.dutyChecked?.contains(device) ?? true } }

    func replace(_ setup: LoadedSetup) { map.withLock { $0 = Self.entries(setup) } }

    static func entries(_ setup: LoadedSetup) -> (devices: [UInt64: String], dutyChecked: Set<String>?) {
        let units = setup.geography.geography.units
        guard !units.isEmpty else { return (setup.registry.byGBAddress, nil) }
        let key = Set(setup.registry.byGBAddress.values.filter { id in
            setup.registry[id]?.unit.flatMap { units[$0] }?.category == .keyUnit
        })
        return (setup.registry.byGBAddress, key)
    }
}
