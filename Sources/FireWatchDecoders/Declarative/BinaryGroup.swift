import FireWatchCore
import Foundation

/// Repeated items inside a binary layout: cached records (one reading each, with per-item
/// timestamps) or measurement channels (merged into the main reading as `metric_N` and events on
/// channel N). The count is fixed, read from a field, or "as many as fit".
struct BinaryGroup: Sendable {
    enum Count: Sendable {
        case fixed(Int)
        /// Index of the layout field holding the count.
        case field(Int)
        /// As many whole items as lie between the group's start and the layout's tail.
        case rest
    }

    enum Mode: Sendable {
        /// Each item is its own reading (history records).
        case readings
        /// Items are channels `first`, `first + 1`, ... of the main reading.
        case channels(first: Int)
    }

    /// When each item was measured: `base` (a time field) minus whole `step`s, the newest item last
    /// (oldest first, as cached records usually are) or first.
    struct ItemTime: Sendable {
        enum Step: Sendable {
            case seconds(Double)
            case field(Int)
        }
        var base: Int?
        var step: Step
        var newestLast: Bool
    }

    var name: String
    /// Where the first item starts; nil: right after what precedes the group.
    var offset: Int?
    var count: Count
    /// Upper bound on the item count, so work per payload stays bounded whatever a count field says.
    var max: Int
    var itemSize: Int
    var mode: Mode
    var time: ItemTime?
    var fields: [BinaryField]

    var channelBase: Int? {
        if case .channels(let first) = mode { return first }
        return nil
    }

    /// Decodes the items lying at `start`; returns where the group ends. Channel items go into
    /// `main`; record items become readings appended to `readings`.
    func decode(
        _ bytes: [UInt8], start: Int, regionEnd: Int, mustFill: Bool, layout: BinaryLayout,
        main: inout ReadingDraft, readings: inout [Reading], context: DecodeContext
    ) throws(DecodeError) -> Int {
        let n = try itemCount(bytes, start: start, regionEnd: regionEnd, layout: layout)
        guard n <= max else { throw DecodeError(offset: start, field: name, "\(n) items are more than the maximum \(max)") }
        let needed = n * itemSize
        let available = regionEnd - start
        if needed > available || (mustFill && needed != available) {
            throw DecodeError(
                offset: start, field: name,
                "\(n) item(s) of \(itemSize) bytes need \(needed) bytes from offset \(start), the payload has \(Swift.max(available, 0))")
        }
        if let first = channelBase {
            for i in 0..<n { try decodeItem(i, bytes, at: start + i * itemSize, into: &main, channel: first + i, context: context) }
            return start + needed
        }
        let (base, step) = try timing(bytes, layout: layout, main: main, context: context)
        readings.reserveCapacity(readings.count + n)
        for i in 0..<n {
            var draft = ReadingDraft()
            draft.point = main.point
            let stepsBack = time?.newestLast == false ? i : n - 1 - i
            draft.at = base.addingTimeInterval(-Double(stepsBack) * step)
            try decodeItem(i, bytes, at: start + i * itemSize, into: &draft, channel: nil, context: context)
            readings.append(draft.reading(context, snapshot: false))
        }
        return start + needed
    }

    private func decodeItem(
        _ index: Int, _ bytes: [UInt8], at itemStart: Int, into draft: inout ReadingDraft, channel: Int?, context: DecodeContext
    ) throws(DecodeError) {
        for i in fields.indices {
            let position = itemStart + fields[i].offset
            let location = FieldOutput.Location(offset: position, item: .init(group: name, index: index))
            try fields[i].output.apply(fields[i].read(bytes, at: position), to: &draft, channel: channel, at: location, context: context)
        }
    }

    private func itemCount(_ bytes: [UInt8], start: Int, regionEnd: Int, layout: BinaryLayout) throws(DecodeError) -> Int {
        switch count {
        case .fixed(let n): return n
        case .rest:
            let available = Swift.max(regionEnd - start, 0)
            guard available % itemSize == 0 else {
                throw DecodeError(offset: start, field: name, "\(available) bytes from offset \(start) are not a whole number of \(itemSize)-byte items")
            }
            return available / itemSize
        case .field(let index):
            let field = layout.fields[index]
            let position = try layout.position(of: field, in: bytes)
            guard let n = field.read(bytes, at: position).number, n >= 0, n <= Double(max) else {
                throw DecodeError(offset: position, field: field.name, "item count \(field.read(bytes, at: position).shown) is above the maximum \(max) of \(name)")
            }
            return Int(n)
        }
    }

    /// The newest item's time and the seconds between items, read once per payload.
    private func timing(
        _ bytes: [UInt8], layout: BinaryLayout, main: ReadingDraft, context: DecodeContext
    ) throws(DecodeError) -> (base: Date, step: Double) {
        let fallback = main.at ?? context.receivedAt
        guard let time else { return (fallback, 0) }
        var base = fallback
        if let index = time.base {
            let field = layout.fields[index]
            let position = try layout.position(of: field, in: bytes)
            let value = field.read(bytes, at: position)
            guard let date = field.output.time?.date(value, timeZone: context.timeZone) else {
                throw DecodeError(offset: position, field: field.name, "\(value.shown) is not a valid time")
            }
            base = date
        }
        switch time.step {
        case .seconds(let s): return (base, s)
        case .field(let index):
            let field = layout.fields[index]
            return (base, field.read(bytes, at: try layout.position(of: field, in: bytes)).number ?? 0)
        }
    }
}
