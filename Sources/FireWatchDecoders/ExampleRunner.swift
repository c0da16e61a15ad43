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
            let (failure, line) = check(example, definition: definition, timeZone: timeZone)
            return Outcome(model: definition.id, description: example.description, file: definition.file, line: line ?? example.line, failure: failure)
        }
    }

    /// What differed and the line it is about (the reading's, when one reading differs).
    static func check(_ example: DecoderExample, definition: DeviceDefinition, timeZone: TimeZone) -> (String?, Int?) {
        let readings: [Reading]
        do {
            readings = try definition.decode(
                example.bytes, device: "example", receivedAt: exampleReceivedAt, timeZone: timeZone, fport: example.fport)
        } catch {
            guard let phrase = example.expectedError else { return ("unexpected error: \(error)", nil) }
            return (error.description.localizedCaseInsensitiveContains(phrase) ? nil : "error \"\(error)\" does not mention \"\(phrase)\"", nil)
        }
        if let phrase = example.expectedError { return ("expected an error mentioning \"\(phrase)\", got \(readings.count) reading(s)", nil) }
        let expected = example.expected ?? []
        guard readings.count == expected.count else {
            return ("expected \(expected.count) reading(s), got \(readings.count)", nil)
        }
        for (i, (want, got)) in zip(expected, readings).enumerated() {
            if let failure = compare(want, got, partial: example.partial) { return ("reading \(i + 1): \(failure)", want.line) }
        }
        return (nil, nil)
    }

    /// Compares a reading with what the example says of it: everything, or with `partial` only what
    /// it lists. The message says what to write to make the example true, or what to fix in the decoder.
    public static func compare(_ want: ExpectedReading, _ got: Reading, partial: Bool = false) -> String? {
        if let failure = compareEvents(want, got, partial: partial) { return failure }
        let wantMetrics = want.metrics ?? [:]
        for (name, value) in wantMetrics.sorted(by: { $0.key < $1.key }) {
            guard let v = got.metrics[name] else { return "metric \(name) missing" }
            if !close(v, value) { return "metric \(name) = \(v), expected \(value)" }
        }
        if !partial, let extra = got.metrics.keys.sorted().first(where: { wantMetrics[$0] == nil }) {
            return "metric \(extra) = \(got.metrics[extra]!) is not in the example (list it, or say partial: true)"
        }
        for name in want.absentMetrics where got.metrics[name] != nil { return "metric \(name) = \(got.metrics[name]!) must be absent" }
        let gotPoint: [String: JSONValue] = {
            guard let point = got.point, let data = try? JSONEncoder().encode(point),
                  case .object(let o)? = try? JSONDecoder().decode(JSONValue.self, from: data) else { return [:] }
            return o
        }()
        if let failure = compareMap("point", want: want.point, got: gotPoint, partial: partial) { return failure }
        if let failure = compareMap("attributes", want: want.attributes, got: got.attributes, partial: partial) { return failure }
        if let at = want.at {
            guard let wantDate = Timestamps.parse(at) else { return "expected at \"\(at)\" is not RFC 3339" }
            if abs(wantDate.timeIntervalSince(got.at)) > 0.001 { return "at \(Timestamps.string(got.at)) != expected \(at)" }
        } else if !partial, abs(got.at.timeIntervalSince(exampleReceivedAt)) > 0.001 {
            return "at \(Timestamps.string(got.at)) is the device's time, not the receive time: list it as at"
        }
        return nil
    }

    /// Events as a multiset of (type, channel, value); `partial` asks only that the listed ones are there.
    static func compareEvents(_ want: ExpectedReading, _ got: Reading, partial: Bool) -> String? {
        var left = got.events
        for e in want.events ?? [] {
            guard let i = left.firstIndex(where: { matches($0, e, partial: partial) }) else {
                let same = got.events.filter { $0.type.rawValue == e.type }
                let found = same.isEmpty ? "no such event" : "found " + same.map { describe($0) }.joined(separator: ", ")
                return "event \(e) missing (\(found))"
            }
            left.remove(at: i)
        }
        if !partial, let extra = left.first { return "event \(describe(extra)) is not in the example (list it, or say partial: true)" }
        for name in want.absentEvents {
            if let e = got.events.first(where: { $0.type.rawValue == name }) { return "event \(describe(e)) must be absent" }
        }
        return nil
    }

    /// A decoded event is the expected one: same type; the channel and value as listed (in full mode
    /// an unlisted channel or value must be absent, with `partial` it may be anything).
    static func matches(_ got: DeviceEvent, _ want: ExpectedEvent, partial: Bool) -> Bool {
        guard got.type.rawValue == want.type else { return false }
        if want.channel != nil || !partial, got.channel != want.channel { return false }
        if let v = want.value { return got.value.map { close($0, v) } ?? false }
        return partial || got.value == nil
    }

    static func compareMap(_ what: String, want: [String: JSONValue]?, got: [String: JSONValue], partial: Bool) -> String? {
        let listed = want ?? [:]
        for (k, v) in listed.sorted(by: { $0.key < $1.key }) where !same(got[k], v) {
            return "\(what).\(k) = \(got[k].map(text) ?? "absent"), expected \(text(v))"
        }
        if !partial, let extra = got.keys.sorted().first(where: { listed[$0] == nil }) {
            return "\(what).\(extra) = \(text(got[extra]!)) is not in the example (list it, or say partial: true)"
        }
        return nil
    }

    static func same(_ a: JSONValue?, _ b: JSONValue) -> Bool {
        if case .number(let x)? = a, case .number(let y) = b { return close(x, y) }
        return a == b
    }

    /// A value as the example would write it (JSON).
    static func text(_ v: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(v)).map { String(decoding: $0, as: UTF8.self) } ?? "\(v)"
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= max(1e-6, abs(b) * 1e-6) }

    static func describe(_ e: DeviceEvent) -> String {
        ExpectedEvent(type: e.type.rawValue, channel: e.channel, value: e.value).description
    }
}
