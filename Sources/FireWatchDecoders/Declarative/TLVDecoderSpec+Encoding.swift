import FireWatchCore
import Foundation

/// The encode direction of TLV records: every record that can say something the sample says, in the
/// definition's order, each once.
extension TLVDecoderSpec {
    func encode(_ sample: DeviceSample, timeZone: TimeZone) throws(EncodeError) -> EncodedPayload {
        let sample = sample.fitted(to: records.reduce(into: Set<SampleItem>()) { $0.formUnion($1.items) })
        var remaining = sample.items
        var bytes: [UInt8] = []
        for record in records where !record.ownReading {
            let items = record.items
            guard !items.isDisjoint(with: remaining) else { continue }
            bytes += encode(record, sample, timeZone: timeZone)
            remaining.subtract(items)
        }
        if bytes.isEmpty {
            // Nothing the sample says has a record: send the first measurement, as a periodic report would.
            guard let record = records.first(where: { !$0.ownReading && $0.fields.contains { $0.output.metric != nil } }) else {
                throw EncodeError("the sample says nothing this definition's records carry")
            }
            bytes = encode(record, sample, timeZone: timeZone)
        }
        return EncodedPayload(bytes: bytes)
    }

    private func encode(_ record: TLVRecord, _ sample: DeviceSample, timeZone: TimeZone) -> [UInt8] {
        var value = [UInt8](repeating: 0, count: record.size)
        for field in record.fields {
            guard let v = field.encodedValue(for: sample, channel: nil, timeZone: timeZone) else { continue }
            field.write(v, into: &value, at: field.offset)
        }
        return [record.channel, record.type] + value
    }
}

extension TLVRecord {
    var items: Set<SampleItem> {
        var out = Set(emit.map { SampleItem.event($0, nil) })
        for field in fields { out.formUnion(field.output.items(channel: nil)) }
        return out
    }
}
