import FireWatchTestKit
import Foundation
import Testing

extension Integration {
    /// `firewatch devices test` fails what CI fails, each with file:line (issue 19).
    @Suite struct DevicesCLITests {
        static let heartbeat = "40 40 0a 00 01 01 1a 09 0f 0e 03 1a 01 10 00 00 00 00 02 20 00 00 00 00 00 00 02 9e 23 23"

        static func run(_ folder: TempFolder) throws -> (Int32, String) {
            let p = try ChildProcess(Repository.executable("firewatch"), ["devices", "test", folder.path])
            let status = try p.waitForExit(seconds: 60)
            return (status, p.text)
        }

        @Test func twoExamplesWithoutAMalformedOneFailWithFileAndLine() throws {
            let folder = try TempFolder("defs")
            defer { folder.remove() }
            let example = """
                  - description: heartbeat %@
                    input: {hex: "\(Self.heartbeat)"}
                    expected:
                      - events: [heartbeat]
                        attributes: {command: 2, destination_address: 8194, serial: 10, source_address: 4097, version: "1.1"}
                        at: "2026-03-14T15:09:26+08:00"
                """
            let file = try folder.write("acme/panel-1.yaml", """
                id: acme/panel-1
                vendor: Acme
                name: Test panel
                kind: panel
                decoder:
                  builtin: gb26875
                examples:
                \(String(format: example, "1"))
                \(String(format: example, "2"))
                """)
            let (status, text) = try Self.run(folder)
            #expect(status != 0, "\(text)")
            #expect(text.contains("FAIL \(file):8: acme/panel-1: has 2 example(s)"), "\(text)")
            #expect(text.contains("needs a malformed example"), "\(text)")
            #expect(text.contains("2 passed"), "\(text)")

            // A wrong attribute in an otherwise correct example fails at its reading's line.
            try folder.write("acme/panel-1.yaml", try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "serial: 10", with: "serial: 12"))
            let (again, wrong) = try Self.run(folder)
            #expect(again != 0)
            #expect(wrong.contains("FAIL \(file):11: acme/panel-1 heartbeat 1: reading 1: attributes.serial = 10, expected 12"), "\(wrong)")
        }

        @Test func theShippedDefinitionsPass() throws {
            let p = try ChildProcess(Repository.executable("firewatch"), ["devices", "test", (Repository.root as NSString).appendingPathComponent("Devices")])
            #expect(try p.waitForExit(seconds: 60) == 0, "\(p.text.suffix(3000))")
            #expect(!p.text.contains("FAIL"))
        }
    }
}
