import FireWatchCore
import FireWatchPipeline
import FireWatchMQTT
import FireWatchStore
import Foundation
import Logging
import ServiceLifecycle

/// Runs the pipeline until shutdown; at shutdown it processes what ingest journaled last.
struct PipelineService: Service {
    let pipeline: Pipeline
    let store: SQLiteStore
    let lag: LagProbe

    func run() async throws {
        // Progress for backpressure, and the dispatch timers (ack deadlines) on a 250 ms tick.
        let progress = Task {
            while !Task.isCancelled {
                lag.processed.advance(to: await pipeline.cursorPosition)
                await pipeline.tick()
                try? await Task.sleep(for: .milliseconds(250))
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

/// Prunes the journal and the event stream by the configured retention, at start and every hour.
struct RetentionService: Service {
    let store: SQLiteStore
    let journalDays: Int
    let eventsDays: Int
    let logger: Logger

    func run() async throws {
        guard journalDays > 0 || eventsDays > 0 else { return }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let now = Date()
            do {
                let pruned = try store.prune(
                    journalBefore: journalDays > 0 ? now.addingTimeInterval(-Double(journalDays) * 86_400) : nil,
                    eventsBefore: eventsDays > 0 ? now.addingTimeInterval(-Double(eventsDays) * 86_400) : nil)
                if pruned.journalRows > 0 || pruned.events > 0 {
                    logger.info("retention", metadata: ["journal_rows": "\(pruned.journalRows)", "events": "\(pruned.events)"])
                }
            } catch {
                logger.error("retention failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(3600)) }
        }
    }
}
