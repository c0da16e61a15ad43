/// The numbers dispatch runs on (config `stations.*`).
public struct DispatchPolicy: Hashable, Sendable {
    /// No ack by then: page the next nearest station.
    public var ackTimeoutSeconds: Double
    /// The 3-minute arrival target.
    public var etaTargetSeconds: Double
    /// ETA = road factor × great-circle distance / speed.
    public var speedKmh: Double
    public var roadFactor: Double
    /// Listed travel times that replace the formula for the pairs they name.
    public var travelTimes: TravelTimes

    public init(
        ackTimeoutSeconds: Double = 60, etaTargetSeconds: Double = 180, speedKmh: Double = 15, roadFactor: Double = 1.3,
        travelTimes: TravelTimes = TravelTimes()
    ) {
        self.ackTimeoutSeconds = ackTimeoutSeconds
        self.etaTargetSeconds = etaTargetSeconds
        self.speedKmh = speedKmh
        self.roadFactor = roadFactor
        self.travelTimes = travelTimes
    }

    /// Estimated travel time for a great-circle distance.
    public func etaSeconds(distanceMeters: Double) -> Double {
        roadFactor * distanceMeters / (speedKmh * 1000 / 3600)
    }
}
