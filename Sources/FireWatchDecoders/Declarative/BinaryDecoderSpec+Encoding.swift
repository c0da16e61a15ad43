import FireWatchCore
import Foundation

/// The encode direction of binary layouts: pick the layout that can say most of the sample, fill
/// its selector bytes, fields, counts and length, then compute its checksums.
extension BinaryDecoderSpec {
    func encode(_ sample: DeviceSample, timeZone: TimeZone) throws(EncodeError) -> EncodedPayload {
        var best: (layout: BinaryLayout, sample: DeviceSample, score: Int)?
        for layout in layouts where layout.reject == nil {
            let items = layout.items(for: sample)
            let fitted = sample.fitted(to: items)
            // Ties go to a measuring layout: a sample with nothing to place becomes a periodic report,
            // not a version or configuration report.
            let measures = layout.fields.contains { $0.output.metric != nil } ? 1 : 0
            let score = items.intersection(fitted.items).count * 2 + measures
            if score > best?.score ?? -1 { best = (layout, fitted, score) }
        }
        guard let best else { throw EncodeError("every layout of this definition rejects its payloads") }
        return best.layout.encode(best.sample, timeZone: timeZone)
    }
}

extension BinaryLayout {
    /// What a payload of this layout can say about `sample` (channels as many as the sample uses).
    func items(for sample: DeviceSample) -> Set<SampleItem> {
        var out = Set(emit.map { SampleItem.event($0, nil) })
        for field in fields { out.formUnion(field.output.items(channel: nil)) }
        for group in groups {
            guard let first = group.channelBase else { continue }
            for channel in first..<(first + itemCount(group, sample)) {
                for field in group.fields { out.formUnion(field.output.items(channel: channel)) }
            }
        }
        return out
    }

    /// Items a group gets when encoding: its fixed count, as many channels as the sample names, and
    /// no cached records (a simulated device has no history).
    private func itemCount(_ group: BinaryGroup, _ sample: DeviceSample) -> Int {
        if case .fixed(let n) = group.count { return n }
        guard let first = group.channelBase else { return 0 }
        return min(max(0, (sample.channels.max() ?? first - 1) - first + 1), group.max)
    }

    func encode(_ sample: DeviceSample, timeZone: TimeZone) -> EncodedPayload {
        let counts = groups.map { itemCount($0, sample) }
        var groupStarts: [Int] = []
        var cursor = headEnd
        for (group, n) in zip(groups, counts) {
            let start = group.offset ?? cursor
            groupStarts.append(start)
            cursor = start + n * group.itemSize
        }
        let total = max(cursor + tailSize, minLength)
        var bytes = [UInt8](repeating: 0, count: total)
        for (offset, values) in selector.bytes where offset < total { bytes[offset] = values[0] }
        for r in selector.bitRanges where r.offset < total {
            let mask = UInt8((1 << r.count) - 1) << UInt8(r.low)
            bytes[r.offset] = bytes[r.offset] & ~mask | (r.values[0] << UInt8(r.low)) & mask
        }
        for field in fields {
            guard let value = field.encodedValue(for: sample, channel: nil, timeZone: timeZone) else { continue }
            field.write(value, into: &bytes, at: field.offset >= 0 ? field.offset : total + field.offset)
        }
        for (i, group) in groups.enumerated() {
            for item in 0..<counts[i] {
                let channel = group.channelBase.map { $0 + item }
                for field in group.fields {
                    guard let value = field.encodedValue(for: sample, channel: channel, timeZone: timeZone) else { continue }
                    field.write(value, into: &bytes, at: groupStarts[i] + item * group.itemSize + field.offset)
                }
            }
            if case .field(let index) = group.count { write(Double(counts[i]), fields[index], into: &bytes) }
        }
        writeMultiplied(sample, into: &bytes)
        if let (index, adjust) = lengthField { write(Double(total - adjust), fields[index], into: &bytes) }
        for checksum in checksums { checksum.write(into: &bytes) }
        return EncodedPayload(bytes: bytes, fport: selector.fports.first)
    }

    /// A metric multiplied by another field: the smallest factor whose raw value fits the field and
    /// gives the metric back exactly (else the smallest that fits), with its code in the other field.
    private func writeMultiplied(_ sample: DeviceSample, into bytes: inout [UInt8]) {
        for (i, m) in multipliers.enumerated() {
            guard let m, let metric = fields[i].output.metricName(channel: nil), let value = sample.metrics[metric] else { continue }
            let product = fields[i].output.scale.invert(value)
            let fitting = m.factors.filter { $0.factor != 0 && abs(product / $0.factor).rounded() <= fields[i].maxRaw }
            guard let pick = fitting.first(where: { abs((product / $0.factor).rounded() * $0.factor - product) < 1e-6 }) ?? fitting.first else { continue }
            write((product / pick.factor).rounded(), fields[i], into: &bytes)
            write(Double(pick.code), fields[m.index], into: &bytes)
        }
    }

    private func write(_ n: Double, _ field: BinaryField, into bytes: inout [UInt8]) {
        field.write(.number(n, bits: nil), into: &bytes, at: field.offset >= 0 ? field.offset : bytes.count + field.offset)
    }
}
