import FireWatchCore
import FireWatchDecoders
import Foundation

/// A scripted situation for `firewatch simulate --scenario F` (`seeds/putuo/scenarios/*.yaml`): what
/// happens when, on top of the fleet's ordinary heartbeats.
struct Scenario: Sendable {
    var name: String
    var description: String
    var durationSeconds: Double
    /// The fleet keeps sending its ordinary status reports meanwhile.
    var background: Bool
    var steps: [Step]

    /// One scripted thing: a device says something, a street goes silent, or a burst of alarms.
    struct Step: Sendable {
        var atSeconds: Double
        var action: Action
    }

    enum Action: Sendable {
        /// `device` reports these events and metrics (in its model's own payload format).
        case report(device: String, events: [EventType], metrics: [String: Double], point: Point?)
        /// Every device of `street` stops sending (power cut, gateway down) until `untilSeconds`.
        case silence(street: String, untilSeconds: Double?)
        /// `count` devices of `street` report `events`, one every `everySeconds` (an alarm flood).
        case flood(street: String, count: Int, everySeconds: Double, events: [EventType])
    }

    static func load(path: String) throws(SourceError) -> Scenario {
        guard let doc = try YAMLValue.load(path: path) else { throw SourceError(file: path, line: nil, "empty scenario") }
        let m = try doc.mapping(allowed: ["name", "description", "duration_s", "background", "steps"])
        var steps: [Step] = []
        for item in try m.required("steps").list() {
            let s = try item.mapping(allowed: ["at_s", "device", "events", "metrics", "point", "silence", "until_s", "flood"])
            let at = try s.double("at_s")
            if let street = try s.optionalString("silence") {
                steps.append(Step(atSeconds: at, action: .silence(street: street, untilSeconds: try s.optionalDouble("until_s"))))
            } else if let flood = try s["flood"]?.mapping(allowed: ["street", "count", "every_s", "events"]) {
                steps.append(Step(atSeconds: at, action: .flood(
                    street: try flood.string("street"), count: try flood.int("count"),
                    everySeconds: try flood.optionalDouble("every_s") ?? 1, events: try events(flood))))
            } else {
                var metrics: [String: Double] = [:]
                for (k, v) in try s["metrics"]?.mapping().entries ?? [] { metrics[k] = try v.double() }
                var point: Point?
                if let p = try s["point"]?.mapping(allowed: ["zone", "position", "component_type", "system_type", "system_address", "channel"]) {
                    point = Point(
                        systemType: try p.optionalInt("system_type"), systemAddress: try p.optionalInt("system_address"),
                        componentType: try p.optionalInt("component_type"), zone: try p.optionalInt("zone"),
                        position: try p.optionalInt("position"), channel: try p.optionalInt("channel"))
                }
                steps.append(Step(atSeconds: at, action: .report(device: try s.string("device"), events: try events(s), metrics: metrics, point: point)))
            }
        }
        return Scenario(
            name: try m.string("name"), description: try m.optionalString("description") ?? "",
            durationSeconds: try m.optionalDouble("duration_s") ?? (steps.map(\.atSeconds).max() ?? 0) + 10,
            background: try m.optionalBool("background") ?? true, steps: steps.sorted { $0.atSeconds < $1.atSeconds })
    }

    static func events(_ m: YAMLMapping) throws(SourceError) -> [EventType] {
        var out: [EventType] = []
        for v in try m["events"]?.list() ?? [] {
            let name = try v.string()
            guard let e = EventType(rawValue: name) else { throw v.error("unknown event type \"\(name)\" (VOCABULARY.md)") }
            out.append(e)
        }
        return out
    }
}
