import Foundation

/// One normalized observation of a device or of a point inside it (VOCABULARY.md).
/// Every decoder speaks this; every rule reads only this. Vendor words stay in `attributes`.
public struct Reading: Codable, Hashable, Sendable {
    public var device: String
    public var model: String
    /// The device's own time when the payload carries one, else the receive time.
    public var at: Date
    /// The sub-address inside a panel or gateway; nil for single-point devices.
    public var point: Point?
    public var metrics: [String: Double]
    public var events: [DeviceEvent]
    public var attributes: [String: JSONValue]
    /// True when the reading is a full snapshot of its point: conditions it no longer carries have cleared.
    public var snapshot: Bool

    public init(
        device: String, model: String, at: Date, point: Point? = nil, metrics: [String: Double] = [:],
        events: [DeviceEvent] = [], attributes: [String: JSONValue] = [:], snapshot: Bool = false
    ) {
        self.device = device
        self.model = model
        self.at = at
        self.point = point
        self.metrics = metrics
        self.events = events
        self.attributes = attributes
        self.snapshot = snapshot
    }

    enum CodingKeys: String, CodingKey { case device, model, at, point, metrics, events, attributes, snapshot }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        device = try c.decodeIfPresent(String.self, forKey: .device) ?? ""
        model = try c.decodeIfPresent(String.self, forKey: .model) ?? ""
        at = try c.decodeIfPresent(Date.self, forKey: .at) ?? Date(timeIntervalSince1970: 0)
        point = try c.decodeIfPresent(Point.self, forKey: .point)
        metrics = try c.decodeIfPresent([String: Double].self, forKey: .metrics) ?? [:]
        events = try c.decodeIfPresent([DeviceEvent].self, forKey: .events) ?? []
        attributes = try c.decodeIfPresent([String: JSONValue].self, forKey: .attributes) ?? [:]
        snapshot = try c.decodeIfPresent(Bool.self, forKey: .snapshot) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(device, forKey: .device)
        try c.encode(model, forKey: .model)
        try c.encode(at, forKey: .at)
        try c.encodeIfPresent(point, forKey: .point)
        try c.encode(metrics, forKey: .metrics)
        try c.encode(events, forKey: .events)
        try c.encode(attributes, forKey: .attributes)
        if snapshot { try c.encode(true, forKey: .snapshot) }
    }

    /// True when the reading carries an event of `type`.
    public func has(_ type: EventType) -> Bool { events.contains { $0.type == type } }
}

/// The sub-address of a reading inside a panel or gateway (GB/T 26875.3 system/component addressing).
public struct Point: Codable, Hashable, Sendable {
    public var systemType: Int?
    public var systemAddress: Int?
    public var componentType: Int?
    public var zone: Int?
    public var position: Int?
    public var channel: Int?
    public var description: String?

    public init(
        systemType: Int? = nil, systemAddress: Int? = nil, componentType: Int? = nil, zone: Int? = nil,
        position: Int? = nil, channel: Int? = nil, description: String? = nil
    ) {
        self.systemType = systemType
        self.systemAddress = systemAddress
        self.componentType = componentType
        self.zone = zone
        self.position = position
        self.channel = channel
        self.description = description
    }

    enum CodingKeys: String, CodingKey {
        case systemType = "system_type", systemAddress = "system_address", componentType = "component_type"
        case zone, position, channel, description
    }

    /// Identity of the point for folding: the address, never the free-text description.
    public var key: String {
        [systemType, systemAddress, componentType, zone, position, channel]
            .map { $0.map(String.init) ?? "" }.joined(separator: "/")
    }
}

extension Optional where Wrapped == Point {
    /// Folding key of an optional point; the empty string for single-point devices.
    public var key: String { self?.key ?? "" }
}

/// An event inside a reading: `{"type": T}` plus an optional channel and value.
public struct DeviceEvent: Codable, Hashable, Sendable {
    public var type: EventType
    public var channel: Int?
    public var value: Double?

    public init(_ type: EventType, channel: Int? = nil, value: Double? = nil) {
        self.type = type
        self.channel = channel
        self.value = value
    }
}
