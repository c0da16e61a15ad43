import FireWatchCore
import Foundation

/// The definitions found in one or more folders, and what was wrong with those that failed to load.
/// A broken definition is reported and skipped; the others stay usable.
public struct DefinitionCatalog: Sendable {
    public var definitions: [String: DeviceDefinition]
    public var problems: [SourceError]

    public init(definitions: [String: DeviceDefinition] = [:], problems: [SourceError] = []) {
        self.definitions = definitions
        self.problems = problems
    }

    public subscript(model: String) -> DeviceDefinition? { definitions[model] }

    /// Loads every `<vendor>/<model>.yaml` below each folder.
    public static func load(folders: [String]) -> DefinitionCatalog {
        var catalog = DefinitionCatalog()
        for folder in folders {
            let files: [String]
            do { files = try DefinitionLoader.files(in: folder) } catch {
                catalog.problems.append(error)
                continue
            }
            for file in files {
                do {
                    let def = try DefinitionLoader.load(file: file, root: folder)
                    if let other = catalog.definitions[def.id] {
                        catalog.problems.append(SourceError(file: file, line: nil, "duplicate model id \"\(def.id)\" (also \(other.file))"))
                        continue
                    }
                    catalog.definitions[def.id] = def
                } catch {
                    catalog.problems.append(error)
                }
            }
        }
        return catalog
    }
}

/// Reads `Devices/<vendor>/<model>.yaml` files into `DeviceDefinition`s.
public enum DefinitionLoader {
    static let topKeys: Set<String> = [
        "id", "vendor", "name", "kind", "transport", "heartbeat_s", "docs", "decoder", "examples", "snapshot",
    ]
    static let kinds: Set<String> = ["smoke", "heat", "manual_call_point", "electrical", "gas", "water", "panel", "pressure", "level", "co", "other"]

