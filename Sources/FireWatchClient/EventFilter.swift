import Foundation
import FireWatchCore

/// Which events `tail` shows: `--street` and `--kind`, each a comma-separated list. A kind matches an
/// alarm kind (`fire`), a hazard kind (`offline`), an event type (`alarm.raised`) or a family (`alarm`,
/// `hazard`, `station`).
public struct EventFilter: Sendable {
    public var streets: Set<String>
    public var kinds: Set<String>

    public init(street: String? = nil, kind: String? = nil) {
        streets = EventFilter.list(street)
        kinds = EventFilter.list(kind)
    }

    static func list(_ text: String?) -> Set<String> {
        Set((text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    /// Every word `--kind` understands.
    public static let knownKinds: Set<String> = Set(AlarmKind.allCases.map(\.rawValue))
        .union(FeedEventType.allCases.map(\.rawValue))
        .union(Labels.hazardKinds.map(\.0))
        .union(["alarm", "hazard", "station"])

    /// Kinds given that mean nothing (a usage error).
    public var unknownKinds: [String] { kinds.subtracting(EventFilter.knownKinds).sorted() }

    public func accepts(_ e: StreamEvent) -> Bool {
        if !streets.isEmpty {
            guard let street = e.street, streets.contains(street) else { return false }
        }
        if !kinds.isEmpty {
            let type = e.event.type.rawValue
            var words: Set<String> = [type, String(type.prefix { $0 != "." })]
            if let k = e.event.alarm?.kind.rawValue { words.insert(k) }
            if let k = e.text("hazard", "kind") { words.insert(k) }
            if kinds.isDisjoint(with: words) { return false }
        }
        return true
    }
}
