import FireWatchCore
import Foundation

/// The store the decision core's effects are committed through, and the core rebuilt from. The core
/// knows nothing of SQL; a second implementation (PostgreSQL, for several daemons) needs no change in it.
public protocol PipelineStore: Sendable {
    /// Announces the newest journal id after each journal commit.
    var journalSignal: ProgressSignal { get }
    /// Journal entries with id greater than `id`, oldest first.
    func journal(after id: Int64, limit: Int) throws -> [JournalEntry]
    /// Announces the newest urgent journal id.
    var urgentSignal: ProgressSignal { get }
    /// Urgent entries after `id`, oldest first.
    func urgentJournal(after id: Int64, limit: Int) throws -> [JournalEntry]
    /// A device's entries with ids in `after` exclusive ... `through` inclusive, oldest first.
    func journal(device: String, after: Int64, through: Int64) throws -> [JournalEntry]
    /// Commits one step (state rows, events, outbound messages, the cursor) in one transaction; returns
    /// its events with `seq` and its outbound messages with their outbox ids.
    @discardableResult func commit(_ step: PipelineCommit) throws -> CommittedStep
    /// The outbound messages the broker has not acknowledged yet, oldest first.
    func pendingOutbound() throws -> [OutboundMessage]
    /// Everything the core is built from, read in one go.
    func storedState() throws -> StoredState
    /// An alarm by id, open or resolved.
    func alarm(id: String) throws -> Alarm?
    /// One hazard by id, open or closed.
    func hazard(id: String) throws -> Hazard?
}

extension SQLiteStore: PipelineStore {
    public func storedState() throws -> StoredState {
        StoredState(
            openAlarms: try openAlarms(), openHazards: try hazards(openOnly: true), memoryRows: try memoryRows(),
            legacyMemory: try legacyEngineMemory(), dispatchProgress: try dispatchProgress(),
            stationStatuses: try stationStatuses(), cursor: try cursor(Self.pipelineCursor), ahead: try processedAhead())
    }
}