    /// The definition files below `folder`, sorted, as `folder/vendor/model.yaml`.
    public static func files(in folder: String) throws(SourceError) -> [String] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw SourceError(file: folder, line: nil, "definitions folder does not exist")
        }
        var out: [String] = []
        let vendors = ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        for vendor in vendors where !vendor.hasPrefix(".") {
            let vpath = (folder as NSString).appendingPathComponent(vendor)
            guard fm.fileExists(atPath: vpath, isDirectory: &isDir), isDir.boolValue else { continue }
            for file in ((try? fm.contentsOfDirectory(atPath: vpath)) ?? []).sorted()
            where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
                out.append((vpath as NSString).appendingPathComponent(file))
            }
        }
        return out
    }

    /// Loads and validates one definition; `root` is the definitions folder it lives under.
    public static func load(file: String, root: String) throws(SourceError) -> DeviceDefinition {
        guard let doc = try YAMLValue.load(path: file) else { throw SourceError(file: file, line: nil, "empty definition") }
        let m = try doc.mapping(allowed: topKeys)
        let id = try m.string("id")
        let relative = String(file.dropFirst(root.count).drop(while: { $0 == "/" }))
        let expectedID = (relative as NSString).deletingPathExtension
        guard id == expectedID else {
            throw m.error(at: "id", "id \"\(id)\" must equal the file's path \"\(expectedID)\"")
        }
        let kind = try m.string("kind")
        guard kinds.contains(kind) else {
            throw m.error(at: "kind", "unknown kind \"\(kind)\" (known: \(kinds.sorted().joined(separator: ", ")))")
        }
        let transport = try m.optionalString("transport") ?? "raw"
        guard ["raw", "lorawan"].contains(transport) else {
            throw m.error(at: "transport", "transport must be raw or lorawan")
        }
        let heartbeat = try m.optionalInt("heartbeat_s") ?? 86_400
        guard heartbeat > 0 else { throw m.error(at: "heartbeat_s", "must be positive") }
        let snapshot = try m.optionalBool("snapshot") ?? false
        let decoder = try DecoderEngine.load(try m.required("decoder"), snapshot: snapshot)
        var examples: [DecoderExample] = []
        for item in try m["examples"]?.list() ?? [] { examples.append(try example(item)) }
        return DeviceDefinition(
            id: id, vendor: try m.string("vendor"), name: try m.string("name"), kind: kind, transport: transport,
            heartbeatSeconds: heartbeat, docs: try m.optionalString("docs"), snapshot: snapshot, decoder: decoder,
            examples: examples, file: file)
    }

    static func example(_ value: YAMLValue) throws(SourceError) -> DecoderExample {
        let m = try value.mapping(allowed: ["description", "input", "fport", "expected", "error", "partial"])
        let input = try m.required("input")
        let im = try input.mapping(allowed: ["hex", "base64", "json"])
        let bytes: [UInt8]
        if let hex = try im.optionalString("hex") {
            guard let b = PayloadText.hexBytes(hex) else { throw im.error(at: "hex", "not valid hex") }
            bytes = b
        } else if let b64 = try im.optionalString("base64") {
            guard let d = Data(base64Encoded: b64) else { throw im.error(at: "base64", "not valid base64") }
            bytes = Array(d)
        } else if let json = try im.optionalString("json") {
            bytes = Array(json.utf8)
        } else {
            throw input.error("input needs one of hex, base64, json")
        }
        var expected: [ExpectedReading]?
        if let list = try m["expected"]?.list() {
            var readings: [ExpectedReading] = []
            for item in list { readings.append(try expectedReading(item)) }
            expected = readings
        }
        let error = try m.optionalString("error")
        guard (expected == nil) != (error == nil) else {
            throw value.error("an example needs exactly one of \"expected\" (readings) or \"error\"")
        }
        return DecoderExample(
            description: try m.optionalString("description") ?? "example \(value.path)", bytes: bytes,
            fport: try m.optionalInt("fport"), expected: expected, expectedError: error, partial: try m.optionalBool("partial") ?? false,
            line: value.line)
    }

    static func expectedReading(_ value: YAMLValue) throws(SourceError) -> ExpectedReading {
        let m = try value.mapping(allowed: ["events", "metrics", "point", "at", "attributes", "absent_metrics", "absent_events"])
        func eventType(_ name: String, _ at: YAMLValue) throws(SourceError) -> String {
            guard EventType(rawValue: name) != nil else { throw at.error("unknown event type \"\(name)\" (VOCABULARY.md)") }
            return name
        }
        var events: [ExpectedEvent]?
        if let list = try m["events"]?.list() {
            var out: [ExpectedEvent] = []
            for e in list {
                if case .mapping = e.node {
                    let em = try e.mapping(allowed: ["type", "channel", "value"])
                    out.append(ExpectedEvent(
                        type: try eventType(try em.string("type"), e), channel: try em.optionalInt("channel"), value: try em.optionalDouble("value")))
                } else {
                    out.append(ExpectedEvent(type: try eventType(try e.string(), e)))
                }
            }
            events = out
        }
        var metrics: [String: Double]?
        if let mm = try m["metrics"]?.mapping() {
            var out: [String: Double] = [:]
            for (k, v) in mm.entries { out[k] = try v.double() }
            metrics = out
        }
        var point: [String: JSONValue]?
        if let pv = m["point"], case .object(let o) = try pv.json() { point = o }
        var attributes: [String: JSONValue]?
        if let av = m["attributes"] {
            guard case .object(let o) = try av.json() else { throw av.error("attributes must be a mapping of name: value") }
            attributes = o
        }
        var absentMetrics: [String] = []
        for v in try m["absent_metrics"]?.list() ?? [] { absentMetrics.append(try v.string()) }
        var absentEvents: [String] = []
        for v in try m["absent_events"]?.list() ?? [] { absentEvents.append(try eventType(try v.string(), v)) }
        return ExpectedReading(
            events: events, metrics: metrics, point: point, attributes: attributes, at: try m.optionalString("at"),
            absentMetrics: absentMetrics, absentEvents: absentEvents, line: value.line)
    }
}

/// Payload text forms used by examples and the CLI.
public enum PayloadText {
    /// `40 40 07 00`, `40400700` or `0x40,0x40` → bytes; nil when not hex.
    public static func hexBytes(_ text: String) -> [UInt8]? {
        var digits: [UInt8] = []
        var s = Substring(text)
        while !s.isEmpty {
            if s.hasPrefix("0x") || s.hasPrefix("0X") { s = s.dropFirst(2); continue }
            let c = s.removeFirst()
            if c == " " || c == "," || c == ":" || c == "\n" || c == "\t" || c == "-" { continue }
            guard let v = c.hexDigitValue else { return nil }
            digits.append(UInt8(v))
        }
        guard digits.count % 2 == 0 else { return nil }
        return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }

    /// Bytes as lowercase hex without separators. Built from a digit table: decoders call this for
    /// every marker and code field, and `String(format:)` costs a microsecond per byte.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for b in bytes {
            out.append(hexDigits[Int(b >> 4)])
            out.append(hexDigits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
