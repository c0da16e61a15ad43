import Foundation

/// What the decision core is built from at start-up, and rebuilt from after a failed commit: the state
/// the store holds, read in one go.
public struct StoredState: Sendable {
    public var openAlarms: [Alarm]
    /// Hazards not yet closed.
    public var openHazards: [Hazard]
    /// The hazard engine's memory rows.
    public var memoryRows: [MemoryRow]
    /// The old one-document engine memory, when an older daemon left one and no rows exist yet.
    public var legacyMemory: String?
    /// Dispatch progress of open alarms, as stored JSON.
    public var dispatchProgress: [String]
    /// Live station statuses by station id (raw values of `Station.Status`).
    public var stationStatuses: [String: String]
    /// The last journal id the pipeline fully processed.
    public var cursor: Int64
    /// Entries after the cursor already processed ahead of their turn.
    public var ahead: [Int64] = []

    public init(
        openAlarms: [Alarm] = [], openHazards: [Hazard] = [], memoryRows: [MemoryRow] = [], legacyMemory: String? = nil,
        dispatchProgress: [String] = [], stationStatuses: [String: String] = [:], cursor: Int64 = 0,
        ahead: [Int64] = []
    ) {
        self.openAlarms = openAlarms
        self.openHazards = openHazards
        self.memoryRows = memoryRows
        self.legacyMemory = legacyMemory
        self.dispatchProgress = dispatchProgress
        self.stationStatuses = stationStatuses
        self.cursor = cursor
        self.ahead = ahead
    }
}
