import FireWatchCore
import Foundation

extension HazardMemory {
    /// The parts of the memory as stored, by name.
    public enum Part: String, CaseIterable, Sendable {
        case conditions, suppressions, falseAlarms = "false_alarms", testAlarms = "test_alarms", coincidence
        case chatterClears = "chatter_clears", chattering, floodRaises = "flood_raises", floodActive = "flood_active"
        case temperatures, dutyChecks = "duty_checks"
    }

    /// The rows changed since the last call. Temperature trends change with nearly every reading of a
    /// heat-sensing device; `includingTrends: false` leaves their changes pending for a later call, and
    /// at most `trendLimit` of them are taken at once, so one commit never writes a whole fleet's trends.
    public mutating func takeChangedRows(includingTrends: Bool, trendLimit: Int = .max, encoder: JSONEncoder) -> [MemoryRow] {
        var rows: [MemoryRow] = []
        Self.take(.conditions, &conditions.tokens, &rows, encoder)
        Self.take(.suppressions, &suppressions.devices, &rows, encoder)
        Self.take(.falseAlarms, &falseAlarms.devices, &rows, encoder)
        Self.take(.testAlarms, &testAlarms, &rows, encoder)
        Self.take(.coincidence, &coincidence.buildings, &rows, encoder)
        Self.take(.chatterClears, &chatter.clears, &rows, encoder)
        Self.take(.chattering, &chatter.chattering, &rows, encoder)
        Self.take(.floodRaises, &flood.raises, &rows, encoder)
        Self.take(.floodActive, &flood.active, &rows, encoder)
        Self.take(.dutyChecks, &dutyChecks, &rows, encoder)
        if includingTrends { Self.take(.temperatures, &temperatures.samples, &rows, encoder, limit: trendLimit) }
        return rows
    }

    /// Whether temperature trends changed since they were last taken.
    public var trendsChanged: Bool { temperatures.samples.hasChanges }

    /// The memory from its stored rows; rows that do not decode are skipped and described in `problems`.
    public init(rows: [MemoryRow], decoder: JSONDecoder, problems: inout [String]) {
        self.init()
        for row in rows {
            guard let json = row.json, let part = Part(rawValue: row.part) else { continue }
            let data = Data(json.utf8)
            do {
                switch part {
                case .conditions: try Self.restore(&conditions.tokens, row.key, data, decoder)
                case .suppressions: try Self.restore(&suppressions.devices, row.key, data, decoder)
                case .falseAlarms: try Self.restore(&falseAlarms.devices, row.key, data, decoder)
                case .testAlarms: try Self.restore(&testAlarms, row.key, data, decoder)
                case .coincidence: try Self.restore(&coincidence.buildings, row.key, data, decoder)
                case .chatterClears: try Self.restore(&chatter.clears, row.key, data, decoder)
                case .chattering: try Self.restore(&chatter.chattering, row.key, data, decoder)
                case .floodRaises: try Self.restore(&flood.raises, row.key, data, decoder)
                case .floodActive: try Self.restore(&flood.active, row.key, data, decoder)
                case .temperatures: try Self.restore(&temperatures.samples, row.key, data, decoder)
                case .dutyChecks: try Self.restore(&dutyChecks, row.key, data, decoder)
                }
            } catch {
                problems.append("\(row.part)/\(row.key): \(error)")
            }
        }
        conditions.reindex()
    }

    static func take<V>(_ part: Part, _ state: inout KeyedState<V>, _ rows: inout [MemoryRow], _ encoder: JSONEncoder, limit: Int = .max) {
        for (key, value) in state.takeChanges(limit: limit) {
            guard let value else {
                rows.append(MemoryRow(part: part.rawValue, key: key, json: nil))
                continue
            }
            // These value types always encode; a failure would leave the old row rather than delete it.
            guard let data = try? encoder.encode(value) else { continue }
            rows.append(MemoryRow(part: part.rawValue, key: key, json: String(decoding: data, as: UTF8.self)))
        }
    }

    static func restore<V>(_ state: inout KeyedState<V>, _ key: String, _ data: Data, _ decoder: JSONDecoder) throws {
        state.restore(key, try decoder.decode(V.self, from: data))
    }
}

extension HazardEngine {
    /// The memory rows changed since the last call, for the commit that covers them.
    public mutating func takeMemoryRows(includingTrends: Bool, trendLimit: Int = .max, encoder: JSONEncoder) -> [MemoryRow] {
        memory.takeChangedRows(includingTrends: includingTrends, trendLimit: trendLimit, encoder: encoder)
    }
}
