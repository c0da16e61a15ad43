import FireWatchCore

/// One record kind of a TLV payload: `channel id | channel type | value`, the value's size given by
/// its fields (Milesight style: no length byte on the wire). A class: looked up once per record.
final class TLVRecord: Sendable {
    let channel: UInt8
    let type: UInt8
    let name: String
    let size: Int
    /// Offsets relative to the value's first byte.
    let fields: [BinaryField]
    let emit: [EventType]
    /// A history record: its own reading at its own time instead of part of the payload's reading.
    let ownReading: Bool

    init(channel: UInt8, type: UInt8, name: String, size: Int, fields: [BinaryField], emit: [EventType], ownReading: Bool) {
        self.channel = channel
        self.type = type
        self.name = name
        self.size = size
        self.fields = fields
        self.emit = emit
        self.ownReading = ownReading
    }

    var key: UInt16 { UInt16(channel) << 8 | UInt16(type) }
    var label: String { "\(ChecksumSpec.hex(UInt16(channel), 2)) \(ChecksumSpec.hex(UInt16(type), 2))" }
}

/// `decoder: {type: tlv}`: a sequence of channel/type records merged into one reading (history
/// records become readings of their own). An unknown channel stops decoding with its offset: the
/// value's size is unknown, so nothing after it can be trusted. Every record consumes at least its
/// two header bytes, so work is bounded by the payload's length.
struct TLVDecoderSpec: Sendable {
    var records: [TLVRecord]
    var index: [UInt16: Int]
    /// Trailing bytes all equal to this are padding, not records (LoRaWAN frames padded with zeros).
    var padding: UInt8?
    var snapshot: Bool

    func decode(_ bytes: [UInt8], context: DecodeContext) throws(DecodeError) -> [Reading] {
        guard !bytes.isEmpty else { throw DecodeError(offset: 0, field: "record", "empty payload: expected channel/type records") }
        var main = ReadingDraft()
        var history: [Reading] = []
        // Padding is only what follows the last byte that is not padding, and only counts at a record
        // boundary: a record's own value may end in zeros.
        let paddingStart = padding.map { p in (bytes.lastIndex { $0 != p } ?? -1) + 1 } ?? bytes.count
        var i = 0
        while i < bytes.count {
            if i >= paddingStart { break }
            guard i + 2 <= bytes.count else {
                throw DecodeError(offset: i, field: "record", "truncated record: a channel id without its channel type")
            }
            let key = UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
            guard let recordIndex = index[key] else {
                throw DecodeError(
                    offset: i, field: "channel",
                    "unknown channel 0x\(ChecksumSpec.hex(UInt16(bytes[i]), 2)) type 0x\(ChecksumSpec.hex(UInt16(bytes[i + 1]), 2)) (known: \(known))")
            }
            let record = records[recordIndex]
            let start = i + 2
            guard start + record.size <= bytes.count else {
                throw DecodeError(
                    offset: start, field: record.name,
                    "truncated: record \(record.label) needs \(record.size) byte(s), only \(bytes.count - start) left")
            }
            if record.ownReading {
                var draft = ReadingDraft()
                try apply(record, bytes, at: start, to: &draft, context: context)
                history.append(draft.reading(context, snapshot: false))
            } else {
                try apply(record, bytes, at: start, to: &main, context: context)
            }
            i = start + record.size
        }
        if history.isEmpty { return [main.reading(context, snapshot: snapshot)] }
        return [main.reading(context, snapshot: snapshot)] + history
    }

    private func apply(
        _ record: TLVRecord, _ bytes: [UInt8], at start: Int, to draft: inout ReadingDraft, context: DecodeContext
    ) throws(DecodeError) {
        let fields = record.fields
        for i in fields.indices {
            let position = start + fields[i].offset
            try fields[i].output.apply(
                fields[i].read(bytes, at: position), to: &draft, channel: nil, at: .init(offset: position), context: context)
        }
        draft.add(record.emit)
    }

    private var known: String { records.map(\.label).joined(separator: ", ") }
}

extension TLVDecoderSpec {
    static let recordKeys: Set<String> = ["channel", "type", "name", "size", "fields", "emit", "as"]

    /// Reads `decoder: {type: tlv, endian: little, padding: 0x00, records: [...]}`.
    init(_ value: YAMLValue, snapshot: Bool) throws(SourceError) {
        let m = try value.mapping(allowed: ["type", "endian", "padding", "records"])
        let bigEndian = try SpecSyntax.bigEndian(m["endian"], default: false)
        padding = try m["padding"].map { v throws(SourceError) in UInt8(try SpecSyntax.integer(v, in: 0...255, "padding")) }
        self.snapshot = snapshot
        records = []
        index = [:]
        let list = try m.required("records")
        for item in try list.list() {
            let r = try item.mapping(allowed: Self.recordKeys)
            let channel = UInt8(try SpecSyntax.integer(try r.required("channel"), in: 0...255, "channel"))
            let type = UInt8(try SpecSyntax.integer(try r.required("type"), in: 0...255, "type"))
            let fields = try r["fields"].map { v throws(SourceError) in
                try BinaryField.list(v, defaultBigEndian: bigEndian, allowFromEnd: false)
            } ?? []
            let fieldsEnd = fields.map { $0.offset + $0.width }.max() ?? 0
            let size = try r["size"].map { v throws(SourceError) in try SpecSyntax.integer(v, in: 0...1024, "size") } ?? fieldsEnd
            guard size >= fieldsEnd else { throw r.error(at: "size", "size \(size) is smaller than the record's fields (\(fieldsEnd) bytes)") }
            let own = try r["as"].map { v throws(SourceError) in try SpecSyntax.choice(v, ["reading", "main"]) } == "reading"
            let record = TLVRecord(
                channel: channel, type: type, name: try r.optionalString("name") ?? "record", size: size, fields: fields,
                emit: try r["emit"].map(SpecSyntax.events) ?? [], ownReading: own)
            if let other = index[record.key] {
                throw item.error("channel 0x\(record.label) is declared twice (also \"\(records[other].name)\")")
            }
            index[record.key] = records.count
            records.append(record)
        }
        guard !records.isEmpty else { throw list.error("records must not be empty") }
    }
}
