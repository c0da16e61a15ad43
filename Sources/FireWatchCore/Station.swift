/// A micro fire station (微型消防站) that can be paged.
public struct Station: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var street: String
    public var kind: Kind
    public var location: GeoPoint
    public var status: Status

    /// Community stations serve a neighbourhood; key-unit stations sit in a key fire-safety unit.
    public enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
        case community, keyUnit = "key_unit"
    }

    /// Whether the station can be paged now.
    public enum Status: String, Codable, Hashable, Sendable, CaseIterable {
        case available, busy, outOfService = "out_of_service"
    }

    public init(id: String, name: String, street: String, kind: Kind, location: GeoPoint, status: Status) {
        self.id = id
        self.name = name
        self.street = street
        self.kind = kind
        self.location = location
        self.status = status
    }
}
