import ArgumentParser
import FireWatchCore
import FireWatchDecoders
import Foundation

/// `firewatch bench-decode [--devices DIR] [--seconds S] [--per-model]`: decode throughput per
/// decoder type on one core (payloads per CPU-second of the decoding thread), over the examples
/// the shipped definitions carry (those that decode to readings). Run it from a release build:
/// debug builds are an order of magnitude slower.
struct BenchDecode: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-decode",
        abstract: "Measure payloads decoded per second per core for each decoder type (binary, tlv, json, builtin).")

    @Option(help: "Definitions folder.") var devices = "Devices"
    @Option(help: "Seconds to measure each decoder type (after a warm-up of a tenth of that).") var seconds = 3.0
    @Option(help: "Timezone of device clocks that send local time.") var timezone = "Asia/Shanghai"
    @Flag(help: "One row per definition instead of per decoder type.") var perModel = false

    /// One payload to decode again and again; a class so the loop does not copy the definition.
    final class Case {
        let definition: DeviceDefinition
        let bytes: [UInt8]
        let fport: Int?

        init(definition: DeviceDefinition, bytes: [UInt8], fport: Int?) {
            self.definition = definition
            self.bytes = bytes
            self.fport = fport
        }
    }

    /// What one decoder type achieved.
    struct Result {
        let type: String
        let definitions: Int
        let payloads: Int
        let decoded: Int
        let readings: Int
        let cpuSeconds: Double

        var perSecond: Double { Double(decoded) / cpuSeconds }
    }

    func run() throws {
        guard let tz = TimeZone(identifier: timezone) else { printError("unknown timezone \(timezone)"); throw Exit.usage }
        guard seconds > 0 else { printError("--seconds must be positive"); throw Exit.usage }
        let catalog = DefinitionCatalog.load(folders: [devices])
        for p in catalog.problems { printError("\(p)") }
        var byType: [String: [Case]] = [:]
        for def in catalog.definitions.values.sorted(by: { $0.id < $1.id }) {
            for example in def.examples where example.expected != nil {
                byType[perModel ? def.id : def.decoder.type, default: []].append(Case(definition: def, bytes: example.bytes, fport: example.fport))
            }
        }
        guard !byType.isEmpty else { printError("no examples to decode under \(devices)"); throw Exit.failure }
        var results: [Result] = []
        for type in byType.keys.sorted(by: Self.order) {
            let cases = byType[type]!
            let definitions = Set(cases.map(\.definition.id)).count
            printError("bench-decode: \(type): \(definitions) definition(s), \(cases.count) payload(s), \(seconds) s ...")
            _ = try measure(cases, for: seconds / 10, timeZone: tz)
            let (decoded, readings, cpuSeconds) = try measure(cases, for: seconds, timeZone: tz)
            let result = Result(
                type: type, definitions: definitions, payloads: cases.count, decoded: decoded, readings: readings,
                cpuSeconds: cpuSeconds)
            printError("bench-decode: \(type): \(Self.grouped(result.perSecond)) payloads/s")
            results.append(result)
        }
        print(Self.table(results))
    }

    /// Decodes the cases round-robin until `duration` has passed; returns payloads, readings and the
    /// CPU seconds this thread spent. CPU time rather than wall time, so the figure is per core even
    /// when other work shares the machine; the clock is read once per round of 64 passes.
    func measure(_ cases: [Case], for duration: Double, timeZone: TimeZone) throws -> (Int, Int, Double) {
        let receivedAt = Date(timeIntervalSince1970: 1_773_472_166)
        let deadline = Date().addingTimeInterval(duration)
        let start = Self.threadCPUSeconds()
        var decoded = 0, readings = 0
        repeat {
            for _ in 0..<64 {
                for c in cases {
                    readings += try c.definition.decode(c.bytes, device: "bench", receivedAt: receivedAt, timeZone: timeZone, fport: c.fport).count
                }
                decoded += cases.count
            }
        } while Date() < deadline
        return (decoded, readings, Self.threadCPUSeconds() - start)
    }

    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// binary, tlv, json, then builtins.
    static func order(_ a: String, _ b: String) -> Bool {
        let rank = ["binary": 0, "tlv": 1, "json": 2]
        return (rank[a] ?? 3, a) < (rank[b] ?? 3, b)
    }

    static func table(_ results: [Result]) -> String {
        var lines = ["| decoder | definitions | payloads | payloads/s per core | ns/payload (CPU) | readings/payload |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
        for r in results {
            let ns = r.cpuSeconds * 1e9 / Double(max(r.decoded, 1))
            let perPayload = Double(r.readings) / Double(max(r.decoded, 1))
            lines.append("| \(r.type) | \(r.definitions) | \(r.payloads) | \(grouped(r.perSecond)) | \(String(format: "%.0f", ns)) | \(String(format: "%.2f", perPayload)) |")
        }
        return lines.joined(separator: "\n")
    }

    static func grouped(_ value: Double) -> String {
        let digits = String(Int(value.rounded()))
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0, i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }
}
