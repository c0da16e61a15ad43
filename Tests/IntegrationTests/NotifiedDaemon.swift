import FireWatchTestKit
import Foundation

/// A daemon run as systemd runs it: its own broker, a notify socket (and a watchdog when
/// `watchdogMicroseconds` is given), on the fixtures' registry and stations, READY=1 already seen.
final class NotifiedDaemon {
    let broker: TestBroker
    let folder: TempFolder
    let notify: NotifyListener
    let daemon: DaemonUnderTest

    init(watchdogMicroseconds: Int? = nil) throws {
        broker = try TestBroker()
        folder = try TempFolder("firewatchd")
        notify = try NotifyListener(folder: folder)
        var environment = ["NOTIFY_SOCKET": notify.path]
        if let watchdogMicroseconds { environment["WATCHDOG_USEC"] = "\(watchdogMicroseconds)" }
        daemon = try DaemonUnderTest(
            broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, folder: folder, environment: environment)
        try notify.waitFor("READY=1")
    }

    /// Stops the daemon (if still running) and the broker, and removes the folder.
    func remove() {
        daemon.stop()
        broker.stop()
        folder.remove()
    }
}
