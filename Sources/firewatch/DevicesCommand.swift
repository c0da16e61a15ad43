import ArgumentParser
import FireWatchDecoders
import Foundation

/// `firewatch devices test|list [DIR]`
struct Devices: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Vendor device definitions: run their examples, list them.", subcommands: [Test.self, List.self])

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run every example of every definition; exit 1 if any fails.")
        @Argument(help: "Definitions folder.") var dir = "Devices"
        @Option(help: "Timezone of device clocks that send local time.") var timezone = "Asia/Shanghai"

        func run() throws {
            guard let tz = TimeZone(identifier: timezone) else { printError("unknown timezone \(timezone)"); throw Exit.usage }
            let catalog = DefinitionCatalog.load(folders: [dir])
            var failed = catalog.problems.count
            for p in catalog.problems { print("FAIL \(p)") }
            var passed = 0
            // The same checks CI runs (DefinitionChecks): the examples, and the rules every definition must pass.
            for def in catalog.definitions.values.sorted(by: { $0.id < $1.id }) {
                let (outcomes, problems) = DefinitionChecks.check(def, timeZone: tz)
                for o in outcomes {
                    let place = o.line.map { "\(o.file):\($0)" } ?? o.file
                    if let f = o.failure { print("FAIL \(place): \(o.model) \(o.description): \(f)"); failed += 1 }
                    else { print("ok   \(o.model) \(o.description)"); passed += 1 }
                }
                for p in problems {
                    print("FAIL \(p)")
                    failed += 1
                }
            }
            print("\(passed) passed, \(failed) failed")
            if failed > 0 { throw Exit.failure }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "vendor/model, kind, decoder type, example count.")
        @Argument(help: "Definitions folder.") var dir = "Devices"

        func run() throws {
            let catalog = DefinitionCatalog.load(folders: [dir])
            for p in catalog.problems { printError("\(p)") }
            for def in catalog.definitions.values.sorted(by: { $0.id < $1.id }) {
                print("\(def.id)\t\(def.kind)\t\(def.decoder.type)\t\(def.examples.count) examples")
            }
            if !catalog.problems.isEmpty { throw Exit.failure }
        }
    }
}
