import FireWatchCore
import FireWatchDecoders
import FireWatchTestKit
import Foundation
import Testing

@Suite struct DefinitionLoaderTests {
    let devices = (Repository.root as NSString).appendingPathComponent("Devices")
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    @Test func everyShippedDefinitionLoadsAndPassesItsExamples() throws {
        let catalog = DefinitionCatalog.load(folders: [devices])
        #expect(catalog.problems.isEmpty, "\(catalog.problems)")
        #expect(catalog["gb26875/uitd"] != nil)
        // The checks `firewatch devices test` runs, not a copy of them.
        for def in catalog.definitions.values {
            let (outcomes, problems) = DefinitionChecks.check(def, timeZone: shanghai)
            #expect(problems.isEmpty, "\(problems)")
            for outcome in outcomes {
                #expect(outcome.passed, "\(outcome.file):\(outcome.line ?? 0) \(outcome.model) \(outcome.description): \(outcome.failure ?? "")")
            }
        }
    }

    @Test func builtinIDsAreUnique() {
        let ids = BuiltinDecoders.all.map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    func load(_ text: String, as name: String = "acme/smoke-1.yaml") throws -> DeviceDefinition {
        let folder = try TempFolder("defs")
        defer { folder.remove() }
        let file = try folder.write(name, text)
        return try DefinitionLoader.load(file: file, root: folder.path)
    }

    let valid = """
        id: acme/smoke-1
        vendor: Acme
        name: Test panel
        kind: panel
        decoder:
          builtin: gb26875
        examples:
          - description: heartbeat
            input: {hex: "40 40 0a 00 01 01 1a 09 0f 0e 03 1a 01 10 00 00 00 00 02 20 00 00 00 00 00 00 02 9e 23 23"}
            expected:
              - events: [heartbeat]
            partial: true
        """

    @Test func aValidDefinitionLoads() throws {
        let def = try load(valid)
        #expect(def.id == "acme/smoke-1")
        #expect(def.transport == "raw")
        #expect(def.heartbeatSeconds == 86_400)
        #expect(def.decoder.type == "builtin:gb26875")
        #expect(ExampleRunner.run(def, timeZone: shanghai).allSatisfy { $0.passed })
    }

    @Test(arguments: [
        ("kind: panel", "kind: panel\ncolour: red", 5, "unknown key \"colour\""),
        ("id: acme/smoke-1", "id: acme/smoke-2", 1, "must equal the file's path"),
        ("builtin: gb26875", "builtin: modbus", 6, "unknown builtin decoder \"modbus\""),
        ("events: [heartbeat]", "events: [heartbeet]", 11, "unknown event type \"heartbeet\""),
        ("input: {hex: \"40", "input: {hex: \"4g", 9, "not valid hex"),
    ])
    func mistakesAreReportedWithLine(original: String, replacement: String, line: Int, phrase: String) throws {
        #expect {
            try load(valid.replacingOccurrences(of: original, with: replacement))
        } throws: { error in
            let e = error as! SourceError
            return e.line == line && e.message.contains(phrase)
        }
    }

    @Test func aFailingExampleSaysWhatDiffered() throws {
        let def = try load(valid.replacingOccurrences(of: "events: [heartbeat]", with: "events: [fire_alarm]"))
        let outcome = try #require(ExampleRunner.run(def, timeZone: shanghai).first)
        #expect(outcome.failure?.contains("fire_alarm") == true)
        #expect(outcome.line == 11, "the line of the reading that differs")
    }

    @Test func aBrokenFileDoesNotHideTheOthers() throws {
        let folder = try TempFolder("defs")
        defer { folder.remove() }
        try folder.write("acme/smoke-1.yaml", valid)
        try folder.write("acme/broken.yaml", "id: acme/broken\nvendor: [unclosed")
        let catalog = DefinitionCatalog.load(folders: [folder.path])
        #expect(catalog.definitions.keys.sorted() == ["acme/smoke-1"])
        #expect(catalog.problems.count == 1)
        #expect(catalog.problems[0].file.hasSuffix("acme/broken.yaml"))
        #expect(catalog.problems[0].line != nil)
    }

    @Test func hexInputForms() {
        #expect(PayloadText.hexBytes("40 40 0a") == [0x40, 0x40, 0x0A])
        #expect(PayloadText.hexBytes("0x40,0x41") == [0x40, 0x41])
        #expect(PayloadText.hexBytes("4040FF") == [0x40, 0x40, 0xFF])
        #expect(PayloadText.hexBytes("404") == nil)
        #expect(PayloadText.hexBytes("zz") == nil)
    }

    @Test func theFrameBuilderSpeaksWhatTheDecoderReads() throws {
        let def = try #require(DefinitionCatalog.load(folders: [devices])["gb26875/uitd"])
        let at = Date(timeIntervalSince1970: 1_773_472_166)
        let frames = GB26875FrameBuilder(timeZone: shanghai)
        let fire = frames.componentStates([.init(componentType: 23, zone: 2, position: 9, state: GB26875FrameBuilder.StateBit.fireAlarm)], at: at)
        let readings = try def.decode(fire, device: "d", receivedAt: at, timeZone: shanghai)
        #expect(readings.count == 1)
        #expect(Set(readings[0].events.map(\.type)) == [.fireAlarm, .manualAlarm])
        #expect(readings[0].point?.zone == 2 && readings[0].point?.position == 9)
        #expect(readings[0].at == at)
        let system = try def.decode(frames.systemState(state: GB26875FrameBuilder.StateBit.fault, at: at), device: "d", receivedAt: at, timeZone: shanghai)
        #expect(system.first?.events.map(\.type) == [.fault])
        #expect(try def.decode(frames.heartbeat(at: at), device: "d", receivedAt: at, timeZone: shanghai).first?.events.map(\.type) == [.heartbeat])
    }
}
