/// Which tokens keep each condition on, by episode key. A condition with two causes (main and backup
/// power, a fault on two channels, a hot cable and an over-current) ends only when both have ended.
public struct ConditionLedger: Codable, Hashable, Sendable {
    public var tokens = KeyedState<Set<String>>()

    public init() {}

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
        tokens[key] = set.isEmpty ? nil : set
        let over = asserted.isEmpty && !releases.isEmpty && set.isEmpty
        // The record's wording only matters when the condition ends; most snapshots end nothing.
        let why = over ? Array(Set(releases.map(\.why))).sorted().joined(separator: "; ") : ""
        return Outcome(asserted: asserted, over: over, why: why)
    }

    /// Forgets a condition whose alarm or hazard an operator closed, so stale causes cannot hold the next one open.
    mutating func forget(_ key: String) {
        tokens[key] = nil
    }
}
