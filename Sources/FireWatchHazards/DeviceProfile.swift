import FireWatchCore

/// A registered device as the hazard rules need it: the registry entry plus what its model definition
/// says (kind, default heartbeat). The pipeline builds one from the registry and the definition catalog.
public struct DeviceProfile: Hashable, Sendable {
    public var device: Device
    /// The model definition's `kind`: smoke, heat, electrical, gas, pressure, panel, ...
    public var kind: String
    /// The heartbeat the device keeps: the registry's `heartbeat_s`, else the definition's; 0 for a
    /// device that keeps none (never judged offline).
    public var heartbeatSeconds: Int

    public init(device: Device, kind: String, defaultHeartbeatSeconds: Int) {
        self.device = device
        self.kind = kind
        self.heartbeatSeconds = device.heartbeatSeconds ?? defaultHeartbeatSeconds
    }

    public var id: String { device.id }
}

extension Device {
    /// The registry facts an alarm carries, for records made from an alarm alone (chronic false alarms).
    init(of alarm: Alarm) {
        self.init(
            id: alarm.device, model: alarm.model, location: alarm.location, address: alarm.address,
            street: alarm.street, community: alarm.community, building: alarm.building)
    }
}
