import Foundation

/// A WGS84 position. FireWatch stores and computes in WGS84 only; map layers that need GCJ-02
/// convert at the edge (FIRE-DOMAIN.md).
public struct GeoPoint: Codable, Hashable, Sendable {
    public var lat: Double
    public var lon: Double

    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }

    /// Mean Earth radius used for great-circle distances (IUGG).
    public static let earthRadiusMeters = 6_371_008.8

    /// Great-circle (haversine) distance in metres.
    public func distanceMeters(to other: GeoPoint) -> Double {
        let φ1 = lat * .pi / 180, φ2 = other.lat * .pi / 180
        let dφ = (other.lat - lat) * .pi / 180
        let dλ = (other.lon - lon) * .pi / 180
        let a = sin(dφ / 2) * sin(dφ / 2) + cos(φ1) * cos(φ2) * sin(dλ / 2) * sin(dλ / 2)
        return 2 * GeoPoint.earthRadiusMeters * atan2(a.squareRoot(), (1 - a).squareRoot())
    }

    /// True when both coordinates are finite and on the globe.
    public var isValid: Bool {
        lat.isFinite && lon.isFinite && (-90...90).contains(lat) && (-180...180).contains(lon)
    }
}
