import FireWatchCore
import FireWatchPipeline
import FireWatchDecoders
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// SIGHUP: reload definitions, registry, stations, thresholds and tokens while MQTT stays connected.
/// A config file that fails to load leaves the running configuration untouched; a definition that
/// fails to load keeps its previous version; every problem is logged with file:line.
struct ReloadService: Service {
    let configPath: String
    let pipeline: Pipeline
    let logger: Logger
    let notify: SystemdNotify
    /// Other parts that take a new setup (the API's tokens).
    let others: [@Sendable (LoadedSetup) async -> Void]

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            notify.send("RELOADING=1\nMONOTONIC_USEC=\(DispatchTime.now().uptimeNanoseconds / 1000)")
            await reload()
            notify.send("READY=1")
        }
    }

    func reload() async {
        let running = await pipeline.currentSetup()
        let loaded: LoadedSetup
        do {
            loaded = try LoadedSetup.load(configPath: configPath)
        } catch {
            logger.error("reload refused; the running configuration stays", metadata: ["problem": "\(error)"])
            return
        }
        let (setup, kept) = SetupReload.merge(loaded, keepingFrom: running)
        for p in setup.problems { logger.warning("reload: configuration problem", metadata: ["problem": "\(p)"]) }
        for id in kept { logger.warning("reload: definition failed to load; its previous version stays active", metadata: ["model": "\(id)"]) }
        for change in SetupReload.needsRestart(old: running.config, new: setup.config) {
            logger.warning("reload: this change takes effect after a restart", metadata: ["key": "\(change)"])
        }
        await pipeline.reload(setup)
        for apply in others { await apply(setup) }
        logger.notice("reloaded", metadata: ["setup": "\(setup.summary)"])
    }
}

/// How a freshly loaded setup is combined with the running one.
enum SetupReload {
    /// Definitions whose file failed to load keep their running version. Returns the merged setup and
    /// the model ids that were kept.
    static func merge(_ new: LoadedSetup, keepingFrom running: LoadedSetup) -> (LoadedSetup, [String]) {
        var merged = new
        var kept: [String] = []
        let brokenFiles = Set(new.catalog.problems.map(\.file))
        for (id, def) in running.catalog.definitions where brokenFiles.contains(def.file) && new.catalog[id] == nil {
            merged.catalog.definitions[id] = def
            kept.append(id)
        }
        return (merged, kept.sorted())
    }

    /// Keys whose new value only a restart applies (the broker session, the store, the listener).
    static func needsRestart(old: Configuration, new: Configuration) -> [String] {
        var keys: [String] = []
        if old.mqtt.url != new.mqtt.url { keys.append("mqtt.url") }
        if old.mqtt.clientID != new.mqtt.clientID { keys.append("mqtt.client_id") }
        if old.mqtt.subscriptions != new.mqtt.subscriptions { keys.append("mqtt.subscriptions") }
        if old.sqlitePath != new.sqlitePath { keys.append("storage.sqlite") }
        if old.httpListen != new.httpListen { keys.append("http.listen") }
        if old.instance != new.instance { keys.append("instance") }
        return keys
    }
}
