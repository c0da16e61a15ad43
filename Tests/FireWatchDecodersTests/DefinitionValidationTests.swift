import FireWatchCore
import FireWatchDecoders
import Foundation
import Testing

/// A definition with a mistake is refused at load time with file:line and what to fix, so it never
/// reaches a payload. Line 6 is the first line of the decoder block (after five header lines).
@Suite struct DefinitionValidationTests {
    @Test(arguments: [
        ("  type: xml\n", 6, "must be one of json, binary, tlv"),
        ("  builtin: gb26875\n  type: json\n", 0, ""),
        ("  type: binary\n  fields:\n    - {name: a, type: u8, metric: temprature_c}\n", 8, "unknown metric \"temprature_c\""),
        ("  type: binary\n  fields:\n    - {name: a, type: u12}\n", 8, "unknown type \"u12\""),
        ("  type: binary\n  fields:\n    - {name: a, type: ascii}\n", 8, "needs \"length\""),
        ("  type: binary\n  fields:\n    - {name: a, type: u8, bits: 3-9}\n", 8, "bits 3-9 do not fit a 1-byte field"),
        ("  type: binary\n  fields:\n    - {name: a, type: u8, flags: {8: fault}}\n", 8, "flag bit \"8\" must be a bit number 0...7"),
        ("  type: binary\n  fields:\n    - {name: a, type: u8, event: fire}\n", 8, "unknown event type \"fire\""),
        ("  type: binary\n  fields:\n    - {name: a, type: u8, when: {above: 3}}\n", 8, "\"when\" needs \"event\""),
        ("  type: binary\n  fields:\n    - {name: a, type: u8, labels: {1: on}}\n", 8, "add \"attribute: NAME\""),
        ("  type: binary\n  fields:\n    - {name: a, type: u8, scale: 0}\n", 8, "scale must not be zero"),
        ("  type: binary\n  fields:\n    - {name: a, type: u8, colour: red}\n", 8, "unknown key \"colour\""),
        ("  type: binary\n  fields:\n    - {name: a, type: hex, length: 2, metric: level_m}\n", 8, "cannot be a metric"),
        ("  type: binary\n  fields:\n    - {name: a, type: u32, time: local}\n", 8, "local times are text"),
        ("  type: binary\n  fields:\n    - {name: a, type: u8}\n    - {name: a, type: u8}\n", 9, "\"a\" is used twice"),
        ("  type: binary\n  length: 1\n  fields:\n    - {name: a, offset: 1, type: u16}\n", 9, "field \"a\" (2 byte(s) at byte 1) does not fit the layout's length 1 (line 7)"),
        ("  type: binary\n  length: 4\n  fields:\n    - {name: n, type: u8}\n  groups:\n    - {name: g, count: 2, size: 2, fields: [{name: v, type: u8}]}\n", 11, "group \"g\" (2 item(s) of 2 bytes from byte 1) ends at byte 5, past the layout's length 4"),
        ("  type: binary\n  checksum: {algorithm: crc32, at: -4}\n", 7, "must be one of sum8, xor8, crc16_modbus"),
        ("  type: binary\n  groups:\n    - {name: g, count: n, fields: [{name: v, type: u8}]}\n", 8, "no field named \"n\""),
        ("  type: binary\n  layouts:\n    - {name: x, when: {bytes: {0: 0x100}}}\n", 8, "\"0x100\" is not a byte value"),
        ("  type: binary\n  layouts:\n    - {name: x, when: {}}\n", 8, "when needs fport, bytes or bits"),
        ("  type: binary\n  layouts:\n    - {name: x, when: {bits: {0: {bits: 6-9, equals: 1}}}}\n", 8, "within one byte"),
        ("  type: binary\n  layouts:\n    - {name: x, when: {bits: {0: {bits: 6-7, equals: 4}}}}\n", 8, "does not fit 2 bit(s)"),
        ("  type: tlv\n  records:\n    - {channel: 1, type: 2}\n    - {channel: 1, type: 2}\n", 9, "declared twice"),
        ("  type: tlv\n  records:\n    - {channel: 256, type: 2}\n", 8, "channel must be within 0...255"),
        ("  type: tlv\n  records:\n    - {channel: 1, type: 2, fields: [{name: a, offset: -1, type: u8}]}\n", 8, "offsets from the end are for layout fields only"),
        ("  type: json\n  fields:\n    - {path: \"a..b\", metric: level_m}\n", 8, "is not a JSON path"),
        ("  type: json\n  fields:\n    - {path: a, time: daily}\n", 8, "must be one of unix, unix_ms, rfc3339, local"),
        ("  type: json\n  fields:\n    - {path: a, range: [5, 1]}\n", 8, "range minimum 5.0 is above its maximum 1.0"),
    ])
    func mistakesAreReportedWithTheirLine(block: String, line: Int, phrase: String) throws {
        let error = Inline.loadError(block)
        guard !phrase.isEmpty else {
            #expect(error == nil, "builtin options are passed to the builtin, whatever they are")
            return
        }
        let e = try #require(error)
        #expect(e.line == line, "\(e)")
        #expect(e.message.contains(phrase), "\(e)")
        #expect(e.file.hasSuffix("acme/test-1.yaml"))
    }

    @Test func aDecoderNeedsATypeOrABuiltin() throws {
        let e = try #require(Inline.loadError("  fields: []\n"))
        #expect(e.message.contains("decoder needs \"type: json|binary|tlv\" or \"builtin: NAME\""))
    }

    @Test func aValidDeclarativeDefinitionReportsItsType() throws {
        let def = try Inline.decoder("  type: tlv\n  records:\n    - {channel: 1, type: 0x75, fields: [{name: b, type: u8, metric: battery_pct}]}\n")
        #expect(def.decoder.type == "tlv")
        #expect(def.decoder.builtin == nil)
        #expect(def.decoder.options.isEmpty)
    }
}
