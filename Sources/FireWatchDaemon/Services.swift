import FireWatchCore
import FireWatchMQTT
import FireWatchStore
import Foundation
import Logging
import ServiceLifecycle

typealias FireWatchMQTTClientRef = MQTTClient

/// Runs the pipeline until shutdown; at shutdown it processes what ingest journaled last.
struct PipelineService: Service {
    let pipeline: Pipeline
    let store: SQLiteStore
    let lag: LagProbe

    func run() async throws {
        let progress = Task {
            while !Task.isCancelled {
                lag.processed.advance(to: await pipeline.cursorPosition)
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        defer { progress.cancel() }
        await withGracefulShutdownHandler {
            await pipeline.run()
        } onGracefulShutdown: {
            store.journalSignal.finish()
        }
        await pipeline.drain()
    }
}

/// Tells systemd READY=1 once the broker is connected and the store is open, STOPPING=1 on shutdown.
struct NotifyService: Service {
    let ready: @Sendable () -> Bool
    let logger: Logger
    let notify = SystemdNotify()

    func run() async throws {
        while !ready() {
            if Task.isCancelled || Task.isShuttingDownGracefully { return }
            try? await Task.sleep(for: .milliseconds(100))
        }
        if notify.send("READY=1") { logger.info("notified systemd: READY=1") }
        logger.notice("ready")
        try? await gracefulShutdown()
        notify.send("STOPPING=1")
    }
}
