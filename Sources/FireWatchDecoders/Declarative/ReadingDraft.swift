import FireWatchCore
import Foundation

/// A reading being assembled from the fields of one payload (or of one repeated item), before it
/// knows its device and time.
struct ReadingDraft: Sendable {
    var at: Date?
    var point: Point?
    var metrics: [String: Double] = [:]
    var events: [DeviceEvent] = []
    var attributes: [String: JSONValue] = [:]

    /// Expected sizes of the maps, so they are allocated once instead of growing field by field.
    struct Capacity: Sendable {
        var metrics = 0
        var attributes = 0

        init(metrics: Int = 0, attributes: Int = 0) {
            self.metrics = metrics
            self.attributes = attributes
        }

        /// What `fields` (and `channels` items of each) put into one reading.
        init(_ outputs: [FieldOutput], channels: Int = 1) {
            metrics = min(outputs.filter { $0.metric != nil }.count * channels, 32)
            attributes = min(outputs.filter { $0.attribute != nil }.count, 32)
        }
    }

    init(capacity: Capacity = Capacity()) {
        // Only worth it for several entries: sizing goes through the runtime's generic metadata.
        if capacity.metrics > 3 { metrics = Dictionary(minimumCapacity: capacity.metrics) }
        if capacity.attributes > 3 { attributes = Dictionary(minimumCapacity: capacity.attributes) }
    }

    /// Adds `event` unless the same type on the same channel is already there: two fields may say the
    /// same thing (an alarm bit and an alarm code), and rules count events, not fields.
    mutating func add(_ event: DeviceEvent) {
        if !events.contains(where: { $0.type == event.type && $0.channel == event.channel }) { events.append(event) }
    }

    mutating func add(_ types: [EventType], channel: Int? = nil) {
        for type in types { add(DeviceEvent(type, channel: channel)) }
    }

    mutating func setPoint(_ field: PointField, _ value: FieldValue) {
        var p = point ?? Point()
        let int = value.number.flatMap { $0.isFinite && abs($0) < 1e15 ? Int($0) : nil }
        switch field {
        case .systemType: p.systemType = int
        case .systemAddress: p.systemAddress = int
        case .componentType: p.componentType = int
        case .zone: p.zone = int
        case .position: p.position = int
        case .channel: p.channel = int
        case .description:
            if case .text(let s) = value { p.description = s } else { p.description = value.number.map(FieldValue.integerText) }
        }
        point = p
    }

    func reading(_ context: DecodeContext, snapshot: Bool) -> Reading {
        Reading(
            device: context.device, model: context.model, at: at ?? context.receivedAt, point: point,
            metrics: metrics, events: events, attributes: attributes, snapshot: snapshot)
    }
}

/// Which part of a reading's `point` a field fills.
enum PointField: String, CaseIterable, Sendable {
    case systemType = "system_type", systemAddress = "system_address", componentType = "component_type"
    case zone, position, channel, description
}
