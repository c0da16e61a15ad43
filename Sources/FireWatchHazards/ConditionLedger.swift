/// Which tokens keep each condition on, by episode key. A condition with two causes (main and backup
/// power, a fault on two channels, a hot cable and an over-current) ends only when both have ended.
public struct ConditionLedger: Codable, Hashable, Sendable {
    public var tokens = KeyedState<Set<String>>()
    /// How many keys of each device have a condition on. Not stored (rebuilt from `tokens`): it lets a
    /// message from a device with nothing on, open or asserted skip the ledger altogether.
    var devices: [String: Int] = [:]

    public init() {}

    enum CodingKeys: String, CodingKey { case tokens }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tokens = try c.decodeIfPresent(KeyedState<Set<String>>.self, forKey: .tokens) ?? KeyedState()
        reindex()
    }

    public static func == (a: Self, b: Self) -> Bool { a.tokens == b.tokens }
    public func hash(into hasher: inout Hasher) { hasher.combine(tokens) }

    /// Whether any condition of `device` is on.
    func hasConditions(device: String) -> Bool { devices[device] != nil }

    /// Rebuilds the per-device counts after `tokens` was filled from the store.
    mutating func reindex() {
        devices = [:]
        for key in tokens.keys { devices[Self.device(of: key), default: 0] += 1 }
    }

    /// Keys are `device|point|subject`; device ids never hold `|`.
    static func device(of key: String) -> String { String(key.prefix { $0 != "|" }) }

    mutating func set(_ key: String, _ value: Set<String>?) {
        let had = tokens[key] != nil
        tokens[key] = value
        let has = value != nil
        guard had != has else { return }
        let device = Self.device(of: key)
        let n = (devices[device] ?? 0) + (has ? 1 : -1)
        devices[device] = n > 0 ? n : nil
    }

    /// What one reading's observations of one condition amount to.
    struct Outcome {
        /// The observations that turned it on: an occurrence.
        var asserted: [Observation]
        /// The reading showed it normal and no cause is left: the condition is over.
        var over: Bool
        /// The releases that ended it, for the record.
        var why: String
    }

    /// Applies releases first, then assertions, so a snapshot ends what it no longer carries and keeps
    /// what it still does.
    mutating func apply(_ observations: [Observation], key: String) -> Outcome {
        var set = tokens[key] ?? []
        var releases: [Observation] = []
        var asserted: [Observation] = []
        for o in observations {
            switch o.effect {
            case .releases(let release):
                set = set.filter { !release.ends($0) }
                releases.append(o)
            case .asserts:
                asserted.append(o)
            }
        }
        for o in asserted {
            if case .asserts(let token) = o.effect { set.insert(token) }
        }
        self.set(key, set.isEmpty ? nil : set)
        let over = asserted.isEmpty && !releases.isEmpty && set.isEmpty
        // The record's wording only matters when the condition ends; most snapshots end nothing.
        let why = over ? Array(Set(releases.map(\.why))).sorted().joined(separator: "; ") : ""
        return Outcome(asserted: asserted, over: over, why: why)
    }

    /// Forgets a condition whose alarm or hazard an operator closed, so stale causes cannot hold the next one open.
    mutating func forget(_ key: String) {
        set(key, nil)
    }
}
