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
