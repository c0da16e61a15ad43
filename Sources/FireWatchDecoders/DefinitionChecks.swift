import FireWatchCore
import Foundation

/// Every rule a definition must pass before it ships, in one place: `firewatch devices test` and the
/// test suite run the same checks, so a vendor sees locally what CI would say, with file:line.
public enum DefinitionChecks {
    /// One rule broken, or one example that failed.
    public struct Problem: Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int?
        public var model: String
        public var message: String

        public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(model): \(message)" }
    }

    /// Examples every definition needs.
    public static let minimumExamples = 3

    /// Event types that raise an alarm, by device kind: a definition of such a kind needs an example
    /// that shows one (kinds not listed raise hazards only).
    public static let alarmEvents: [String: Set<EventType>] = [
        "smoke": [.fireAlarm, .preAlarm], "heat": [.fireAlarm, .preAlarm], "panel": [.fireAlarm, .manualAlarm],
        "manual_call_point": [.manualAlarm, .fireAlarm], "gas": [.gasAlarm],
        "electrical": [.residualCurrentAlarm, .overTemperature, .arcFault, .overCurrent],
    ]

    /// The examples run (each passed or failed) and the rules checked.
    public static func check(_ def: DeviceDefinition, timeZone: TimeZone) -> (outcomes: [ExampleRunner.Outcome], problems: [Problem]) {
        var problems: [Problem] = []
        func problem(_ line: Int?, _ message: String) { problems.append(Problem(file: def.file, line: line, model: def.id, message: message)) }
        let firstLine = def.examples.first?.line
        if def.examples.count < minimumExamples {
            problem(firstLine, "has \(def.examples.count) example(s); at least \(minimumExamples) are needed (normal reports, an alarm, a malformed payload)")
        }
        if !def.examples.contains(where: { $0.expectedError != nil }) {
            problem(firstLine, "needs a malformed example (input that must fail, with error: a phrase of the message)")
        }
        // A definition that can give an alarm event (its kind raises alarms and the encode direction
        // finds a payload saying one) shows one in an example.
        if let kindAlarms = alarmEvents[def.kind] {
            let alarms = kindAlarms.filter { canRaise($0, def, timeZone: timeZone) }
            if !alarms.isEmpty, !def.examples.contains(where: { ($0.expected ?? []).contains { r in r.eventTypes.contains { EventType(rawValue: $0).map(alarms.contains) ?? false } } }) {
                problem(firstLine, "kind \(def.kind) raises alarms: an example must show one of \(alarms.map(\.rawValue).sorted().joined(separator: ", "))")
            }
        }
        let outcomes = ExampleRunner.run(def, timeZone: timeZone)
        for example in def.examples {
            if let failure = roundTrip(example, def, timeZone: timeZone) { problem(example.line, "encode round trip: \(failure)") }
        }
        return (outcomes, problems)
    }

    /// What an expected reading says (events, metrics, point) as a sample to encode; nil when it says nothing.
    public static func sample(_ want: ExpectedReading) -> DeviceSample? {
        let events = want.eventTypes.compactMap(EventType.init(rawValue:))
        let metrics = want.metrics ?? [:]
        guard !events.isEmpty || !metrics.isEmpty else { return nil }
        var point: Point?
        if let p = want.point, let data = try? JSONEncoder().encode(p) { point = try? JSONDecoder().decode(Point.self, from: data) }
        return DeviceSample(metrics: metrics, events: events, point: point, at: ExampleRunner.exampleReceivedAt)
    }

    /// Whether some payload of the definition gives `event` (found through the encode direction).
    static func canRaise(_ event: EventType, _ def: DeviceDefinition, timeZone: TimeZone) -> Bool {
        let sample = DeviceSample(events: [event], at: ExampleRunner.exampleReceivedAt)
        guard let payload = try? def.encode(sample, timeZone: timeZone),
              let readings = try? def.decode(payload.bytes, device: "sim", receivedAt: sample.at, timeZone: timeZone, fport: payload.fport)
        else { return false }
        return readings.contains { $0.events.contains { $0.type == event } }
    }

    /// What the first reading of an example says, encoded by the definition and decoded again, must
    /// give back its events and metrics (`firewatch simulate` relies on it).
    public static func roundTrip(_ example: DecoderExample, _ def: DeviceDefinition, timeZone: TimeZone) -> String? {
        guard let want = example.expected?.first, let sample = sample(want) else { return nil }
        let events = sample.events.map(\.type), metrics = sample.metrics
        do {
            let payload = try def.encode(sample, timeZone: timeZone)
            let readings = try def.decode(payload.bytes, device: "sim", receivedAt: sample.at, timeZone: timeZone, fport: payload.fport)
            let decoded = Set(readings.flatMap { $0.events.map(\.type) })
            if decoded != Set(events) {
                return "encoded \(PayloadText.hex(payload.bytes)) decodes to events \(decoded.map(\.rawValue).sorted()), not \(Set(events).map(\.rawValue).sorted())"
            }
            for (metric, value) in metrics.sorted(by: { $0.key < $1.key }) where !readings.contains(where: { r in r.metrics[metric].map { abs($0 - value) < 1e-9 } ?? false }) {
                return "encoded \(PayloadText.hex(payload.bytes)) decodes \(metric) to \(readings.compactMap { $0.metrics[metric] }), not \(value)"
            }
            return nil
        } catch {
            return "\(error)"
        }
    }
}
