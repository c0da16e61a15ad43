import Foundation

/// A hazard a patrol found (防火巡查), as `POST /api/v1/hazards` and `firewatch hazards open` send it.
public struct PatrolReport: Sendable {
    public var kind: HazardKind
    public var street: String
    public var community: String?
    public var unit: String?
    public var device: String?
    public var location: GeoPoint?
    public var address: String?
    public var description: String
    /// Checked photos (`HazardPhoto.validated`), in order.
    public var photos: [PhotoUpload]
    /// Who must rectify it; nil: the unit's first responsible person.
    public var assignee: Contact?

    public init(
        kind: HazardKind, street: String, community: String? = nil, unit: String? = nil, device: String? = nil,
        location: GeoPoint? = nil, address: String? = nil, description: String,
        photos: [PhotoUpload] = [], assignee: Contact? = nil
    ) {
        self.kind = kind
        self.street = street
        self.community = community
        self.unit = unit
        self.device = device
        self.location = location
        self.address = address
        self.description = description
        self.photos = photos
        self.assignee = assignee
    }
}

