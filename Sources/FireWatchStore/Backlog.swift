import DequeModule

/// The journal entries after the pipeline's cursor, by device: how the urgent lane finds a device's
/// earlier unprocessed entries without a device index that every message would write at a random place.
/// Also the payload bytes not yet processed, for backpressure by bytes. Bounded by the backlog (ingest
/// pauses past `mqtt.max_unprocessed` rows or `mqtt.max_unprocessed_bytes`); each entry costs O(1) to
/// add and to drop.
struct Backlog {
    /// Entries at or below this id are not tracked (processed, or before the start).
    private(set) var floor: Int64
    /// Every tracked entry's device, oldest first (to drop from `byDevice` as the cursor passes).
    private var order: Deque<(device: String?, id: Int64, bytes: Int)> = []
    private var byDevice: [String: Deque<Int64>] = [:]
    /// Payload bytes of the tracked entries.
    private(set) var bytes = 0

    init(floor: Int64) { self.floor = floor }

    var count: Int { order.count }

    /// Adds a committed entry (ids arrive in increasing order).
    mutating func append(device: String?, id: Int64, bytes: Int = 0) {
        guard id > floor else { return }
        order.append((device, id, bytes))
        self.bytes += bytes
        if let device { byDevice[device, default: []].append(id) }
    }

    /// Forgets entries at or below `cursor`.
    mutating func advance(to cursor: Int64) {
        guard cursor > floor else { return }
        floor = cursor
        while let first = order.first, first.id <= cursor {
            order.removeFirst()
            bytes -= first.bytes
            guard let device = first.device else { continue }
            byDevice[device]?.removeFirst()
            if byDevice[device]?.isEmpty == true { byDevice[device] = nil }
        }
    }

    /// The device's tracked ids in `after` exclusive ... `through` inclusive, oldest first; nil when
    /// `after` is below the floor (those entries are not tracked).
    func ids(device: String, after: Int64, through: Int64) -> [Int64]? {
        guard after >= floor else { return nil }
        guard let ids = byDevice[device] else { return [] }
        return ids.filter { $0 > after && $0 <= through }
    }
}
