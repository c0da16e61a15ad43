/// The district's places (`geography.file`, `geography.units`): streets and towns (街镇) with their
/// communities (居委), each with names and a centre, and the baseline register of units (底数清册).
/// Ids are what the registry, alarms and hazards carry; names are what people read.
public struct Geography: Sendable, Hashable {
    /// Streets in the file's order.
    public private(set) var streets: [Place] = []
    public private(set) var communities: [String: Place] = [:]
    public private(set) var units: [String: BaselineUnit] = [:]
    private var streetIndex: [String: Int] = [:]

    public init(streets: [Place] = [], units: [BaselineUnit] = []) {
        for s in streets { add(street: s) }
        for u in units { self.units[u.id] = u }
    }

    /// Adds a street with its communities (`place.communities`); a repeated id replaces the earlier one.
    public mutating func add(street: Place) {
        if let i = streetIndex[street.id] { streets[i] = street } else {
            streetIndex[street.id] = streets.count
            streets.append(street)
        }
        for var c in street.communities {
            c.street = street.id
            communities[c.id] = c
        }
    }

    public mutating func add(unit: BaselineUnit) { units[unit.id] = unit }

    public var isEmpty: Bool { streets.isEmpty && units.isEmpty }

    public func street(_ id: String) -> Place? { streetIndex[id].map { streets[$0] } }

    /// The street's name in `language` (`zh`, `en`), else its id.
    public func streetName(_ id: String, english: Bool = false) -> String { street(id)?.name(english: english) ?? id }

    public func communityName(_ id: String, english: Bool = false) -> String { communities[id]?.name(english: english) ?? id }

    public func unitName(_ id: String) -> String { units[id]?.name ?? id }

    /// Names by id at one level, for the index and reports.
    public func names(streets wanted: Bool, english: Bool = false) -> [String: String] {
        var names: [String: String] = [:]
        if wanted { for s in streets { names[s.id] = s.name(english: english) } } else {
            for (id, c) in communities { names[id] = c.name(english: english) }
        }
        return names
    }

    /// A street or community: an id, a Chinese name, an English one, a centre.
    public struct Place: Codable, Hashable, Sendable {
        public var id: String
        public var name: String
        public var nameEN: String?
        /// `street` or `town` for a street (街道 or 镇); nil for a community.
        public var kind: String?
        public var centre: GeoPoint?
        /// A community's street.
        public var street: String?
        /// A street's communities.
        public var communities: [Place]
        /// Who is told of an alarm there when nobody nearer answers: the street office on duty, the
        /// community committee (`contacts` in `geography.file`).
        public var contacts: [Contact]

        public init(
            id: String, name: String, nameEN: String? = nil, kind: String? = nil, centre: GeoPoint? = nil,
            street: String? = nil, communities: [Place] = [], contacts: [Contact] = []
        ) {
            self.id = id
            self.name = name
            self.nameEN = nameEN
            self.kind = kind
            self.centre = centre
            self.street = street
            self.communities = communities
            self.contacts = contacts
        }

        public func name(english: Bool) -> String { english ? (nameEN ?? name) : name }

        enum CodingKeys: String, CodingKey { case id, name, nameEN = "name_en", kind, centre, street, communities }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encodeIfPresent(nameEN, forKey: .nameEN)
            try c.encodeIfPresent(kind, forKey: .kind)
            try c.encodeIfPresent(centre, forKey: .centre)
            try c.encodeIfPresent(street, forKey: .street)
            if kind != nil { try c.encode(communities, forKey: .communities) }
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            name = try c.decode(String.self, forKey: .name)
            nameEN = try c.decodeIfPresent(String.self, forKey: .nameEN)
            kind = try c.decodeIfPresent(String.self, forKey: .kind)
            centre = try c.decodeIfPresent(GeoPoint.self, forKey: .centre)
            street = try c.decodeIfPresent(String.self, forKey: .street)
            communities = try c.decodeIfPresent([Place].self, forKey: .communities) ?? []
            // Phone numbers stay out of the API's geography: only the file sets them.
            contacts = []
        }
    }
}

/// A unit of the baseline register (底数清册): a building, a key fire-safety unit (消防安全重点单位) or a
/// residential compound, with the people responsible for it. Devices and hazards name it by `id`.
public struct BaselineUnit: Codable, Hashable, Sendable {
    public enum Category: String, Codable, CaseIterable, Hashable, Sendable {
        case keyUnit = "key_unit", residential, building

        public var chinese: String {
            switch self {
            case .keyUnit: "消防安全重点单位"
            case .residential: "住宅小区"
            case .building: "楼宇"
            }
        }
    }

    public var id: String
    public var name: String
    public var category: Category
    public var address: String
    public var street: String
    public var community: String
    public var location: GeoPoint?
    /// Who answers for it (消防安全责任人/管理人): the assignee of its hazards unless one is named.
    public var responsible: [Contact]

    public init(
        id: String, name: String, category: Category, address: String, street: String, community: String,
        location: GeoPoint? = nil, responsible: [Contact] = []
    ) {
        self.id = id
        self.name = name
        self.category = category
        self.address = address
        self.street = street
        self.community = community
        self.location = location
        self.responsible = responsible
    }
}

/// A person to reach: a unit's responsible person, a hazard's assignee, a device's household.
public struct Contact: Codable, Hashable, Sendable {
    public var name: String
    public var phone: String?
    /// `household`, `property`, `community`, `unit` (registry `contacts`), or a free word.
    public var role: String?

    public init(name: String, phone: String? = nil, role: String? = nil) {
        self.name = name
        self.phone = phone
        self.role = role
    }
}
