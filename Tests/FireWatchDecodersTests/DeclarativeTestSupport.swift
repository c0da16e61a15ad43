import FireWatchCore
import FireWatchDecoders
import FireWatchTestKit
import Foundation

/// Loads definitions written inline in tests, the way a vendor's file would be loaded.
enum Inline {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    static let receivedAt = Date(timeIntervalSince1970: 1_773_472_166)

    /// The definition in `yaml` (a whole file); `id` must match the file name it is written to.
    static func definition(_ yaml: String, id: String = "acme/test-1") throws -> DeviceDefinition {
        let folder = try TempFolder("defs")
        defer { folder.remove() }
        let file = try folder.write("\(id).yaml", yaml)
        return try DefinitionLoader.load(file: file, root: folder.path)
    }

    /// A definition around a `decoder:` block (indented by two spaces) with a trivial example.
    static func decoder(_ block: String, kind: String = "other", extra: String = "") throws -> DeviceDefinition {
        try definition(header(kind: kind, extra: extra) + block)
    }

    static func header(kind: String = "other", extra: String = "") -> String {
        "id: acme/test-1\nvendor: Acme\nname: Test\nkind: \(kind)\n\(extra)decoder:\n"
    }

    /// The load error of a definition that must not load.
    static func loadError(_ block: String) -> SourceError? {
        do {
            _ = try decoder(block)
            return nil
        } catch let error as SourceError {
            return error
        } catch {
            return SourceError(file: "", line: nil, "unexpected \(error)")
        }
    }

    static func hex(_ text: String) -> [UInt8] { PayloadText.hexBytes(text)! }
}

extension DeviceDefinition {
    /// Decodes at the fixed example time in Shanghai.
    func decode(hex: String, fport: Int? = nil) throws(DecodeError) -> [Reading] {
        try decode(Inline.hex(hex), device: "d", receivedAt: Inline.receivedAt, timeZone: Inline.shanghai, fport: fport)
    }

    func decode(json: String) throws(DecodeError) -> [Reading] {
        try decode(Array(json.utf8), device: "d", receivedAt: Inline.receivedAt, timeZone: Inline.shanghai)
    }

    /// The decode error of a payload that must not decode.
    func decodeError(hex: String, fport: Int? = nil) -> DecodeError? {
        do {
            _ = try decode(hex: hex, fport: fport)
            return nil
        } catch { return error }
    }
}

extension Reading {
    var eventTypes: Set<EventType> { Set(events.map(\.type)) }
}
