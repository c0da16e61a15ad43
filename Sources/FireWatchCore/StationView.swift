/// A station as `GET /api/v1/stations` shows it: the station's own fields, plus the dispatches it is
/// working on and whether its street still has an available station (coverage).
public struct StationView: Encodable, Sendable {
    public var station: Station
    /// `alarm_id/dispatch_id` of pages awaiting its answer or accepted by it.
    public var openDispatches: [String]
    /// False when no station of its street is available: a neighbour should move up.
    public var streetCovered: Bool

    public init(station: Station, openDispatches: [String], streetCovered: Bool) {
        self.station = station
        self.openDispatches = openDispatches
        self.streetCovered = streetCovered
    }

    enum Extra: String, CodingKey { case openDispatches = "open_dispatches", streetCovered = "street_covered" }

    /// The station's keys and the extra ones in one object, so a client reading `[Station]` still can.
    public func encode(to encoder: any Encoder) throws {
        try station.encode(to: encoder)
        var c = encoder.container(keyedBy: Extra.self)
        try c.encode(openDispatches, forKey: .openDispatches)
        try c.encode(streetCovered, forKey: .streetCovered)
    }
}
