import FireWatchCore
import Foundation

/// Runs the examples inside definitions: the definitions are the test table (as TTN's device
/// repository does), so every model proves itself in CI.
public enum ExampleRunner {
    /// The outcome of one example.
    public struct Outcome: Sendable {
        public var model: String
        public var description: String
        public var file: String
        public var line: Int?
        /// nil when the example passed; else what differed.
        public var failure: String?

        public var passed: Bool { failure == nil }
    }

    /// Examples are decoded at a fixed receive time so results never depend on the clock.
    public static let exampleReceivedAt = Date(timeIntervalSince1970: 1_773_472_166) // 2026-03-14T07:09:26Z

    public static func run(_ definition: DeviceDefinition, timeZone: TimeZone) -> [Outcome] {
        definition.examples.map { example in
            Outcome(
                model: definition.id, description: example.description, file: definition.file, line: example.line,
                failure: check(example, definition: definition, timeZone: timeZone))
        }
    }

    static func check(_ example: DecoderExample, definition: DeviceDefinition, timeZone: TimeZone) -> String? {
        let readings: [Reading]
        do {
            readings = try definition.decode(
                example.bytes, device: "example", receivedAt: exampleReceivedAt, timeZone: timeZone, fport: example.fport)
        } catch {
            guard let phrase = example.expectedError else { return "unexpected error: \(error)" }
            return error.description.localizedCaseInsensitiveContains(phrase)
                ? nil : "error \"\(error)\" does not mention \"\(phrase)\""
        }
        if let phrase = example.expectedError { return "expected an error mentioning \"\(phrase)\", got \(readings.count) reading(s)" }
        let expected = example.expected ?? []
        guard readings.count == expected.count else {
            return "expected \(expected.count) reading(s), got \(readings.count)"
        }
        for (i, (want, got)) in zip(expected, readings).enumerated() {
            if let failure = compare(want, got) { return "reading \(i + 1): \(failure)" }
        }
        return nil
    }

    /// Compares what the example pins down; events must match as a set of types.
    public static func compare(_ want: ExpectedReading, _ got: Reading) -> String? {
        if let events = want.events {
            let wantSet = Set(events), gotSet = Set(got.events.map(\.type.rawValue))
            if wantSet != gotSet { return "events \(gotSet.sorted()) != expected \(wantSet.sorted())" }
        }
        if let metrics = want.metrics {
            for (name, value) in metrics.sorted(by: { $0.key < $1.key }) {
                guard let v = got.metrics[name] else { return "metric \(name) missing" }
                if abs(v - value) > max(1e-6, abs(value) * 1e-6) { return "metric \(name) = \(v), expected \(value)" }
            }
        }
        if let point = want.point {
            let encoded = (try? JSONEncoder().encode(got.point)).flatMap { try? JSONDecoder().decode(JSONValue.self, from: $0) }
            guard case .object(let gotPoint)? = encoded else { return "point missing" }
            for (k, v) in point.sorted(by: { $0.key < $1.key }) where gotPoint[k] != v {
                return "point.\(k) = \(gotPoint[k].map { "\($0)" } ?? "absent"), expected \(v)"
            }
        }
        if let at = want.at {
            guard let wantDate = Timestamps.parse(at) else { return "expected at \"\(at)\" is not RFC 3339" }
            if abs(wantDate.timeIntervalSince(got.at)) > 0.001 { return "at \(Timestamps.string(got.at)) != expected \(at)" }
        }
        return nil
    }
}
