/// A map of the engine's memory that remembers which keys changed since they were last taken, so the
/// store writes the rows that changed (per device, point, building, street), never the whole fleet.
/// Equality and hashing look at the values only; encoding is the plain map (the old one-document form).
public struct KeyedState<Value: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    public private(set) var values: [String: Value] = [:]
    /// Keys set or removed since the last `takeChanges`.
    var changed: Set<String> = []

    public init() {}

    public subscript(key: String) -> Value? {
        get { values[key] }
        set {
            guard values[key] != newValue else { return }
            values[key] = newValue
            changed.insert(key)
        }
    }

    public var keys: Dictionary<String, Value>.Keys { values.keys }

    /// Rewrites every value (nil removes it), marking only the keys whose value changed. For pruning on a tick.
    mutating func update(_ transform: (String, Value) -> Value?) {
        for (key, value) in values {
            self[key] = transform(key, value)
        }
    }

    /// The keys changed since the last call with their values now (nil: removed), and forgets them; at
    /// most `limit`, the rest stay pending for a later call.
    mutating func takeChanges(limit: Int = .max) -> [(key: String, value: Value?)] {
        guard !changed.isEmpty else { return [] }
        guard changed.count > limit else {
            defer { changed.removeAll(keepingCapacity: true) }
            return changed.map { ($0, values[$0]) }
        }
        let taken = Array(changed.prefix(limit))
        for key in taken { changed.remove(key) }
        return taken.map { ($0, values[$0]) }
    }

    /// Whether anything changed since the last `takeChanges`.
    var hasChanges: Bool { !changed.isEmpty }

    /// Sets a value read back from the store, without marking it changed.
    mutating func restore(_ key: String, _ value: Value) { values[key] = value }

    public static func == (a: Self, b: Self) -> Bool { a.values == b.values }
    public func hash(into hasher: inout Hasher) { hasher.combine(values) }

    /// Decoded from the old one-document memory: every key counts as changed, so the first commit
    /// after an upgrade writes them all as rows.
    public init(from decoder: any Decoder) throws {
        values = try [String: Value](from: decoder)
        changed = Set(values.keys)
    }

    public func encode(to encoder: any Encoder) throws { try values.encode(to: encoder) }
}
