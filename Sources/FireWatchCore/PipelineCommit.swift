import Foundation

/// Everything one pipeline step decided, committed atomically with the journal position it covers,
/// so a crash either keeps all of it or replays the step from the journal.
public struct PipelineCommit: Sendable {
    /// The last journal id this step covers: every entry up to it is processed.
    public var cursor: Int64
    /// Entries after the cursor this step processed ahead of their turn (urgent ones and their device's
    /// earlier entries); the store forgets them once the cursor passes.
    public var ahead: [Int64] = []
    public var alarms: [Alarm] = []
    public var dispatches: [DispatchOrder] = []
    public var events: [FeedEvent] = []
    /// Dispatch progress per alarm, as JSON; nil removes it (alarm done).
    public var dispatchProgress: [String: String?] = [:]
    /// Live station statuses (raw values of `Station.Status`).
    public var stationStatus: [String: String] = [:]
    public var hazards: [Hazard] = []
    /// Photos of hazards opened or rectified in this step (stored with them, never changed).
    public var photos: [HazardPhoto] = []
    /// Rows of the hazard engine's memory that changed (nil json: deleted).
    public var memoryRows: [MemoryRow] = []
    /// Empties the old one-document memory (done once, with the first rows written after an upgrade).
    public var dropLegacyMemory = false
    /// MQTT messages to keep until the broker acknowledges them (sent after the commit, in this order).
    public var outbound: [OutboundMessage] = []
    /// Outbox rows the broker has acknowledged: forgotten.
    public var delivered: [Int64] = []

    public init(cursor: Int64) {
        self.cursor = cursor
    }

    public var isEmpty: Bool {
        ahead.isEmpty && alarms.isEmpty && dispatches.isEmpty && events.isEmpty && dispatchProgress.isEmpty && stationStatus.isEmpty
            && hazards.isEmpty && photos.isEmpty && memoryRows.isEmpty && !dropLegacyMemory
            && outbound.isEmpty && delivered.isEmpty
    }
}
