import FireWatchCore
import Foundation

/// What a simulated device wants to say, in the vocabulary's words: the input of the encode
/// direction (`DeviceDefinition.encode`). Encoding picks the layout or records that can say it and
/// produces the bytes a real device of that model would send; decoding them gives these metrics and
/// events back.
public struct DeviceSample: Sendable {
    public var metrics: [String: Double]
    public var events: [DeviceEvent]
    /// Vendor words (`device_code`, `software_version`), carried where the format has a field for them.
    public var attributes: [String: JSONValue]
    public var point: Point?
    /// The device's clock, for formats that carry a time.
    public var at: Date

    /// `events` are channel-less event types; `channelEvents` add events with a channel
    /// (`over_temperature` on cable channel 2).
    public init(
        metrics: [String: Double] = [:], events: [EventType] = [], channelEvents: [DeviceEvent] = [],
        attributes: [String: JSONValue] = [:], point: Point? = nil, at: Date
    ) {
        self.metrics = metrics
        self.events = events.map { DeviceEvent($0) } + channelEvents
        self.attributes = attributes
        self.point = point
        self.at = at
    }

    func has(_ type: EventType, channel: Int?) -> Bool {
        events.contains { $0.type == type && $0.channel == channel }
    }

    /// The sample moved to where a format can say it: a channel-less event or metric the format only
    /// has per channel goes to the lowest such channel ("over_temperature" and "temperature_c" on
    /// cable 1), a channel event the format has no channel for loses its channel.
    func fitted(to items: Set<SampleItem>) -> DeviceSample {
        var copy = self
        copy.events = events.map { e in
            if items.contains(.event(e.type, e.channel)) { return e }
            if e.channel != nil, items.contains(.event(e.type, nil)) { return DeviceEvent(e.type, value: e.value) }
            let channels = items.compactMap { item -> Int? in
                if case .event(let type, let channel?) = item, type == e.type { return channel }
                return nil
            }
            if e.channel == nil, let first = channels.min() { return DeviceEvent(e.type, channel: first, value: e.value) }
            return e
        }
        for (name, value) in metrics where !items.contains(.metric(name)) {
            let channels = items.compactMap { item -> Int? in
                guard case .metric(let other) = item, other.hasPrefix(name + "_") else { return nil }
                return Int(other.dropFirst(name.count + 1))
            }
            guard let first = channels.min(), copy.metrics["\(name)_\(first)"] == nil else { continue }
            copy.metrics["\(name)_\(first)"] = value
            copy.metrics[name] = nil
        }
        return copy
    }

    /// The channels the sample names: on its events and as `_N` suffixes of its metrics.
    var channels: [Int] {
        let metricChannels = metrics.keys.compactMap { name in name.split(separator: "_").last.flatMap { Int($0) } }
        return events.compactMap(\.channel) + metricChannels
    }

    /// Everything the sample says, as items an encoder must find a place for.
    var items: Set<SampleItem> {
        var out = Set(metrics.keys.map(SampleItem.metric))
        out.formUnion(events.map { SampleItem.event($0.type, $0.channel) })
        out.formUnion(attributes.keys.map(SampleItem.attribute))
        return out
    }
}

/// One thing a sample says, and one thing a field, record or layout can say.
enum SampleItem: Hashable, Sendable {
    case metric(String)
    case event(EventType, Int?)
    case attribute(String)
}

/// A device payload ready to publish: the bytes, and the LoRaWAN fPort a network server would report.
public struct EncodedPayload: Sendable, Equatable {
    public var bytes: [UInt8]
    public var fport: Int?

    public init(bytes: [UInt8], fport: Int? = nil) {
        self.bytes = bytes
        self.fport = fport
    }
}

/// Why a sample could not be encoded for a model: it names the definition part that could not say it.
public struct EncodeError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
