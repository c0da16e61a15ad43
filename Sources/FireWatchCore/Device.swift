/// A registered device (registry entry): which model decodes it and where responders must go.
public struct Device: Codable, Hashable, Sendable {
    /// `[A-Za-z0-9_.-]{1,64}`; the id found in the device's topic.
    public var id: String
    /// `vendor/model`, a definition under `Devices/`.
    public var model: String
    public var location: GeoPoint
    /// Free text shown to responders.
    public var address: String
    /// Street or town (街镇) id.
    public var street: String
    /// Neighbourhood committee (居委) id.
    public var community: String
    /// Detectors sharing a building confirm each other.
    public var building: String?
    /// Expected heartbeat interval; nil means the model definition's default.
    public var heartbeatSeconds: Int?
    /// A GB/T 26875.3 transmission device's 6-byte source address as 12 lowercase hex digits, low byte
    /// first: how a frame over TCP is matched to this entry.
    public var gbAddress: String?
    /// The baseline-register unit (底数清册) it belongs to (`geography.units`).
    public var unit: String?
    /// The people responsible for where it is (registry `contacts`: household, property, community,
    /// unit), told of its alarms in tiers (`notify.contacts`). Not in `CodingKeys`: people's numbers are
    /// never written out (not in the API, not in a stored row); only the registry file sets them.
    public var contacts: [Contact] = []

    public init(
        id: String, model: String, location: GeoPoint, address: String, street: String, community: String,
        building: String? = nil, heartbeatSeconds: Int? = nil, gbAddress: String? = nil, unit: String? = nil, contacts: [Contact] = []
    ) {
        self.id = id
        self.model = model
        self.location = location
        self.address = address
        self.street = street
        self.community = community
        self.building = building
        self.heartbeatSeconds = heartbeatSeconds
        self.gbAddress = gbAddress
        self.unit = unit
        self.contacts = contacts
    }

    enum CodingKeys: String, CodingKey {
        case id, model, location, address, street, community, building, unit
        case heartbeatSeconds = "heartbeat_s"
        case gbAddress = "gb_address"
    }

    /// Whether `id` is a valid device id.
    public static func isValidID(_ id: String) -> Bool {
        guard (1...64).contains(id.utf8.count) else { return false }
        return id.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
                || b == 0x2E || b == 0x2D
        }
    }
}
