import FireWatchCore
import FireWatchDecoders
import FireWatchTestKit
import Foundation
import Testing

/// Examples assert what they say: every metric, event (with channel and value), point, attribute and
/// time is compared unless the example says `partial: true`; the rules CI enforces are the CLI's.
@Suite struct ExampleComparisonTests {
    static let devices = (Repository.root as NSString).appendingPathComponent("Devices")
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    static let heartbeat = "40 40 0a 00 01 01 1a 09 0f 0e 03 1a 01 10 00 00 00 00 02 20 00 00 00 00 00 00 02 9e 23 23"
    static let analog = "40 40 08 00 01 01 1a 09 0f 0e 03 1a 01 10 00 00 00 00 02 20 00 00 00 00 12 00 02 03 01 01 02 12 03 00 11 00 03 6b 03 1a 09 0f 0e 03 1a a9 23 23"

    /// A gb26875 panel definition with these examples (the first starts at line 8), loaded from a file.
    static func load(examples: String) throws -> (DeviceDefinition, String) {
        let folder = try TempFolder("defs")
        defer { folder.remove() }
        let file = try folder.write("acme/panel-1.yaml", """
            id: acme/panel-1
            vendor: Acme
            name: Test panel
            kind: panel
            decoder:
              builtin: gb26875
            examples:
            \(examples)
            """)
        return (try DefinitionLoader.load(file: file, root: folder.path), file)
    }

    /// One example whose expected reading (from line 11) is `reading`.
    static func definition(hex: String, reading: String, extra: String = "") throws -> DeviceDefinition {
        try load(examples: """
              - description: the example
                input: {hex: "\(hex)"}
                expected:
            \(reading)
            \(extra)
            """).0
    }

    static func failure(_ def: DeviceDefinition) -> (String?, Int?) {
        let o = ExampleRunner.run(def, timeZone: shanghai)[0]
        return (o.failure, o.line)
    }

    static let fullHeartbeat = """
              - events: [heartbeat]
                attributes: {command: 2, destination_address: 8194, serial: 10, source_address: 4097, version: "1.1"}
                at: "2026-03-14T15:09:26+08:00"
        """

    @Test func aReadingListedInFullPasses() throws {
        let (failure, _) = Self.failure(try Self.definition(hex: Self.heartbeat, reading: Self.fullHeartbeat))
        #expect(failure == nil, "\(failure ?? "")")
    }

    @Test func aWrongAttributeFailsAtTheReadingsLine() throws {
        let (failure, line) = Self.failure(try Self.definition(hex: Self.heartbeat, reading: Self.fullHeartbeat.replacingOccurrences(of: "serial: 10", with: "serial: 11")))
        #expect(failure?.contains("attributes.serial = 10") == true, "\(failure ?? "")")
        #expect(line == 11)
        let unknown = Self.failure(try Self.definition(
            hex: Self.heartbeat, reading: Self.fullHeartbeat.replacingOccurrences(of: "version: \"1.1\"}", with: "version: \"1.1\", no_such_attr: x}")))
        #expect(unknown.0?.contains("attributes.no_such_attr = absent") == true, "\(unknown.0 ?? "")")
    }

    @Test func whatTheDecoderSaysAndTheExampleOmitsFails() throws {
        // The analog frame gives temperature_c, a point and attributes: an example listing only the event fails.
        let (failure, _) = Self.failure(try Self.definition(hex: Self.analog, reading: "      - events: []"))
        #expect(failure?.contains("metric temperature_c = 87.5 is not in the example") == true, "\(failure ?? "")")
        let noAttributes = Self.failure(try Self.definition(hex: Self.heartbeat, reading: "      - events: [heartbeat]\n        at: \"2026-03-14T15:09:26+08:00\""))
        #expect(noAttributes.0?.contains("attributes.command = 2 is not in the example") == true, "\(noAttributes.0 ?? "")")
        // ... unless it says it is partial.
        let partial = Self.failure(try Self.definition(hex: Self.analog, reading: "      - metrics: {temperature_c: 87.5}", extra: "    partial: true"))
        #expect(partial.0 == nil, "\(partial.0 ?? "")")
        let absent = Self.failure(try Self.definition(
            hex: Self.analog, reading: "      - metrics: {temperature_c: 87.5}\n        absent_metrics: [temperature_c]", extra: "    partial: true"))
        #expect(absent.0?.contains("must be absent") == true, "\(absent.0 ?? "")")
    }

    @Test func anEventsChannelIsCompared() throws {
        let original = try String(contentsOfFile: (Self.devices as NSString).appendingPathComponent("generic/electrical-fire-monitor.yaml"), encoding: .utf8)
        let wrong = original.replacingOccurrences(of: "{type: over_temperature, channel: 2}", with: "{type: over_temperature, channel: 3}")
        #expect(wrong != original)
        let folder = try TempFolder("defs")
        defer { folder.remove() }
        let file = try folder.write("generic/electrical-fire-monitor.yaml", wrong)
        let def = try DefinitionLoader.load(file: file, root: folder.path)
        let failures = ExampleRunner.run(def, timeZone: Self.shanghai).compactMap(\.failure)
        #expect(failures.count == 1)
        #expect(failures.first?.contains("event over_temperature (channel 3) missing (found over_temperature (channel 2))") == true, "\(failures)")
    }

    @Test func theRulesCIEnforcesAreChecksOfTheirOwn() throws {
        // Two examples, no malformed one, no alarm for a kind that raises alarms.
        let example = "  - description: heartbeat %@\n    input: {hex: \"\(Self.heartbeat)\"}\n    expected:\n\(Self.fullHeartbeat)"
        let (def, file) = try Self.load(examples: String(format: example, "1") + "\n" + String(format: example, "2"))
        let (outcomes, problems) = DefinitionChecks.check(def, timeZone: Self.shanghai)
        #expect(outcomes.allSatisfy { $0.passed })
        let messages = problems.map(\.message)
        #expect(messages.contains { $0.contains("at least 3") }, "\(messages)")
        #expect(messages.contains { $0.contains("malformed example") }, "\(messages)")
        #expect(messages.contains { $0.contains("raises alarms") }, "\(messages)")
        #expect(problems.allSatisfy { $0.line == 8 && $0.file == file }, "\(problems)")
    }
}
